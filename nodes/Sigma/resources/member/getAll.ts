import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { cursorPages } from '../../../transport';
import {
	limitProperty,
	readLimit,
	returnAllProperty,
	simplifyProperty,
} from '../../shared/descriptions';
import type { SigmaMember } from '../../shared/members';
import { simplifyMember } from '../../shared/members';
import { planItems, runPlanned } from '../../shared/plan';
import { checkEmail, invalidInput, optionalText } from '../../shared/validation';

const displayOptions = { show: { resource: ['member'], operation: ['getAll'] } };

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
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. ann.lee@example.com',
				default: '',
				description: 'Only the member with this email (compared case-insensitively)',
			},
			{
				displayName: 'Include Archived',
				name: 'includeArchived',
				type: 'boolean',
				default: false,
				description: 'Whether to include members deactivated in Sigma (isArchived)',
			},
			{
				displayName: 'Include Inactive',
				name: 'includeInactive',
				type: 'boolean',
				default: false,
				description:
					'Whether to include members deactivated by your identity provider through SCIM ' +
					'(isInactive)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. lee',
				description:
					'Only members whose email, first name or last name contains this text. ' +
					'Cannot be combined with Email.',
			},
		],
	},
	simplifyProperty(displayOptions),
];

interface Query {
	qs: IDataObject;
	email?: string;
	limit?: number;
	simplify: boolean;
}

function read(this: IExecuteFunctions, itemIndex: number): Query {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const email = optionalText(filters.email);
	const search = optionalText(filters.search);
	if (email !== undefined && search !== undefined) {
		throw invalidInput.call(
			this,
			itemIndex,
			'Filters: Email and Search cannot be combined (Sigma does not allow it); keep one of them',
		);
	}
	const qs: IDataObject = {};
	if (email !== undefined) qs.email = checkEmail.call(this, email, 'Filters: Email', itemIndex);
	if (search !== undefined) qs.search = search;
	if (filters.includeArchived === true) qs.includeArchived = true;
	if (filters.includeInactive === true) qs.includeInactive = true;
	return {
		qs,
		email: email?.toLowerCase(),
		limit: readLimit.call(this, itemIndex),
		simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => read.call(this, itemIndex));

	return await runPlanned(this, items, plan, async (query, itemIndex) => {
		const pages = cursorPages.call(this, '/v2/members', {
			qs: query.qs,
			limit: query.limit,
			itemIndex,
		}) as AsyncGenerator<SigmaMember[]>;
		// Each page is shaped as it arrives: the full records of a large org are never all held
		// at once, and no second pass over every member is left for after the last page.
		const members: IDataObject[] = [];
		for await (const page of pages) {
			for (const member of page) {
				if (query.email !== undefined && member.email?.toLowerCase() !== query.email) continue;
				members.push(query.simplify ? simplifyMember(member) : member);
			}
		}
		return members;
	});
}
