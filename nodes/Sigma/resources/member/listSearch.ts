import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { sigmaApiRequest } from '../../../transport';
import type { SigmaMember } from '../../shared/members';

/** One screen of the list; the user pages on with the cursor Sigma returns. */
const SEARCH_PAGE_SIZE = 100;

/** Members whose email or name contains the filter, shown as "First Last (email)". */
export async function searchMembers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { limit: SEARCH_PAGE_SIZE };
	if (filter?.trim()) qs.search = filter.trim();
	if (paginationToken) qs.page = paginationToken;

	const response = (await sigmaApiRequest.call(this, {
		method: 'GET',
		path: '/v2/members',
		qs,
	})) as {
		entries?: SigmaMember[];
		nextPage?: string | null;
	};
	const results = (response.entries ?? []).map((member) => {
		const name = `${member.firstName ?? ''} ${member.lastName ?? ''}`.trim();
		return {
			name: name === '' ? member.email : `${name} (${member.email})`,
			value: member.memberId,
		};
	});
	return { results, paginationToken: response.nextPage || undefined };
}
