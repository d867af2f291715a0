import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from './items';
import { mapItems } from './items';
import { SCIM_ID_PATTERN } from './scimDescriptions';
import { notTextProblem } from './validation';

export type Prepared<T> = { value: T } | { error: unknown };

/**
 * Reads and checks every item's parameters before any request is sent. Without Continue On Fail
 * the first invalid item stops the node before anything is written; with it, invalid items keep
 * their error and the others go on.
 */
export function prepareScimItems<T>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	prepare: (itemIndex: number) => T,
): Array<Prepared<T>> {
	const prepared = items.map((_item, itemIndex): Prepared<T> => {
		try {
			return { value: prepare(itemIndex) };
		} catch (error) {
			return { error };
		}
	});
	const invalid = prepared.find((entry) => 'error' in entry);
	if (invalid && 'error' in invalid && !context.continueOnFail()) throw invalid.error;
	return prepared;
}

/** `prepareScimItems`, then `work` for each valid item, in input order, each output paired. */
export async function runScimItems<T>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	prepare: (itemIndex: number) => T,
	work: (input: T, itemIndex: number) => Promise<ItemResult>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const prepared = prepareScimItems(context, items, prepare);
	return await mapItems.call(
		context,
		items,
		async (itemIndex) => {
			const entry = prepared[itemIndex];
			if ('error' in entry) throw entry.error;
			return await work(entry.value, itemIndex);
		},
		concurrency,
	);
}

export interface ScimLocator {
	/** `list` and `id` hold an ID; the natural-key mode holds a userName or displayName. */
	mode: string;
	value: string;
	/** Whether `value` is the natural key (userName, displayName) and must be looked up. */
	byKey: boolean;
}

const ID = new RegExp(`^${SCIM_ID_PATTERN}$`);
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Reads a resource locator and checks its value, so that a wrong one is refused before any
 * request. `key` names the locator's natural-key mode.
 */
export function readScimLocator(
	this: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
	locator: { label: string; key: 'userName' | 'displayName' },
): ScimLocator {
	const raw = this.getNodeParameter(parameter, itemIndex) as
		| INodeParameterResourceLocator
		| string
		| number;
	const parsed = typeof raw === 'object' && raw !== null ? raw : { mode: 'id', value: raw };
	const value = String(parsed.value ?? '').trim();
	const mode = String(parsed.mode ?? 'id');
	const byKey = mode === locator.key;
	const fail = (problem: string) =>
		new NodeOperationError(this.getNode(), `${locator.label} (${parameter}) ${problem}`, {
			itemIndex,
		});

	const notText = notTextProblem(parsed.value);
	if (notText !== undefined) throw fail(notText);
	if (value === '') throw fail('is empty: pick one from the list, or enter its ID');
	if (byKey && locator.key === 'userName' && !EMAIL.test(value)) {
		throw fail(`"${value}" is not a user name: enter the user's email, e.g. ann.lee@example.com`);
	}
	if (!byKey && !ID.test(value)) {
		throw fail(`"${value}" is not an ID: IDs have no spaces or slashes. Pick one from the list.`);
	}
	return { mode, value, byKey };
}
