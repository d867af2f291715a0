import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resources, route } from './router';

const REST_RESOURCES = ['accountType', 'member', 'team'];
const SCIM_RESOURCES = ['scimGroup', 'scimUser'];

export class Sigma implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sigma',
		name: 'sigma',
		icon: { light: 'file:../../icons/sigma.svg', dark: 'file:../../icons/sigma.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Sigma Computing members, teams, account types, and SCIM users and groups',
		defaults: { name: 'Sigma' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{ name: 'sigmaApi', required: true, displayOptions: { show: { resource: REST_RESOURCES } } },
			{
				name: 'sigmaScimApi',
				required: true,
				displayOptions: { show: { resource: SCIM_RESOURCES } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account Type', value: 'accountType' },
					{ name: 'Member', value: 'member' },
					{ name: 'SCIM Group', value: 'scimGroup' },
					{ name: 'SCIM User', value: 'scimUser' },
					{ name: 'Team', value: 'team' },
				],
				default: 'member',
			},
			...Object.values(resources).flatMap((resource) => resource.properties),
		],
	};

	methods = {
		listSearch: Object.assign({}, ...Object.values(resources).map((r) => r.listSearch ?? {})),
		loadOptions: Object.assign({}, ...Object.values(resources).map((r) => r.loadOptions ?? {})),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
