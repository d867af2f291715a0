import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { collect, cursorPages, endpoint } from '../../../transport';
import { limitProperty, readLimit, returnAllProperty } from '../../shared/descriptions';
import { readTeamRef, teamLocator } from '../../shared/locators';
import { planItems, runPlanned } from '../../shared/plan';
import { TeamDirectory } from '../../shared/teams';

const displayOptions = { show: { resource: ['team'], operation: ['getMembers'] } };

export const description: INodeProperties[] = [
	teamLocator(displayOptions, { description: 'The team whose members to return' }),
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => ({
		ref: readTeamRef.call(this, 'teamId', itemIndex),
		limit: readLimit.call(this, itemIndex),
	}));
	const teams = new TeamDirectory(this);

	return await runPlanned(this, items, plan, async ({ ref, limit }, itemIndex) => {
		const teamId = await teams.teamId(ref, itemIndex);
		const pages = cursorPages.call(this, endpoint`/v2/teams/${teamId}/members`, {
			limit,
			itemIndex,
		}) as AsyncGenerator<IDataObject[]>;
		// Sigma names the member ID `userId` here; the node calls it memberId everywhere.
		return (await collect(pages)).map(({ userId, ...rest }) => ({
			memberId: userId,
			teamId,
			...rest,
		}));
	});
}
