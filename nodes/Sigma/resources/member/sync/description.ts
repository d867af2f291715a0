import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption } from '../../../shared/descriptions';
import { sendInviteOption, userKindOptions } from '../shared';

const displayOptions = { show: { resource: ['member'], operation: ['sync'] } };

export const DEFAULT_FIELDS = {
	email: 'email',
	firstName: 'firstName',
	lastName: 'lastName',
	memberType: 'memberType',
	teams: 'teams',
};

export const DEFAULT_MAX_DEACTIVATIONS = '10%';

export const description: INodeProperties[] = [
	{
		displayName:
			'Each input item is one person who should be an active member. ' +
			'The sync reads Sigma once, plans every change, and in Apply mode makes them.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Apply',
				value: 'apply',
				description: 'Make the changes of the plan and report the outcome of each',
			},
			{
				name: 'Plan',
				value: 'plan',
				description: 'List the changes the sync would make; nothing is written',
			},
		],
		default: 'plan',
		displayOptions,
	},
	{
		displayName: 'Input Fields',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Which field of the input items holds each value; ' +
			'a dot reaches into an object (e.g. person.email)',
		displayOptions,
		options: [
			{
				displayName: 'Email Field',
				name: 'email',
				type: 'string',
				default: 'email',
				placeholder: 'e.g. workEmail',
				description:
					'The field with the email address, the key of the sync (compared case-insensitively)',
			},
			{
				displayName: 'First Name Field',
				name: 'firstName',
				type: 'string',
				default: 'firstName',
				placeholder: 'e.g. givenName',
				description:
					'The field with the first name; needed for people who are not in Sigma yet. ' +
					'An empty value keeps the current name of an existing member.',
			},
			{
				displayName: 'Last Name Field',
				name: 'lastName',
				type: 'string',
				default: 'lastName',
				placeholder: 'e.g. familyName',
				description:
					'The field with the last name; needed for people who are not in Sigma yet. ' +
					'An empty value keeps the current name of an existing member.',
			},
			{
				displayName: 'Member Type Field',
				name: 'memberType',
				type: 'string',
				default: 'memberType',
				placeholder: 'e.g. accountType',
				description:
					'The field with the account type name (case-sensitive). An empty value keeps an ' +
					"existing member's type and gives a new member the organization's invitation default.",
			},
			{
				displayName: 'Teams Field',
				name: 'teams',
				type: 'string',
				default: 'teams',
				placeholder: 'e.g. department',
				description:
					'The field with the team names or IDs of the person, as a list or ' +
					'comma-separated text; read only for the teams in Manage Team Names or IDs',
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
		options: [
			{
				...concurrencyOption,
				description:
					'How many members are written at once in Apply mode. ' +
					"Sigma's rate limiting (429) is retried with backoff either way.",
			},
			{
				displayName: 'Deactivate Missing Members',
				name: 'deactivateMissing',
				type: 'boolean',
				default: false,
				description:
					'Whether members in the scope who are not in the input are deactivated. ' +
					'Off: they are left as they are.',
			},
			{
				displayName: 'Manage Team Names or IDs',
				name: 'manageTeams',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTeams' },
				default: [],
				description:
					'Teams the sync adds people to (when their teams list them) and removes them from (when they are in the input but their teams do not list them). Other teams are never changed. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Max Deactivations',
				name: 'maxDeactivations',
				type: 'string',
				default: DEFAULT_MAX_DEACTIVATIONS,
				placeholder: 'e.g. 25 or 5%',
				description:
					'The most members one run may deactivate: a count (e.g. 25) ' +
					'or a percentage of the active members in the scope (e.g. 5%, rounded down). ' +
					'When the plan has more, Apply changes nothing and fails. 0 refuses any deactivation.',
			},
			{
				displayName: 'New Owner',
				name: 'newOwnerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. ann.lee@example.com',
				description:
					'Member ID or email of the active member who receives deactivated ' +
					"members' documents. Empty: they go to the owner of the API credentials.",
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Scope',
				description:
					'Which existing members the sync manages; it never changes or ' +
					'deactivates anyone outside, nor creates anyone who would be outside. ' +
					'Without a scope, it manages every member except the owner of the API credentials.',
				options: [
					{
						displayName: 'Managed Members',
						name: 'rules',
						values: [
							{
								displayName: 'Account Type Names or IDs',
								name: 'accountTypes',
								type: 'multiOptions',
								typeOptions: { loadOptionsMethod: 'getAccountTypes' },
								default: [],
								description:
									'Only members with these account types; none selected means any. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
							},
							{
								displayName: 'Email Domains',
								name: 'emailDomains',
								type: 'string',
								default: '',
								placeholder: 'e.g. example.com, example.co.uk',
								description:
									'Only members whose email is in one of these domains ' +
									'(comma-separated, matched exactly); empty means any',
							},
							{
								displayName: 'User Kinds',
								name: 'userKinds',
								type: 'multiOptions',
								options: userKindOptions,
								default: [],
								description:
									'Only members of these kinds, e.g. Internal to leave ' +
									'guests and embed users alone; none selected means any',
							},
						],
					},
				],
			},
			sendInviteOption,
		],
	},
];
