import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { endpoint, sigmaApiRequest } from '../../../transport';
import { AccountTypeCheck } from '../../shared/accountTypes';
import { concurrencyOption, readConcurrency, simplifyProperty } from '../../shared/descriptions';
import type { SigmaMember } from '../../shared/members';
import { MemberDirectory, simplifyMember } from '../../shared/members';
import { checkPlanned, planItems, readyItems, runPlanned } from '../../shared/plan';
import { checkEmail, requiredString, optionalText } from '../../shared/validation';
import type { NewMember } from './shared';
import {
	createMember,
	memberTypeProperty,
	readUserKind,
	sendInviteOption,
	userKindOptions,
} from './shared';

const displayOptions = { show: { resource: ['member'], operation: ['upsert'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. ann.lee@example.com',
		default: '',
		required: true,
		description:
			'Email address of the member. A member with this email (compared case-insensitively, ' +
			'deactivated members included) is updated; otherwise one is created.',
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
			'The account type, by name (case-sensitive). When empty, an existing member keeps theirs ' +
			"and a new one gets the organization's invitation default. Choose from the list, or " +
			'specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
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
	simplifyProperty(displayOptions),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			concurrencyOption,
			{
				displayName: 'Reactivate Deactivated Members',
				name: 'reactivateArchived',
				type: 'boolean',
				default: false,
				description:
					'Whether a deactivated member found by email is reactivated. When off, ' +
					'their fields are updated and they stay deactivated (the output says so in "note").',
			},
			sendInviteOption,
		],
	},
];

/** Fields compared with an existing member; only those that differ are sent. */
const COMPARED_FIELDS = ['firstName', 'lastName', 'memberType', 'userKind'] as const;

interface Desired {
	member: NewMember;
	reactivateArchived: boolean;
	simplify: boolean;
}

interface Change extends IDataObject {
	field: string;
	previous: IDataObject[keyof IDataObject];
	current: IDataObject[keyof IDataObject];
}

function read(this: IExecuteFunctions, itemIndex: number): Desired {
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

	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		member: { body, sendInvite: options.sendInvite !== false },
		reactivateArchived: options.reactivateArchived === true,
		simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
	};
}

function differences(existing: SigmaMember, desired: Desired): Change[] {
	const changes: Change[] = [];
	for (const field of COMPARED_FIELDS) {
		const wanted = desired.member.body[field];
		if (wanted !== undefined && existing[field] !== wanted) {
			changes.push({ field, previous: existing[field] ?? null, current: wanted });
		}
	}
	if (desired.reactivateArchived && existing.isArchived === true) {
		changes.push({ field: 'isArchived', previous: true, current: false });
	}
	return changes;
}

function note(member: SigmaMember): string | undefined {
	if (member.isInactive) {
		return 'This member is deactivated through SCIM; reactivate them in your identity provider.';
	}
	if (member.isArchived) {
		return 'This member is deactivated; turn on Reactivate Deactivated Members to reactivate them.';
	}
	return undefined;
}

async function update(
	this: IExecuteFunctions,
	existing: SigmaMember,
	desired: Desired,
	itemIndex: number,
): Promise<IDataObject> {
	const changes = differences(existing, desired);
	let member = existing;
	if (changes.length > 0) {
		const body: IDataObject = {};
		for (const change of changes) body[change.field] = change.current;
		member = (await sigmaApiRequest.call(this, {
			method: 'PATCH',
			path: endpoint`/v2/members/${existing.memberId}`,
			body,
			itemIndex,
		})) as SigmaMember;
	}

	const output: IDataObject = {
		action: changes.length > 0 ? 'updated' : 'unchanged',
		memberId: member.memberId,
		member: desired.simplify ? simplifyMember(member) : member,
	};
	if (changes.length > 0) output.changes = changes;
	const remark = note(member);
	if (remark) output.note = remark;
	return output;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => read.call(this, itemIndex));
	const accountTypes = new AccountTypeCheck(this);
	await checkPlanned(this, plan, async (desired, itemIndex) => {
		await accountTypes.check(desired.member.body.memberType, itemIndex);
	});

	const directory = new MemberDirectory(this);
	await directory.preload(
		readyItems(plan).map(({ value }) => ({ by: 'email', email: value.member.body.email })),
	);

	return await runPlanned(
		this,
		items,
		plan,
		async (desired, itemIndex) => {
			const ref = { by: 'email', email: desired.member.body.email } as const;
			const existing = await directory.find(ref, itemIndex);
			if (existing) return await update.call(this, existing, desired, itemIndex);

			const outcome = await createMember.call(this, desired.member, itemIndex);
			if (!outcome.created) {
				// Created since the lookup, e.g. by an earlier item of this batch with the same email.
				return await update.call(this, outcome.existing, desired, itemIndex);
			}
			const output: IDataObject = {
				action: 'created',
				memberId: outcome.member.memberId,
				member: desired.simplify ? simplifyMember(outcome.member) : outcome.member,
			};
			// Sigma's answer was lost, and the member was found by email instead.
			if (outcome.recovered) output.recovered = true;
			return output;
		},
		readConcurrency.call(this),
	);
}
