import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collect, scimPages } from '../../transport';
import type { OperationModule } from '../types';
import { readLimit } from './descriptions';
import { SCIM_RAW_FILTER, scimReturnAllAndLimit, scimSimplify } from './scimDescriptions';
import { explainScimError } from './scimErrors';
import type { ScimFilterAttribute } from './scimFilter';
import { rawFilterProblem, scimEqualsFilter } from './scimFilter';
import { runScimItems } from './scimItems';

/** What differs between Get Many of SCIM users and of SCIM groups. */
export interface ScimListSpec {
	displayOptions: IDisplayOptions;
	/** `/Users` or `/Groups`. */
	path: string;
	/** `user` or `group`, for messages. */
	noun: string;
	/** The attribute Sigma documents as filterable, offered as a safe equality filter. */
	key: {
		name: ScimFilterAttribute;
		displayName: string;
		placeholder: string;
		description: string;
	};
	rawPlaceholder: string;
	shape: (resource: IDataObject, simplify: boolean) => IDataObject;
}

/** Get Many for a SCIM resource: Return All / Limit, a safe key filter or a raw one, Simplify. */
export function scimGetAllOperation(spec: ScimListSpec): OperationModule {
	const { displayOptions, key } = spec;
	const filterOptions: INodeProperties[] = [
		{ ...key, type: 'string', default: '' },
		{ ...SCIM_RAW_FILTER, placeholder: spec.rawPlaceholder },
	];
	const description: INodeProperties[] = [
		...scimReturnAllAndLimit(displayOptions),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions,
			options: filterOptions.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		scimSimplify(displayOptions),
	];

	function buildFilter(context: IExecuteFunctions, filters: IDataObject, itemIndex: number) {
		const value = typeof filters[key.name] === 'string' ? (filters[key.name] as string) : '';
		const raw = typeof filters.filter === 'string' ? filters.filter.trim() : '';
		if (value !== '' && raw !== '') {
			const fieldName = key.displayName.toLowerCase();
			throw new NodeOperationError(
				context.getNode(),
				`Filters: set either ${key.displayName} or Raw Filter (Advanced), not both`,
				{
					itemIndex,
					description: `Put the ${fieldName} into the raw filter to combine them.`,
				},
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
		return value === '' ? undefined : scimEqualsFilter(key.name, value);
	}

	async function execute(
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
					const qs = filter === undefined ? {} : { filter };
					const resources = await collect(
						scimPages.call(this, spec.path, { qs, limit, itemIndex }),
					);
					return resources.map((resource) => spec.shape(resource, simplify));
				} catch (error) {
					throw explainScimError(error, ({ status, scimType }) =>
						status === '400' && filter !== undefined && scimType === 'invalidFilter'
							? `Sigma refused the filter ${filter}. Sigma documents only ${key.name} ` +
								`eq "…" for ${spec.noun}s; check the raw filter's syntax and quoting.`
							: undefined,
					);
				}
			},
		);
	}

	return { description, execute };
}
