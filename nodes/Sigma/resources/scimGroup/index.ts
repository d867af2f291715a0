import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule, ResourceModule } from '../../types';
import * as addMembers from './addMembers';
import * as create from './create';
import * as deleteGroup from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as removeMembers from './removeMembers';
import { searchScimGroups } from './searchScimGroups';
import * as update from './update';

const operations: Record<string, OperationModule> = {
	addMembers,
	create,
	delete: deleteGroup,
	get,
	getAll,
	removeMembers,
	update,
};

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['scimGroup'] } },
	options: [
		{
			name: 'Add Members',
			value: 'addMembers',
			action: 'Add members to a SCIM group',
			description: 'Add one user per input item to a group, which adds them to its Sigma team',
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a SCIM group',
			description: 'Provision a group, which creates a Sigma team managed by SCIM',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a SCIM group',
			description: 'Deprovision a group and its Sigma team',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a SCIM group',
			description: 'Retrieve one group and its members',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many SCIM groups',
			description: 'List groups',
		},
		{
			name: 'Remove Members',
			value: 'removeMembers',
			action: 'Remove members from a SCIM group',
			description: 'Remove one user per input item from a group and its Sigma team',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a SCIM group',
			description: 'Rename a group and its Sigma team',
		},
	],
	default: 'get',
};

export const scimGroupResource: ResourceModule = {
	properties: [operation, ...Object.values(operations).flatMap((module) => module.description)],
	operations,
	listSearch: { searchScimGroups },
};
