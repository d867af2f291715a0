import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { endpoint, sigmaApiRequest } from '../../../transport';
import { readTeamRef, teamLocator } from '../../shared/locators';
import { planItems, runPlanned } from '../../shared/plan';
import { TeamDirectory } from '../../shared/teams';

const displayOptions = { show: { resource: ['team'], operation: ['delete'] } };

export const description: INodeProperties[] = [
	teamLocator(displayOptions, { description: 'The team to delete; its members stay in Sigma' }),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => readTeamRef.call(this, 'teamId', itemIndex));
	const teams = new TeamDirectory(this);

	return await runPlanned(this, items, plan, async (ref, itemIndex) => {
		const teamId = await teams.teamId(ref, itemIndex);
		await sigmaApiRequest.call(this, {
			method: 'DELETE',
			path: endpoint`/v2/teams/${teamId}`,
			itemIndex,
		});
		return { teamId, deleted: true };
	});
}
