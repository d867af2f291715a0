import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { DEFAULT_MAX_REMOVAL_PERCENT } from './guard';
import { pollMembers } from './poll';

export class SigmaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sigma Trigger',
		name: 'sigmaTrigger',
		icon: { light: 'file:../../icons/sigma.svg', dark: 'file:../../icons/sigma.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Sigma Computing members are added, changed or removed',
		defaults: { name: 'Sigma Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sigmaApi', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Member Added',
						value: 'memberAdded',
						description:
							'A member appears in the list: ' +
							'created, or reactivated while deactivated members are left out',
					},
					{
						name: 'Member Changed',
						value: 'memberChanged',
						description: 'A watched field of a member changed',
					},
					{
						name: 'Member Removed',
						value: 'memberRemoved',
						description:
							'A member left the list: deactivated, or made ' +
							'inactive by SCIM, while such members are left out',
					},
				],
				default: ['memberAdded', 'memberChanged', 'memberRemoved'],
			},
			{
				displayName:
					'The first poll after activation, or after these settings change, ' +
					'records the member list and emits nothing; events start with the next poll',
				name: 'baselineNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Archived',
						name: 'includeArchived',
						type: 'boolean',
						default: false,
						description:
							'Whether to keep deactivated (archived) members in the list, so that ' +
							'deactivating a member is a change of isArchived rather than a removal',
					},
					{
						displayName: 'Include Inactive',
						name: 'includeInactive',
						type: 'boolean',
						default: false,
						description:
							'Whether to keep members deactivated through SCIM (inactive) ' +
							'in the list, so that this is a change of isInactive rather than a removal',
					},
					{
						displayName: 'Include Teams',
						name: 'includeTeams',
						type: 'boolean',
						default: false,
						description:
							'Whether to watch team membership too: a member joining or ' +
							'leaving a team is a change of teams. Costs one request per team ' +
							'(or per member, when there are fewer members) on every poll.',
					},
					{
						displayName: 'Mass Removal Guard (%)',
						name: 'maxRemovalPercent',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 100 },
						default: DEFAULT_MAX_REMOVAL_PERCENT,
						description:
							'A poll that would remove more than this share of the members (and more than 3) ' +
							'fails instead, emits nothing and keeps the stored list. 100 turns the guard off.',
					},
					{
						displayName: 'Watch Fields',
						name: 'watchFields',
						type: 'multiOptions',
						options: [
							{ name: 'Email', value: 'email' },
							{ name: 'First Name', value: 'firstName' },
							{ name: 'Is Archived', value: 'isArchived' },
							{ name: 'Is Inactive', value: 'isInactive' },
							{ name: 'Last Name', value: 'lastName' },
							{ name: 'Member Type', value: 'memberType' },
							{ name: 'User Kind', value: 'userKind' },
						],
						default: [
							'email',
							'firstName',
							'lastName',
							'memberType',
							'userKind',
							'isArchived',
							'isInactive',
						],
						description: 'Member fields whose change is a Member Changed event',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollMembers.call(this);
	}
}
