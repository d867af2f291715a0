import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readScimId, readScimText } from '../../shared/scimSchema';
import { SCIM_USERS, searchScim } from '../../shared/scimLookup';

function toResult(user: IDataObject) {
	const userName = readScimText(user, 'userName') ?? '';
	const fullName = [readScimText(user, 'name.givenName'), readScimText(user, 'name.familyName')]
		.filter((part) => part !== undefined && part !== '')
		.join(' ');
	return {
		name: fullName === '' ? userName : `${fullName} (${userName})`,
		value: readScimId(user) ?? '',
	};
}

/** Users for the User locator; the search text matches the user name or the full name. */
export async function searchScimUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchScim.call(this, SCIM_USERS, toResult, filter, paginationToken);
}
