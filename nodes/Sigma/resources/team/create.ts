import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { sigmaApiRequest } from '../../../transport';
import type { MemberRef } from '../../shared/locators';
import { MemberDirectory } from '../../shared/members';
import { planItems, readyItems, runPlanned } from '../../shared/plan';
import {
	checkEmail,
	checkId,
	invalidInput,
	requiredString,
	optionalText,
} from '../../shared/validation';
import { visibilityOptions, VISIBILITIES } from './shared';

const displayOptions = { show: { resource: ['team'], operation: ['create'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Finance',
		description: 'Name of the team; no other team may have it (compared case-insensitively)',
		displayOptions,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Create Team Folder',
				name: 'createTeamFolder',
				type: 'boolean',
				default: false,
				description: 'Whether Sigma creates a workspace folder for the team',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Members',
				name: 'members',
				type: 'string',
				default: '',
				placeholder: 'e.g. ann.lee@example.com, 4mPzq0Rj2c',
				description: 'Member IDs or emails of the first members, separated by commas',
			},
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				options: visibilityOptions,
				default: 'private',
			},
		],
	},
];

function readMembers(this: IExecuteFunctions, value: unknown, itemIndex: number): MemberRef[] {
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return list
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '')
		.map((entry) =>
			entry.includes('@')
				? { by: 'email', email: checkEmail.call(this, entry, 'Members', itemIndex) }
				: { by: 'id', memberId: checkId.call(this, entry, 'Members', itemIndex) },
		);
}

function read(this: IExecuteFunctions, itemIndex: number) {
	const body: IDataObject = { name: requiredString.call(this, 'name', 'Name', itemIndex) };
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const text = optionalText(additional.description);
	if (text !== undefined) body.description = text;
	const visibility = optionalText(additional.visibility);
	if (visibility !== undefined) {
		if (!VISIBILITIES.includes(visibility)) {
			throw invalidInput.call(
				this,
				itemIndex,
				`Visibility "${visibility}" is not one Sigma knows; use private or public`,
			);
		}
		body.visibility = visibility;
	}
	if (additional.createTeamFolder === true) body.createTeamFolder = true;
	return { body, members: readMembers.call(this, additional.members, itemIndex) };
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => read.call(this, itemIndex));
	const directory = new MemberDirectory(this);
	await directory.preload(readyItems(plan).flatMap(({ value }) => value.members));

	return await runPlanned(this, items, plan, async ({ body, members }, itemIndex) => {
		if (members.length > 0) {
			const ids = new Set<string>();
			for (const ref of members) ids.add((await directory.require(ref, itemIndex)).memberId);
			body.members = [...ids];
		}
		return (await sigmaApiRequest.call(this, {
			method: 'POST',
			path: '/v2/teams',
			body,
			itemIndex,
		})) as IDataObject;
	});
}
