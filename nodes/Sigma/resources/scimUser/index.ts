import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule, ResourceModule } from '../../types';
import * as create from './create';
import * as deactivate from './deactivate';
import * as deleteUser from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as replace from './replace';
import { searchScimUsers } from './searchScimUsers';
import * as update from './update';

const operations: Record<string, OperationModule> = {
	create,
	deactivate,
	delete: deleteUser,
	get,
	getAll,
	replace,
	update,
};

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['scimUser'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a SCIM user',
			description: 'Provision a user, which creates a Sigma member',
		},
		{
			name: 'Deactivate',
			value: 'deactivate',
			action: 'Deactivate a SCIM user',
			description: 'Set active to false: the member becomes inactive and keeps their documents',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a SCIM user',
			description:
				'Deprovision a user. Sigma never erases members: it deactivates and archives them.',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a SCIM user',
			description: 'Retrieve one user',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many SCIM users',
			description: 'List users, deactivated ones included',
		},
		{
			name: 'Replace',
			value: 'replace',
			action: 'Replace a SCIM user',
			description: 'Overwrite every attribute of a user (PUT)',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a SCIM user',
			description: 'Change some attributes of a user (PATCH)',
		},
	],
	default: 'get',
};

export const scimUserResource: ResourceModule = {
	properties: [operation, ...Object.values(operations).flatMap((module) => module.description)],
	operations,
	listSearch: { searchScimUsers },
};
