import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../types';
import * as getAll from './getAll';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['accountType'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many account types',
			description: "List the organization's account types (needs credentials owned by an Admin)",
		},
	],
	default: 'getAll',
};

export const accountTypeResource: ResourceModule = {
	properties: [operation, ...getAll.description],
	operations: { getAll },
};
