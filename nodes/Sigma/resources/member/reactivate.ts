import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { endpoint, sigmaApiRequest } from '../../../transport';
import { concurrencyOption, readConcurrency } from '../../shared/descriptions';
import { memberLocator, readMemberRef } from '../../shared/locators';
import { MemberDirectory, SCIM_MANAGED_HINT } from '../../shared/members';
import { planItems, readyItems, runPlanned } from '../../shared/plan';
import { invalidInput } from '../../shared/validation';

const displayOptions = { show: { resource: ['member'], operation: ['reactivate'] } };

export const description: INodeProperties[] = [
	memberLocator(displayOptions, { description: 'The deactivated member to reactivate' }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [concurrencyOption],
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) =>
		readMemberRef.call(this, 'memberId', itemIndex),
	);
	const directory = new MemberDirectory(this);
	await directory.preload(readyItems(plan).map(({ value }) => value));

	return await runPlanned(
		this,
		items,
		plan,
		async (ref, itemIndex) => {
			const member = await directory.require(ref, itemIndex);
			if (member.isInactive) {
				throw invalidInput.call(
					this,
					itemIndex,
					`Member "${member.email}" (${member.memberId}) was deactivated by your identity ` +
						'provider through SCIM: reactivate them there or with the SCIM User resource',
					SCIM_MANAGED_HINT,
				);
			}
			if (!member.isArchived) {
				return { memberId: member.memberId, reactivated: true, alreadyActive: true, member };
			}
			const updated = (await sigmaApiRequest.call(this, {
				method: 'PATCH',
				path: endpoint`/v2/members/${member.memberId}`,
				body: { isArchived: false },
				itemIndex,
			})) as IDataObject;
			return { memberId: member.memberId, reactivated: true, member: updated };
		},
		readConcurrency.call(this),
	);
}
