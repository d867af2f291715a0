import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { endpoint, sigmaApiRequest } from '../../../transport';
import { simplifyProperty } from '../../shared/descriptions';
import { memberLocator, readMemberRef } from '../../shared/locators';
import { MemberDirectory, simplifyMember } from '../../shared/members';
import { planItems, readyItems, runPlanned } from '../../shared/plan';

const displayOptions = { show: { resource: ['member'], operation: ['get'] } };

export const description: INodeProperties[] = [
	memberLocator(displayOptions),
	simplifyProperty(displayOptions),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => ({
		ref: readMemberRef.call(this, 'memberId', itemIndex),
		simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
	}));
	const directory = new MemberDirectory(this);
	await directory.preload(
		readyItems(plan)
			.map(({ value }) => value.ref)
			.filter((ref) => ref.by === 'email'),
	);

	return await runPlanned(this, items, plan, async ({ ref, simplify }, itemIndex) => {
		const member =
			ref.by === 'email'
				? await directory.require(ref, itemIndex)
				: ((await sigmaApiRequest.call(this, {
						method: 'GET',
						path: endpoint`/v2/members/${ref.memberId}`,
						itemIndex,
					})) as IDataObject);
		return simplify ? simplifyMember(member) : member;
	});
}
