import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../types';
import * as addMembers from './addMembers';
import * as create from './create';
import * as deleteTeam from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as getMembers from './getMembers';
import { searchTeams } from './listSearch';
import * as removeMembers from './removeMembers';
import * as update from './update';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['team'] } },
	options: [
		{
			name: 'Add Members',
			value: 'addMembers',
			action: 'Add members to a team',
			description: 'Add one member per input item to a team',
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a team',
			description: 'Create a team',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a team',
			description: 'Delete a team; its members stay in Sigma',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a team',
			description: 'Retrieve a team with the IDs of its members',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many teams',
			description: 'List teams, optionally filtered',
		},
		{
			name: 'Get Members',
			value: 'getMembers',
			action: 'Get members of a team',
			description: 'List the members of a team',
		},
		{
			name: 'Remove Members',
			value: 'removeMembers',
			action: 'Remove members from a team',
			description: 'Remove one member per input item from a team',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a team',
			description: "Change a team's name, description or visibility",
		},
	],
	default: 'create',
};

const operations = {
	addMembers,
	create,
	delete: deleteTeam,
	get,
	getAll,
	getMembers,
	removeMembers,
	update,
};

export const teamResource: ResourceModule = {
	properties: [operation, ...Object.values(operations).flatMap((module) => module.description)],
	operations,
	listSearch: { searchTeams },
};
