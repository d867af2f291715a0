import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SigmaContext } from '../../transport';
import { readInsensitive, scimApiRequest, SCIM_PAGE_SIZE } from '../../transport';
import { scimEqualsFilter } from './scimFilter';
import type { ScimLocator } from './scimItems';
import { readScimId, readScimText } from './scimSchema';

export interface ScimCollection {
	path: '/Users' | '/Groups';
	/** The attribute that names a resource and that Sigma can filter on. */
	key: 'userName' | 'displayName';
	noun: string;
	/** Query for lookups and list searches, which do not need a group's members. */
	lean: IDataObject;
}

export const SCIM_USERS: ScimCollection = {
	path: '/Users',
	key: 'userName',
	noun: 'SCIM user',
	lean: {},
};

export const SCIM_GROUPS: ScimCollection = {
	path: '/Groups',
	key: 'displayName',
	noun: 'SCIM group',
	lean: { excludedAttributes: 'members' },
};

/** Filtered lookups sent at once when resolving many user names. */
const LOOKUP_CONCURRENCY = 4;

/** A list search reads at most this many pages per call before handing back a token. */
const SEARCH_MAX_PAGES = 5;
const SEARCH_ENOUGH_RESULTS = 50;

export interface ScimPage {
	resources: IDataObject[];
	total: number;
	/** Where the next page starts; undefined after the last page. */
	nextStartIndex?: number;
}

/** One page of a SCIM list, for callers that need `totalResults` or to start mid-list. */
export async function readScimPage(
	this: SigmaContext,
	collection: ScimCollection,
	page: { startIndex: number; count: number; qs?: IDataObject; itemIndex?: number },
): Promise<ScimPage> {
	const response = await scimApiRequest.call(this, {
		method: 'GET',
		path: collection.path,
		qs: { ...page.qs, startIndex: page.startIndex, count: page.count },
		itemIndex: page.itemIndex,
	});
	const listed = readInsensitive(response, 'Resources');
	const resources = Array.isArray(listed) ? (listed as IDataObject[]) : [];
	const total = Number(readInsensitive(response, 'totalResults') ?? resources.length);
	const end = page.startIndex - 1 + resources.length;
	return {
		resources,
		total,
		nextStartIndex: resources.length > 0 && end < total ? end + 1 : undefined,
	};
}

/** Resources whose key equals `value`, compared without case as Sigma compares userNames. */
async function lookUp(
	context: SigmaContext,
	collection: ScimCollection,
	value: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const { resources } = await readScimPage.call(context, collection, {
		startIndex: 1,
		count: 2,
		qs: { ...collection.lean, filter: scimEqualsFilter(collection.key, value) },
		itemIndex,
	});
	// A lenient server may ignore or widen the filter; only exact matches count.
	const wanted = value.toLowerCase();
	return resources.filter(
		(resource) => readScimText(resource, collection.key)?.toLowerCase() === wanted,
	);
}

/** The ID of the one resource whose key is `value`, or a clear error when there is none. */
export async function findScimId(
	this: SigmaContext,
	collection: ScimCollection,
	value: string,
	itemIndex?: number,
): Promise<string> {
	const matches = await lookUp(this, collection, value, itemIndex);
	if (matches.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`No ${collection.noun} has the ${collection.key} "${value}"`,
			{
				itemIndex,
				description: `Check the spelling, or pick the ${collection.noun} from the list.`,
			},
		);
	}
	if (matches.length > 1) {
		throw new NodeOperationError(
			this.getNode(),
			`${matches.length} ${collection.noun}s have the ${collection.key} "${value}"`,
			{ itemIndex, description: `Pick the ${collection.noun} by ID instead.` },
		);
	}
	const id = readScimId(matches[0]);
	if (id === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`Sigma returned a ${collection.noun} without an ID for the ${collection.key} "${value}"`,
			{ itemIndex },
		);
	}
	return id;
}

/**
 * Maps many userNames (lower-cased) to user IDs; names with no user are left out. A filtered
 * lookup costs one request per name and a scan one request per page, so after each page this
 * picks whichever of the two needs fewer requests for the names still missing.
 */
export async function resolveScimUserNames(
	this: SigmaContext,
	userNames: string[],
	itemIndex?: number,
): Promise<Map<string, string>> {
	const wanted = new Set(userNames.map((name) => name.toLowerCase()));
	const found = new Map<string, string>();
	const missing = () => [...wanted].filter((name) => !found.has(name));
	const lookUpEach = async (names: string[]) => {
		for (let start = 0; start < names.length; start += LOOKUP_CONCURRENCY) {
			const batch = names.slice(start, start + LOOKUP_CONCURRENCY);
			const answers = await Promise.all(
				batch.map(async (name) => await lookUp(this, SCIM_USERS, name, itemIndex)),
			);
			answers.forEach((matches, index) => {
				const id = matches.length === 1 ? readScimId(matches[0]) : undefined;
				if (id !== undefined) found.set(batch[index], id);
			});
		}
	};

	if (wanted.size <= 1) {
		await lookUpEach([...wanted]);
		return found;
	}
	let startIndex: number | undefined = 1;
	while (startIndex !== undefined && found.size < wanted.size) {
		const page: ScimPage = await readScimPage.call(this, SCIM_USERS, {
			startIndex,
			count: SCIM_PAGE_SIZE,
			itemIndex,
		});
		for (const user of page.resources) {
			const name = readScimText(user, 'userName')?.toLowerCase();
			const id = readScimId(user);
			if (name !== undefined && id !== undefined && wanted.has(name)) found.set(name, id);
		}
		startIndex = page.nextStartIndex;
		if (startIndex === undefined) break;
		const pagesLeft = Math.ceil((page.total - startIndex + 1) / Math.max(1, page.resources.length));
		if (missing().length <= pagesLeft) {
			await lookUpEach(missing());
			break;
		}
	}
	return found;
}

/**
 * A list search over a SCIM collection. Sigma documents only `eq` filters, so the text is
 * matched here, reading pages until enough results are found; the token is the next startIndex.
 */
export async function searchScim(
	this: ILoadOptionsFunctions,
	collection: ScimCollection,
	toResult: (resource: IDataObject) => INodeListSearchItems,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const token = Number(paginationToken);
	let startIndex: number | undefined = Number.isInteger(token) && token > 1 ? token : 1;
	const results: INodeListSearchItems[] = [];

	for (let read = 0; read < SEARCH_MAX_PAGES && startIndex !== undefined; read++) {
		const page: ScimPage = await readScimPage.call(this, collection, {
			startIndex,
			count: SCIM_PAGE_SIZE,
			qs: collection.lean,
		});
		for (const resource of page.resources) {
			const result = toResult(resource);
			if (needle === '' || result.name.toLowerCase().includes(needle)) results.push(result);
		}
		startIndex = page.nextStartIndex;
		if (results.length >= SEARCH_ENOUGH_RESULTS) break;
	}
	return startIndex === undefined ? { results } : { results, paginationToken: String(startIndex) };
}

/** The ID a locator points at: as given, or looked up by userName or displayName. */
export async function resolveScimId(
	this: SigmaContext,
	collection: ScimCollection,
	locator: ScimLocator,
	itemIndex?: number,
): Promise<string> {
	if (!locator.byKey) return locator.value;
	return await findScimId.call(this, collection, locator.value, itemIndex);
}
