import type { INodePropertyOptions } from 'n8n-workflow';

export const visibilityOptions: INodePropertyOptions[] = [
	{ name: 'Private', value: 'private', description: 'Only members of the team see it' },
	{ name: 'Public', value: 'public', description: 'Everyone in the organization sees it' },
];

export const VISIBILITIES = ['private', 'public'];
