import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { MAX_LIMIT } from './descriptions';

/** Sigma's IDs are opaque; all that is known is that they are one URL path segment. */
export const SCIM_ID_PATTERN = '[^\\s/?#]+';

export function scimUserLocator(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'User',
		name: 'userId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: "The SCIM user. Its ID is the Sigma member's ID.",
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchScimUsers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 7f3k2m9q1x',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: SCIM_ID_PATTERN,
							errorMessage: 'A SCIM user ID has no spaces or slashes',
						},
					},
				],
			},
			{
				displayName: 'By User Name',
				name: 'userName',
				type: 'string',
				placeholder: 'e.g. ann.lee@example.com',
				hint: "The user's email address, compared without case",
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '[^\\s@]+@[^\\s@]+',
							errorMessage: 'A user name is an email address, e.g. ann.lee@example.com',
						},
					},
				],
			},
		],
	};
}

export function scimGroupLocator(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Group',
		name: 'groupId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The SCIM group. Its ID is the ID of the Sigma team it maps to.',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchScimGroups', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 2c8r5t0w4z',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: SCIM_ID_PATTERN,
							errorMessage: 'A SCIM group ID has no spaces or slashes',
						},
					},
				],
			},
			{
				displayName: 'By Display Name',
				name: 'displayName',
				type: 'string',
				placeholder: 'e.g. Finance',
				hint: "The group's name, compared without case",
			},
		],
	};
}

export function scimSimplify(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions,
	};
}

export function scimReturnAllAndLimit(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_LIMIT },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

/** The advanced filter option of Get Many, shared by users and groups. */
export const SCIM_RAW_FILTER: INodeProperties = {
	displayName: 'Raw Filter (Advanced)',
	name: 'filter',
	type: 'string',
	default: '',
	placeholder: 'e.g. userName eq "ann.lee@example.com"',
	description:
		'A SCIM filter expression sent to Sigma as typed, for filters the other ' +
		'options do not cover. Quote and escape values yourself (\\" and \\\\). ' +
		'Sigma documents filtering on userName and displayName only.',
};
