import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { MAX_PAGE_SIZE, sigmaApiRequest } from '../../../transport';
import type { SigmaTeam } from '../../shared/teams';

/**
 * Teams whose name contains the filter. Sigma does not document how its `name` filter matches,
 * so names are matched here; teams are few, and each request reads Sigma's largest page.
 */
export async function searchTeams(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results: INodeListSearchItems[] = [];
	let cursor = paginationToken || undefined;
	do {
		const qs: IDataObject = { limit: MAX_PAGE_SIZE };
		if (cursor) qs.page = cursor;
		const response = (await sigmaApiRequest.call(this, {
			method: 'GET',
			path: '/v2/teams',
			qs,
		})) as {
			entries?: SigmaTeam[];
			nextPage?: string | null;
		};
		for (const team of response.entries ?? []) {
			if (
				String(team.name ?? '')
					.toLowerCase()
					.includes(wanted)
			) {
				results.push({ name: team.name, value: team.teamId });
			}
		}
		cursor = response.nextPage || undefined;
	} while (results.length === 0 && cursor);
	return { results, paginationToken: cursor };
}
