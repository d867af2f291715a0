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
import { shapeUser, showFor } from './shared';

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
			{ ...SCIM_RAW_FILTER, placeholder: 'e.g. userName eq "ann.lee@example.com"' },
			{
				displayName: 'User Name',
				name: 'userName',
				type: 'string',
				default: '',
				placeholder: 'e.g. ann.lee@example.com',
				description: 'Only the user with this email address (compared without case)',
			},
		],
	},
	scimSimplify(displayOptions),
];

/** The SCIM filter for the chosen options; undefined lists every user. */
function buildFilter(
	context: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): string | undefined {
	const userName = typeof filters.userName === 'string' ? filters.userName : '';
	const raw = typeof filters.filter === 'string' ? filters.filter.trim() : '';
	if (userName !== '' && raw !== '') {
		throw new NodeOperationError(
			context.getNode(),
			'Filters: set either User Name or Raw Filter (Advanced), not both',
			{ itemIndex, description: 'Put the user name into the raw filter to combine them.' },
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
	return userName === '' ? undefined : scimEqualsFilter('userName', userName);
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
				const users = (await collect(
					scimPages.call(this, '/Users', {
						qs: filter === undefined ? {} : { filter },
						limit,
						itemIndex,
					}),
				)) as IDataObject[];
				return users.map((user) => shapeUser(user, simplify));
			} catch (error) {
				throw explainScimError(error, ({ status, scimType }) =>
					status === '400' && filter !== undefined && scimType === 'invalidFilter'
						? `Sigma refused the filter ${filter}. Sigma documents only userName eq "…" for users; check the raw filter's syntax and quoting.`
						: undefined,
				);
			}
		},
	);
}
