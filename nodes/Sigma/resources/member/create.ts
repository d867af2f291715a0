import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { AccountTypeCheck } from '../../shared/accountTypes';
import { concurrencyOption, readConcurrency } from '../../shared/descriptions';
import { checkPlanned, planItems, runPlanned } from '../../shared/plan';
import { checkEmail, requiredString, optionalText } from '../../shared/validation';
import type { NewMember } from './shared';
import {
	addToTeamsProperty,
	createMember,
	duplicateMemberError,
	memberTypeProperty,
	readAddToTeams,
	readUserKind,
	sendInviteOption,
	userKindOptions,
} from './shared';

const displayOptions = { show: { resource: ['member'], operation: ['create'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. ann.lee@example.com',
		default: '',
		required: true,
		description: 'Email address of the new member',
		displayOptions,
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		required: true,
		displayOptions,
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		required: true,
		displayOptions,
	},
	memberTypeProperty(displayOptions, {
		description:
			'The account type, by name (case-sensitive); ' +
			"empty uses the organization's invitation default. Choose from the list, or specify " +
			'an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			addToTeamsProperty,
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
		options: [concurrencyOption, sendInviteOption],
	},
];

/** Reads one item's member; throws this item's error for bad input. */
export function readNewMember(this: IExecuteFunctions, itemIndex: number): NewMember {
	const email = checkEmail.call(
		this,
		requiredString.call(this, 'email', 'Email', itemIndex),
		'Email',
		itemIndex,
	);
	const body: NewMember['body'] = {
		email,
		firstName: requiredString.call(this, 'firstName', 'First Name', itemIndex),
		lastName: requiredString.call(this, 'lastName', 'Last Name', itemIndex),
	};
	const memberType = optionalText(this.getNodeParameter('memberType', itemIndex, ''));
	if (memberType !== undefined) body.memberType = memberType;

	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const userKind = readUserKind.call(this, additional.userKind, itemIndex);
	if (userKind !== undefined) body.userKind = userKind;
	const addToTeams = readAddToTeams.call(this, additional.addToTeams, itemIndex);
	if (addToTeams !== undefined) body.addToTeams = addToTeams;

	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return { body, sendInvite: options.sendInvite !== false };
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => readNewMember.call(this, itemIndex));
	const accountTypes = new AccountTypeCheck(this);
	await checkPlanned(this, plan, async (member, itemIndex) => {
		await accountTypes.check(member.body.memberType, itemIndex);
	});

	return await runPlanned(
		this,
		items,
		plan,
		async (member, itemIndex) => {
			const outcome = await createMember.call(this, member, itemIndex);
			if (!outcome.created) throw duplicateMemberError.call(this, outcome.existing, itemIndex);
			// Sigma's answer was lost, and the member was found by email instead.
			return outcome.recovered ? { ...outcome.member, recovered: true } : outcome.member;
		},
		readConcurrency.call(this),
	);
}
