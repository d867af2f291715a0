import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { endpoint, sigmaApiRequest } from '../../../transport';
import { readTeamRef, teamLocator } from '../../shared/locators';
import { planItems, runPlanned } from '../../shared/plan';
import { TeamDirectory } from '../../shared/teams';

const displayOptions = { show: { resource: ['team'], operation: ['get'] } };

export const description: INodeProperties[] = [teamLocator(displayOptions)];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => readTeamRef.call(this, 'teamId', itemIndex));
	const teams = new TeamDirectory(this);

	return await runPlanned(this, items, plan, async (ref, itemIndex) => {
		const teamId = await teams.teamId(ref, itemIndex);
		return (await sigmaApiRequest.call(this, {
			method: 'GET',
			path: endpoint`/v2/teams/${teamId}`,
			itemIndex,
		})) as IDataObject;
	});
}
