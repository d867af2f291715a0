import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
	| { created: true; member: SigmaMember; recovered?: true }
	| { created: false; existing: SigmaMember };

/** POSTs of one member at most, when Sigma's answers are lost and it has no such member. */
const CREATE_ATTEMPTS = 3;

/**
 * A member found after a lost answer counts as created by the request when Sigma created it at
 * most this long before the request was sent: a margin for the two clocks disagreeing.
 */
const CLOCK_MARGIN_MS = 60_000;

/** A dropped connection or a 5xx: Sigma may or may not have applied the request. */
function outcomeUnknown(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = httpStatus(error);
	return status === undefined || status >= 500;
}

function createdSince(member: SigmaMember, sentAt: number): boolean {
	const createdAt = Date.parse(String(member.createdAt ?? ''));
	return Number.isNaN(createdAt) || createdAt >= sentAt - CLOCK_MARGIN_MS;
}

/**
 * Creates a member. Sigma answers 409 when the email is taken, by an active or a deactivated
 * member; the existing member is then looked up so the caller can say which one, or update it.
 * The transport does not repeat a POST after a 5xx or a dropped connection, since Sigma may have
 * applied it: the member is looked up by email instead. Found, it is reported as created
 * (`recovered`) when Sigma created it after the request was sent, else as existing; not found,
 * the POST was not applied and is sent again, a bounded number of times.
 */
export async function createMember(
	this: IExecuteFunctions,
	member: NewMember,
	itemIndex: number,
): Promise<CreateOutcome> {
	const sentAt = Date.now();
	let uncertain = false;
	for (let attempt = 1; ; attempt++) {
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
			const conflict = httpStatus(error) === 409;
			if (!conflict && !outcomeUnknown(error)) throw nodeError(this.getNode(), error, itemIndex);
			uncertain ||= !conflict;

			let existing: SigmaMember | undefined;
			try {
				existing = await findMemberByEmail.call(this, member.body.email, itemIndex);
			} catch {
				throw unknownCreateError.call(this, member.body.email, itemIndex);
			}
			if (existing) {
				return uncertain && createdSince(existing, sentAt)
					? { created: true, member: existing, recovered: true }
					: { created: false, existing };
			}
			if (conflict || attempt >= CREATE_ATTEMPTS) {
				if (error instanceof NodeApiError && !conflict) {
					const outcome =
						`Sigma has no member with email "${member.body.email}" after ` +
						`${attempt} attempts, so none was created: run the item again.`;
					error.description = [error.description, outcome].filter(Boolean).join(' ');
				}
				throw nodeError(this.getNode(), error, itemIndex);
			}
			this.logger.debug(
				`Sigma did not answer the create of item ${itemIndex} and has no such member; ` +
					`sending it again (attempt ${attempt + 1} of ${CREATE_ATTEMPTS})`,
			);
		}
	}
}

function unknownCreateError(
	this: IExecuteFunctions,
	email: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		`Sigma did not answer the create of "${email}", and looking the email ` +
			`up failed too, so the member may or may not exist [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Run the item again with Create or Update, ' +
				'which creates the member only if no member has the email.',
		},
	);
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
		`A member with email "${existing.email}" already exists (member ID ` +
			`${existing.memberId}, ${memberStatus(existing)}) [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Sigma answered 409 Duplicate record. ' +
				`Use Create or Update to update the existing member${reactivate}.`,
		},
	);
}
