import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { collect, cursorPages, endpoint } from '../../../transport';
import { limitProperty, readLimit, returnAllProperty } from '../../shared/descriptions';
import { memberLocator, readMemberRef } from '../../shared/locators';
import { MemberDirectory, resolveMemberId } from '../../shared/members';
import { planItems, readyItems, runPlanned } from '../../shared/plan';

const displayOptions = { show: { resource: ['member'], operation: ['getTeams'] } };

export const description: INodeProperties[] = [
	memberLocator(displayOptions, { description: 'The member whose teams to return' }),
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => ({
		ref: readMemberRef.call(this, 'memberId', itemIndex),
		limit: readLimit.call(this, itemIndex),
	}));
	const directory = new MemberDirectory(this);
	await directory.preload(
		readyItems(plan)
			.map(({ value }) => value.ref)
			.filter((ref) => ref.by === 'email'),
	);

	return await runPlanned(this, items, plan, async ({ ref, limit }, itemIndex) => {
		const memberId = await resolveMemberId.call(this, ref, itemIndex, directory);
		const pages = cursorPages.call(this, endpoint`/v2/members/${memberId}/teams`, {
			limit,
			itemIndex,
		}) as AsyncGenerator<IDataObject[]>;
		return await collect(pages);
	});
}
