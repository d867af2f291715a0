import type {
	IDisplayOptions,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { checkEmail, checkId, invalidInput, notTextProblem } from './validation';

const ID_REGEX = '^[^\\s/]+$';
const EMAIL_REGEX = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

export type MemberRef = { by: 'id'; memberId: string } | { by: 'email'; email: string };
export type TeamRef = { by: 'id'; teamId: string } | { by: 'name'; name: string };

/** A member picked from the list, by ID or by email. */
export function memberLocator(
	displayOptions: IDisplayOptions,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Member',
		name: 'memberId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The member, picked from the list, by member ID, or by email',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchMembers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 4mPzq0Rj2c',
				validation: [
					{
						type: 'regex',
						properties: { regex: ID_REGEX, errorMessage: 'A member ID has no spaces or slashes' },
					},
				],
			},
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. ann.lee@example.com',
				validation: [
					{
						type: 'regex',
						properties: { regex: EMAIL_REGEX, errorMessage: 'Enter an email address' },
					},
				],
			},
		],
		...overrides,
	};
}

/** A team picked from the list, by ID or by name. */
export function teamLocator(
	displayOptions: IDisplayOptions,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Team',
		name: 'teamId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The team, picked from the list, by team ID, or by name',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTeams', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 7kQx2Lm9Ta',
				validation: [
					{
						type: 'regex',
						properties: { regex: ID_REGEX, errorMessage: 'A team ID has no spaces or slashes' },
					},
				],
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Finance',
			},
		],
		...overrides,
	};
}

/** Mode and value of a resource locator; a plain string (from older workflows or AI tools) too. */
function readLocator(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): { mode: string | undefined; value: string } {
	const raw = this.getNodeParameter(name, itemIndex, '') as
		| INodeParameterResourceLocator
		| string
		| number;
	if (typeof raw === 'object' && raw !== null) {
		const notText = notTextProblem(raw.value);
		if (notText !== undefined) throw invalidInput.call(this, itemIndex, `${label} ${notText}`);
		return { mode: raw.mode, value: String(raw.value ?? '').trim() };
	}
	return { mode: undefined, value: String(raw ?? '').trim() };
}

export function readMemberRef(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label = 'Member',
): MemberRef {
	const { mode, value } = readLocator.call(this, name, itemIndex, label);
	if (value === '') {
		throw invalidInput.call(
			this,
			itemIndex,
			`${label} is empty; pick a member from the list, or enter a member ID or an email`,
		);
	}
	const byEmail = mode === 'email' || (mode === undefined && value.includes('@'));
	if (byEmail)
		return { by: 'email', email: checkEmail.call(this, value, `${label} email`, itemIndex) };
	return { by: 'id', memberId: checkId.call(this, value, `${label} ID`, itemIndex) };
}

export function readTeamRef(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label = 'Team',
): TeamRef {
	const { mode, value } = readLocator.call(this, name, itemIndex, label);
	if (value === '') {
		throw invalidInput.call(
			this,
			itemIndex,
			`${label} is empty; pick a team from the list, or enter a team ID or a team name`,
		);
	}
	if (mode === 'name') return { by: 'name', name: value };
	return { by: 'id', teamId: checkId.call(this, value, `${label} ID`, itemIndex) };
}

export function describeMemberRef(ref: MemberRef): string {
	return ref.by === 'id' ? `member ID "${ref.memberId}"` : `email "${ref.email}"`;
}
