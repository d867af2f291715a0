import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { endpoint, sigmaApiRequest } from '../../../transport';
import { concurrencyOption, readConcurrency } from '../../shared/descriptions';
import type { MemberRef } from '../../shared/locators';
import { memberLocator, readMemberRef } from '../../shared/locators';
import { MemberDirectory, SCIM_MANAGED_HINT } from '../../shared/members';
import { planItems, readyItems, runPlanned } from '../../shared/plan';
import { checkEmail, checkId, invalidInput, optionalText } from '../../shared/validation';

const displayOptions = { show: { resource: ['member'], operation: ['deactivate'] } };

export const description: INodeProperties[] = [
	memberLocator(displayOptions, {
		description:
			'The member to deactivate. Sigma never deletes members: ' +
			'they are archived and can be reactivated.',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Archive Documents',
				name: 'archiveDocuments',
				type: 'boolean',
				default: false,
				description: "Whether to archive the member's documents instead of handing them over",
			},
			{
				displayName: 'Archive Scheduled Exports',
				name: 'archiveScheduledExports',
				type: 'boolean',
				default: false,
				description: "Whether to archive the member's scheduled exports",
			},
			concurrencyOption,
			{
				displayName: 'New Owner',
				name: 'newOwnerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. ann.lee@example.com',
				description:
					'Member ID or email of the active member who receives the deactivated ' +
					"member's documents. Empty: they go to the owner of the API credentials.",
			},
		],
	},
];

interface Deactivation {
	ref: MemberRef;
	newOwner?: MemberRef;
	archiveDocuments: boolean;
	archiveScheduledExports: boolean;
}

function read(this: IExecuteFunctions, itemIndex: number): Deactivation {
	const ref = readMemberRef.call(this, 'memberId', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const owner = optionalText(options.newOwnerId);
	let newOwner: MemberRef | undefined;
	if (owner?.includes('@')) {
		newOwner = { by: 'email', email: checkEmail.call(this, owner, 'New Owner', itemIndex) };
	} else if (owner !== undefined) {
		newOwner = { by: 'id', memberId: checkId.call(this, owner, 'New Owner', itemIndex) };
	}
	return {
		ref,
		newOwner,
		archiveDocuments: options.archiveDocuments === true,
		archiveScheduledExports: options.archiveScheduledExports === true,
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => read.call(this, itemIndex));
	const directory = new MemberDirectory(this);
	await directory.preload(
		readyItems(plan).flatMap(({ value }) =>
			value.newOwner ? [value.ref, value.newOwner] : [value.ref],
		),
	);

	return await runPlanned(
		this,
		items,
		plan,
		async (deactivation, itemIndex) => {
			// Read first: Sigma's DELETE must not be used on members an identity provider manages.
			const member = await directory.require(deactivation.ref, itemIndex);
			if (member.isInactive) {
				throw invalidInput.call(
					this,
					itemIndex,
					`Member "${member.email}" (${member.memberId}) is managed by your identity ` +
						'provider through SCIM: deactivate them there or with the SCIM User resource',
					SCIM_MANAGED_HINT,
				);
			}
			if (member.isArchived) {
				return { memberId: member.memberId, deactivated: true, alreadyDeactivated: true };
			}

			const newOwnerId = deactivation.newOwner
				? (await directory.require(deactivation.newOwner, itemIndex)).memberId
				: undefined;
			if (newOwnerId === member.memberId) {
				throw invalidInput.call(
					this,
					itemIndex,
					'New Owner is the member being deactivated; ' +
						'choose another active member to receive the documents',
				);
			}

			const path = endpoint`/v2/members/${member.memberId}`;
			if (newOwnerId || deactivation.archiveDocuments || deactivation.archiveScheduledExports) {
				const body: IDataObject = { isArchived: true };
				if (newOwnerId) body.newOwnerId = newOwnerId;
				if (deactivation.archiveDocuments) body.archiveDocuments = true;
				if (deactivation.archiveScheduledExports) body.archiveScheduledExports = true;
				await sigmaApiRequest.call(this, { method: 'PATCH', path, body, itemIndex });
			} else {
				await sigmaApiRequest.call(this, { method: 'DELETE', path, itemIndex });
			}

			const output: IDataObject = { memberId: member.memberId, deactivated: true };
			if (newOwnerId) output.newOwnerId = newOwnerId;
			return output;
		},
		readConcurrency.call(this),
	);
}
