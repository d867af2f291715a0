import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { endpoint, sigmaApiRequest } from '../../../transport';
import { readTeamRef, teamLocator } from '../../shared/locators';
import { planItems, runPlanned } from '../../shared/plan';
import { TeamDirectory } from '../../shared/teams';
import { invalidInput, optionalText } from '../../shared/validation';
import { visibilityOptions, VISIBILITIES } from './shared';

const displayOptions = { show: { resource: ['team'], operation: ['update'] } };

export const description: INodeProperties[] = [
	teamLocator(displayOptions),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Finance EMEA',
				description: 'New name; no other team may have it (compared case-insensitively)',
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

function read(this: IExecuteFunctions, itemIndex: number) {
	const ref = readTeamRef.call(this, 'teamId', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const name = optionalText(fields.name);
	if (name !== undefined) body.name = name;
	// An empty description is a real change (clearing it), so only an absent one is skipped.
	if (fields.description !== undefined) body.description = String(fields.description);
	const visibility = optionalText(fields.visibility);
	if (visibility !== undefined) {
		if (!VISIBILITIES.includes(visibility)) {
			throw invalidInput.call(
				this,
				itemIndex,
				`Update Fields: Visibility "${visibility}" is not one Sigma knows; use private or public`,
			);
		}
		body.visibility = visibility;
	}
	if (Object.keys(body).length === 0) {
		throw invalidInput.call(
			this,
			itemIndex,
			'Update Fields is empty, so there is nothing to update; add at least one field',
		);
	}
	return { ref, body };
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => read.call(this, itemIndex));
	const teams = new TeamDirectory(this);

	return await runPlanned(this, items, plan, async ({ ref, body }, itemIndex) => {
		const teamId = await teams.teamId(ref, itemIndex);
		return (await sigmaApiRequest.call(this, {
			method: 'PATCH',
			path: endpoint`/v2/teams/${teamId}`,
			body,
			itemIndex,
		})) as IDataObject;
	});
}
