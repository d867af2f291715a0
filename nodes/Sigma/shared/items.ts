import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export type ItemResult = IDataObject | IDataObject[];

/**
 * Runs `work` for each input item, at most `concurrency` at a time, and returns the output items
 * in input order, each paired with its input item. With Continue On Fail, a failing item becomes
 * an `{ error }` item and the others go on; without it, the first failure stops the node.
 */
export async function mapItems(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	work: (itemIndex: number) => Promise<ItemResult>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array(items.length);
	let next = 0;
	let failure: unknown;

	const worker = async () => {
		while (failure === undefined && next < items.length) {
			const itemIndex = next++;
			try {
				results[itemIndex] = toItems(await work(itemIndex), itemIndex);
			} catch (error) {
				if (!this.continueOnFail()) {
					failure ??= error;
					return;
				}
				results[itemIndex] = [errorItem(error, itemIndex)];
			}
		}
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
	);
	if (failure !== undefined) throw failure;
	return results.flat();
}

export function toItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const { message, description } = error as { message?: string; description?: string };
	const json: IDataObject = { error: message ?? String(error) };
	if (description) json.description = description;
	return { json, pairedItem: { item: itemIndex } };
}
