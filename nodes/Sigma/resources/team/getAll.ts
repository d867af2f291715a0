import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { collect, cursorPages } from '../../../transport';
import { limitProperty, readLimit, returnAllProperty } from '../../shared/descriptions';
import { planItems, runPlanned } from '../../shared/plan';
import { invalidInput, optionalText } from '../../shared/validation';
import { visibilityOptions, VISIBILITIES } from './shared';

const displayOptions = { show: { resource: ['team'], operation: ['getAll'] } };

export const description: INodeProperties[] = [
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: "Only teams matching this description (Sigma's description filter)",
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Finance',
				description: "Only teams matching this name (Sigma's name filter)",
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
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const name of ['name', 'description'] as const) {
		const value = optionalText(filters[name]);
		if (value !== undefined) qs[name] = value;
	}
	const visibility = optionalText(filters.visibility);
	if (visibility !== undefined) {
		if (!VISIBILITIES.includes(visibility)) {
			throw invalidInput.call(
				this,
				itemIndex,
				`Filters: Visibility "${visibility}" is not one Sigma knows; use private or public`,
			);
		}
		qs.visibility = visibility;
	}
	return { qs, limit: readLimit.call(this, itemIndex) };
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => read.call(this, itemIndex));

	return await runPlanned(this, items, plan, async ({ qs, limit }, itemIndex) => {
		const pages = cursorPages.call(this, '/v2/teams', { qs, limit, itemIndex }) as AsyncGenerator<
			IDataObject[]
		>;
		return await collect(pages);
	});
}
