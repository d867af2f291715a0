import type { INodeProperties } from 'n8n-workflow';

import { getAccountTypes } from '../../shared/accountTypes';
import type { ResourceModule } from '../../types';
import * as create from './create';
import * as deactivate from './deactivate';
import * as get from './get';
import * as getAll from './getAll';
import * as getTeams from './getTeams';
import { searchMembers } from './listSearch';
import * as reactivate from './reactivate';
import * as sync from './sync';
import { getTeams as getTeamOptions } from './sync/loadOptions';
import * as update from './update';
import * as upsert from './upsert';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['member'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a member',
			description: 'Add a member to the organization',
		},
		{
			name: 'Create or Update',
			value: 'upsert',
			action: 'Create or update a member',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
		},
		{
			name: 'Deactivate',
			value: 'deactivate',
			action: 'Deactivate a member',
			description: 'Deactivate (archive) a member; Sigma never deletes members',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a member',
			description: 'Retrieve a member by ID or email',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many members',
			description: 'List members, optionally filtered',
		},
		{
			name: 'Get Teams',
			value: 'getTeams',
			action: 'Get teams of a member',
			description: 'List the teams a member belongs to',
		},
		{
			name: 'Reactivate',
			value: 'reactivate',
			action: 'Reactivate a member',
			description: 'Reactivate a deactivated member',
		},
		{
			name: 'Sync From List',
			value: 'sync',
			action: 'Sync members from a list',
			description:
				'Make Sigma match a list of people: create, update, ' +
				'reactivate and deactivate members, and keep their teams',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a member',
			description: "Change a member's email, names, account type or user kind",
		},
	],
	default: 'create',
};

const operations = {
	create,
	deactivate,
	get,
	getAll,
	getTeams,
	reactivate,
	sync,
	update,
	upsert,
};

export const memberResource: ResourceModule = {
	properties: [operation, ...Object.values(operations).flatMap((module) => module.description)],
	operations,
	listSearch: { searchMembers },
	loadOptions: { getAccountTypes, getTeams: getTeamOptions },
};
