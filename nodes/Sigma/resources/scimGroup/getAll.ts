import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collect, scimPages } from '../../../transport';
import { readLimit } from '../../shared/descriptions';
import {
	SCIM_RAW_FILTER,
	scimReturnAllAndLimit,
	scimSimplify,
} from '../../shared/scimDescriptions';
import { explainScimError } from '../../shared/scimErrors';
import { rawFilterProblem, scimEqualsFilter } from '../../shared/scimFilter';
import { runScimItems } from '../../shared/scimItems';
import { shapeGroup, showFor } from './shared';

const displayOptions = showFor('getAll');

export const description: INodeProperties[] = [
	...scimReturnAllAndLimit(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Finance',
				description: 'Only the group with this name (compared without case)',
			},
			{ ...SCIM_RAW_FILTER, placeholder: 'e.g. displayName eq "Finance"' },
		],
	},
	scimSimplify(displayOptions),
];

function buildFilter(
	context: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): string | undefined {
	const displayName = typeof filters.displayName === 'string' ? filters.displayName : '';
	const raw = typeof filters.filter === 'string' ? filters.filter.trim() : '';
	if (displayName !== '' && raw !== '') {
		throw new NodeOperationError(
			context.getNode(),
			'Filters: set either Display Name or Raw Filter (Advanced), not both',
			{ itemIndex, description: 'Put the display name into the raw filter to combine them.' },
		);
	}
	if (raw !== '') {
		const problem = rawFilterProblem(raw);
		if (problem !== undefined) {
			throw new NodeOperationError(
				context.getNode(),
				`Filters > Raw Filter (Advanced) ${problem}`,
				{ itemIndex },
			);
		}
		return raw;
	}
	return displayName === '' ? undefined : scimEqualsFilter('displayName', displayName);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runScimItems(
		this,
		items,
		(itemIndex) => {
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			return {
				limit: readLimit.call(this, itemIndex),
				filter: buildFilter(this, filters, itemIndex),
				simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			};
		},
		async ({ limit, filter, simplify }, itemIndex) => {
			try {
				const groups = (await collect(
					scimPages.call(this, '/Groups', {
						qs: filter === undefined ? {} : { filter },
						limit,
						itemIndex,
					}),
				)) as IDataObject[];
				return groups.map((group) => shapeGroup(group, simplify));
			} catch (error) {
				throw explainScimError(error, ({ status, scimType }) =>
					status === '400' && filter !== undefined && scimType === 'invalidFilter'
						? `Sigma refused the filter ${filter}. Sigma documents only displayName eq "…" for groups; check the raw filter's syntax and quoting.`
						: undefined,
				);
			}
		},
	);
}
