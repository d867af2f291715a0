import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sigmaApiRequest } from '../../../transport';
import type { SigmaMember } from '../../shared/members';
import { findMemberByEmail } from '../../shared/members';
import {
	checkId,
	httpStatus,
	invalidInput,
	nodeError,
	optionalText,
} from '../../shared/validation';

export const USER_KINDS = ['embed', 'guest', 'internal'];

export const userKindOptions: INodePropertyOptions[] = [
	{ name: 'Embed', value: 'embed', description: 'A user of embedded Sigma content; never invited' },
	{ name: 'Guest', value: 'guest', description: 'Someone from outside the organization' },
	{ name: 'Internal', value: 'internal', description: 'A member of the organization' },
];

export function memberTypeProperty(
	displayOptions?: IDisplayOptions,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Member Type Name or ID',
		name: 'memberType',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAccountTypes' },
		default: '',
		description:
			'The account type, by name (case-sensitive). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		...overrides,
	};
	if (displayOptions) property.displayOptions = displayOptions;
	return property;
}

export function readUserKind(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string | undefined {
	const userKind = optionalText(value);
	if (userKind !== undefined && !USER_KINDS.includes(userKind)) {
		throw invalidInput.call(
			this,
			itemIndex,
			`User Kind "${userKind}" is not one Sigma knows; use internal, guest or embed`,
		);
	}
	return userKind;
}

interface TeamEntry {
	teamId?: unknown;
	isTeamAdmin?: unknown;
}

/** `addToTeams` from the Add to Teams fixed collection. */
export function readAddToTeams(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): IDataObject[] | undefined {
	const entries = ((value as { teams?: TeamEntry[] } | undefined)?.teams ?? []).filter(
		(entry) => optionalText(entry.teamId) !== undefined,
	);
	if (entries.length === 0) return undefined;
	return entries.map((entry) => ({
		teamId: checkId.call(this, String(entry.teamId).trim(), 'Add to Teams: team ID', itemIndex),
		isTeamAdmin: entry.isTeamAdmin === true,
	}));
}

export const addToTeamsProperty: INodeProperties = {
	displayName: 'Add to Teams',
	name: 'addToTeams',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Team',
	description: 'Teams the new member joins; only here can a member be made a team admin',
	options: [
		{
			displayName: 'Team',
			name: 'teams',
			values: [
				{
					displayName: 'Team ID',
					name: 'teamId',
					type: 'string',
					default: '',
					placeholder: 'e.g. 7kQx2Lm9Ta',
					description: 'ID of the team, as in the output of Team > Get Many',
				},
				{
					displayName: 'Team Admin',
					name: 'isTeamAdmin',
					type: 'boolean',
					default: false,
					description: 'Whether the member becomes an admin of this team',
				},
			],
		},
	],
};

export const sendInviteOption: INodeProperties = {
	displayName: 'Send Invite',
	name: 'sendInvite',
	type: 'boolean',
	default: true,
	description: 'Whether Sigma emails new members an invitation. Embed users never get one.',
};

/** A member to create: Sigma's POST /v2/members body and its `sendInvite` query. */
export interface NewMember {
	body: IDataObject & { email: string; firstName: string; lastName: string; memberType?: string };
	sendInvite: boolean;
}

export type CreateOutcome =
	| { created: true; member: SigmaMember }
	| { created: false; existing: SigmaMember };

/**
 * Creates a member. Sigma answers 409 when the email is taken, by an active or a deactivated
 * member; the existing member is then looked up so the caller can say which one, or update it.
 * The POST is not repeated after a 5xx or a dropped connection (it may have been applied).
 */
export async function createMember(
	this: IExecuteFunctions,
	member: NewMember,
	itemIndex: number,
): Promise<CreateOutcome> {
	try {
		const created = (await sigmaApiRequest.call(this, {
			method: 'POST',
			path: '/v2/members',
			qs: { sendInvite: member.sendInvite },
			body: member.body,
			itemIndex,
		})) as SigmaMember;
		return { created: true, member: created };
	} catch (error) {
		if (httpStatus(error) !== 409) throw nodeError(this.getNode(), error, itemIndex);
		const existing = await findMemberByEmail.call(this, member.body.email, itemIndex);
		if (!existing) throw nodeError(this.getNode(), error, itemIndex);
		return { created: false, existing };
	}
}

export function memberStatus(member: SigmaMember): string {
	if (member.isInactive) return 'deactivated through SCIM';
	if (member.isArchived) return 'deactivated';
	return 'active';
}

export function duplicateMemberError(
	this: IExecuteFunctions,
	existing: SigmaMember,
	itemIndex: number,
): NodeOperationError {
	const reactivate =
		existing.isArchived && !existing.isInactive ? ', or Reactivate to restore them' : '';
	return new NodeOperationError(
		this.getNode(),
		`A member with email "${existing.email}" already exists (member ID ${existing.memberId}, ${memberStatus(existing)}) [item ${itemIndex}]`,
		{
			itemIndex,
			description: `Sigma answered 409 Duplicate record. Use Create or Update to update the existing member${reactivate}.`,
		},
	);
}
