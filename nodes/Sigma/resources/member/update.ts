import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { endpoint, sigmaApiRequest } from '../../../transport';
import { AccountTypeCheck } from '../../shared/accountTypes';
import { concurrencyOption, readConcurrency } from '../../shared/descriptions';
import { memberLocator, readMemberRef } from '../../shared/locators';
import { MemberDirectory, resolveMemberId } from '../../shared/members';
import { checkPlanned, planItems, readyItems, runPlanned } from '../../shared/plan';
import { checkEmail, invalidInput, optionalText } from '../../shared/validation';
import { memberTypeProperty, readUserKind, userKindOptions } from './shared';

const displayOptions = { show: { resource: ['member'], operation: ['update'] } };

export const description: INodeProperties[] = [
	memberLocator(displayOptions),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. ann.lee@example.com',
				default: '',
				description: 'New email address; it must not belong to another member',
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
			},
			memberTypeProperty(),
			{
				displayName: 'User Kind',
				name: 'userKind',
				type: 'options',
				options: userKindOptions,
				default: 'internal',
				description: 'What kind of user the member is',
			},
		],
	},
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

function read(this: IExecuteFunctions, itemIndex: number) {
	const ref = readMemberRef.call(this, 'memberId', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const name of ['firstName', 'lastName', 'memberType'] as const) {
		const value = optionalText(fields[name]);
		if (value !== undefined) body[name] = value;
	}
	const email = optionalText(fields.email);
	if (email !== undefined)
		body.email = checkEmail.call(this, email, 'Update Fields: Email', itemIndex);
	const userKind = readUserKind.call(this, fields.userKind, itemIndex);
	if (userKind !== undefined) body.userKind = userKind;

	if (Object.keys(body).length === 0) {
		throw invalidInput.call(
			this,
			itemIndex,
			'Update Fields is empty, so there is nothing to update; add at least one field with a value',
		);
	}
	return { ref, body };
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => read.call(this, itemIndex));
	const accountTypes = new AccountTypeCheck(this);
	await checkPlanned(this, plan, async ({ body }, itemIndex) => {
		await accountTypes.check(body.memberType as string | undefined, itemIndex);
	});
	const directory = new MemberDirectory(this);
	await directory.preload(
		readyItems(plan)
			.map(({ value }) => value.ref)
			.filter((ref) => ref.by === 'email'),
	);

	return await runPlanned(
		this,
		items,
		plan,
		async ({ ref, body }, itemIndex) => {
			const memberId = await resolveMemberId.call(this, ref, itemIndex, directory);
			return (await sigmaApiRequest.call(this, {
				method: 'PATCH',
				path: endpoint`/v2/members/${memberId}`,
				body,
				itemIndex,
			})) as IDataObject;
		},
		readConcurrency.call(this),
	);
}
