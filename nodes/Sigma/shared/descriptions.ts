import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from './validation';

/** Parameters shared by several operations, built for one operation's displayOptions. */

export function returnAllProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions,
	};
}

export function limitProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1, maxValue: MAX_LIMIT },
		description: 'Max number of results to return',
		displayOptions: {
			...displayOptions,
			show: { ...displayOptions.show, returnAll: [false] },
		},
	};
}

export function simplifyProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return only the fields people usually map (member ID, email, names, ' +
			'member type, user kind, status and timestamps) instead of the full record',
		displayOptions,
	};
}

export const MAX_CONCURRENCY = 10;

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	default: 1,
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	description:
		'How many members are written at once. ' +
		"Sigma's rate limiting (429) is retried with backoff either way.",
};

/** The largest Limit; more than this is what Return All is for. */
export const MAX_LIMIT = 100_000;

/**
 * Undefined when every result is wanted, else the limit. An expression can give any value, so
 * one outside the range is refused rather than quietly changed into another number.
 */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const raw = this.getNodeParameter('limit', itemIndex, 50) as unknown;
	const limit = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		throw invalidInput.call(
			this,
			itemIndex,
			`Limit must be a whole number from 1 to ${MAX_LIMIT}, not ${JSON.stringify(raw)}; ` +
				'enter one in that range, or turn on Return All',
		);
	}
	return limit;
}

/**
 * Concurrency is a property of the run, not of an item, so it is read from the first item; an
 * expression that differs per item has no effect beyond that.
 */
export function readConcurrency(this: IExecuteFunctions): number {
	const value = Number(this.getNodeParameter('options.concurrency', 0, 1));
	if (!Number.isFinite(value)) return 1;
	return Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(value)));
}
