import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SigmaContext } from './request';
import { scimApiRequest, sigmaApiRequest } from './request';

/** Sigma's largest page for members, teams and account types. */
export const MAX_PAGE_SIZE = 1000;

/** A SCIM server clamps `count` to its own maximum and says so in `itemsPerPage`. */
export const SCIM_PAGE_SIZE = 1000;

/** A guard against a server that never stops: 100,000 pages is far beyond any real org. */
const MAX_PAGES = 100_000;

export interface PageOptions {
	qs?: IDataObject;
	/** Stop once this many entries have been read; undefined reads everything. */
	limit?: number;
	itemIndex?: number;
}

type Cursor = string | number | null | undefined;

function entriesOf<T>(response: unknown): { entries: T[]; cursor: Cursor } {
	// Before June 2026 Sigma answered some lists with a bare array; keep reading both shapes.
	if (Array.isArray(response)) return { entries: response as T[], cursor: undefined };
	const body = (response ?? {}) as Record<string, unknown>;
	const list = body.entries ?? body.data ?? body.items ?? [];
	const cursor = (body.nextPage ?? body.nextPageToken) as Cursor;
	return { entries: Array.isArray(list) ? (list as T[]) : [], cursor };
}

function isEnd(cursor: Cursor): cursor is null | undefined | '' {
	return cursor === null || cursor === undefined || cursor === '';
}

async function* pages(
	context: SigmaContext,
	path: string,
	options: PageOptions,
	style: { size: string; cursor: string },
): AsyncGenerator<IDataObject[]> {
	const seen = new Set<string>();
	let cursor: Cursor;
	let read = 0;
	if (options.limit !== undefined && options.limit <= 0) return;

	for (let page = 0; page < MAX_PAGES; page++) {
		const remaining = options.limit === undefined ? MAX_PAGE_SIZE : options.limit - read;
		const qs: IDataObject = { ...options.qs, [style.size]: Math.min(MAX_PAGE_SIZE, remaining) };
		if (!isEnd(cursor)) qs[style.cursor] = String(cursor);

		const response = await sigmaApiRequest.call(context, {
			method: 'GET',
			path,
			qs,
			itemIndex: options.itemIndex,
		});
		const { entries, cursor: next } = entriesOf<IDataObject>(response);
		const kept = options.limit === undefined ? entries : entries.slice(0, options.limit - read);
		read += kept.length;
		if (kept.length > 0) yield kept;

		if (isEnd(next) || (options.limit !== undefined && read >= options.limit)) return;
		const key = String(next);
		if (seen.has(key)) {
			throw new NodeOperationError(
				context.getNode(),
				`Sigma returned the same page cursor twice while listing ${path}; stopping rather ` +
					'than reading the list forever. Try again; if it repeats, report it to Sigma support.',
				{ itemIndex: options.itemIndex },
			);
		}
		seen.add(key);
		cursor = next;
	}
	throw new NodeOperationError(
		context.getNode(),
		`Listing ${path} did not end after ${MAX_PAGES} pages`,
	);
}

// The page readers are not generic: `fn.call(this, ...)` erases a generic's default to `unknown`.

/** Pages of `/v2/members`, `/v2/teams` and their sub-lists: `limit` + `page` -> `nextPage`. */
export function cursorPages(
	this: SigmaContext,
	path: string,
	options: PageOptions = {},
): AsyncGenerator<IDataObject[]> {
	return pages(this, path, options, { size: 'limit', cursor: 'page' });
}

/** Pages of `/v2/accountTypes`: `pageSize` + `pageToken` -> `nextPageToken` (absent at the end). */
export function tokenPages(
	this: SigmaContext,
	path: string,
	options: PageOptions = {},
): AsyncGenerator<IDataObject[]> {
	return pages(this, path, options, { size: 'pageSize', cursor: 'pageToken' });
}

/** Pages of a SCIM list: `startIndex` + `count` until `totalResults` have been read. */
export async function* scimPages(
	this: SigmaContext,
	path: string,
	options: PageOptions = {},
): AsyncGenerator<IDataObject[]> {
	let startIndex = 1;
	let read = 0;
	if (options.limit !== undefined && options.limit <= 0) return;

	for (let page = 0; page < MAX_PAGES; page++) {
		const remaining = options.limit === undefined ? SCIM_PAGE_SIZE : options.limit - read;
		const response = await scimApiRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...options.qs, startIndex, count: Math.min(SCIM_PAGE_SIZE, remaining) },
			itemIndex: options.itemIndex,
		});
		const resources = (readInsensitive(response, 'Resources') ?? []) as IDataObject[];
		const total = Number(readInsensitive(response, 'totalResults') ?? 0);
		const kept = options.limit === undefined ? resources : resources.slice(0, options.limit - read);
		read += kept.length;
		if (kept.length > 0) yield kept;

		const done = startIndex - 1 + resources.length >= total;
		if (done || (options.limit !== undefined && read >= options.limit)) return;
		if (resources.length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`The SCIM server reported ${total} results but returned none from index ${startIndex}; ` +
					'the list would be incomplete, so nothing is returned. Try again.',
				{ itemIndex: options.itemIndex },
			);
		}
		startIndex += resources.length;
	}
}

/** RFC 7643 attribute names are case-insensitive. */
export function readInsensitive(record: unknown, name: string): unknown {
	if (typeof record !== 'object' || record === null) return undefined;
	const object = record as Record<string, unknown>;
	if (name in object) return object[name];
	const lower = name.toLowerCase();
	const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
	return key === undefined ? undefined : object[key];
}

/** Reads every page into one array. */
export async function collect<T>(pageStream: AsyncIterable<T[]>): Promise<T[]> {
	const all: T[] = [];
	for await (const page of pageStream) all.push(...page);
	return all;
}
