import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { collect, cursorPages } from '../../../../transport';
import type { SigmaTeam } from '../../../shared/teams';
import { nodeError } from '../../../shared/validation';

/** Every team, by name, for Manage Teams; the value is the team ID, which survives a rename. */
export async function getTeams(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	try {
		const teams = (await collect(cursorPages.call(this, '/v2/teams'))) as SigmaTeam[];
		return teams
			.map((team) => ({ name: String(team.name ?? team.teamId), value: team.teamId }))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		throw nodeError(this.getNode(), error);
	}
}
