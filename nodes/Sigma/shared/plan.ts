import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemResult } from './items';
import { mapItems } from './items';
import { nodeError } from './validation';

/** What one input item will do, or why it cannot run. */
export type Planned<T> = { value: T } | { error: unknown };

/**
 * Reads and validates every item before anything is sent. Without Continue On Fail the first
 * invalid item stops the node, so a batch is never half-written because of bad input; with it,
 * the invalid items keep their error and the others go on.
 */
export function planItems<T>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	read: (itemIndex: number) => T,
): Array<Planned<T>> {
	return items.map((_, itemIndex) => {
		try {
			return { value: read(itemIndex) };
		} catch (error) {
			if (!context.continueOnFail()) throw nodeError(context.getNode(), error, itemIndex);
			return { error };
		}
	});
}

/** A second validation pass (one that may read from Sigma), still before any write. */
export async function checkPlanned<T>(
	context: IExecuteFunctions,
	plan: Array<Planned<T>>,
	check: (value: T, itemIndex: number) => Promise<void>,
): Promise<void> {
	for (const [itemIndex, entry] of plan.entries()) {
		if (!('value' in entry)) continue;
		try {
			await check(entry.value, itemIndex);
		} catch (error) {
			if (!context.continueOnFail()) throw nodeError(context.getNode(), error, itemIndex);
			plan[itemIndex] = { error };
		}
	}
}

/** The planned values that passed validation, with their item indexes. */
export function readyItems<T>(plan: Array<Planned<T>>): Array<{ itemIndex: number; value: T }> {
	const ready: Array<{ itemIndex: number; value: T }> = [];
	for (const [itemIndex, entry] of plan.entries()) {
		if ('value' in entry) ready.push({ itemIndex, value: entry.value });
	}
	return ready;
}

/**
 * Runs `work` for each valid item; invalid ones become their error item (Continue On Fail).
 * With concurrency above 1, the first valid item runs alone: when the credential has no access
 * token yet, one request fetches it instead of every parallel request asking for its own.
 */
export async function runPlanned<T>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: Array<Planned<T>>,
	work: (value: T, itemIndex: number) => Promise<ItemResult>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	let first: Promise<ItemResult> | undefined;
	return await mapItems.call(
		context,
		items,
		async (itemIndex) => {
			const entry = plan[itemIndex];
			if (!('value' in entry)) throw entry.error;
			if (concurrency > 1) {
				if (first === undefined) return await (first = work(entry.value, itemIndex));
				await first.catch(() => undefined);
			}
			return await work(entry.value, itemIndex);
		},
		concurrency,
	);
}
