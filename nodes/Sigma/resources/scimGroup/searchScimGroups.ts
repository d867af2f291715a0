import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SCIM_GROUPS, searchScim } from '../../shared/scimLookup';
import { readScimId, readScimText } from '../../shared/scimSchema';

function toResult(group: IDataObject) {
	return { name: readScimText(group, 'displayName') ?? '', value: readScimId(group) ?? '' };
}

/** Groups for the Group locator; the search text matches the display name. */
export async function searchScimGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchScim.call(this, SCIM_GROUPS, toResult, filter, paginationToken);
}
