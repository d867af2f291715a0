import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ScimHint } from '../../shared/scimErrors';
import { readScimAttribute, readScimId, readScimText } from '../../shared/scimSchema';

export function showFor(...operations: string[]): IDisplayOptions {
	return { show: { resource: ['scimGroup'], operation: operations } };
}

export const GROUP_LOCATOR = { label: 'Group', key: 'displayName' } as const;

export function displayNameField(
	displayOptions: IDisplayOptions,
	description: string,
): INodeProperties {
	return {
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Finance',
		description,
		displayOptions,
	};
}

export function readDisplayName(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('displayName', itemIndex) as unknown;
	const text = typeof value === 'string' ? value : String(value ?? '');
	const field = 'Display Name (displayName)';
	if (text.trim() === '') {
		throw new NodeOperationError(this.getNode(), `${field} is empty: enter the group's name`, {
			itemIndex,
		});
	}
	if (text !== text.trim()) {
		throw new NodeOperationError(
			this.getNode(),
			`${field} "${text}" has spaces around it: remove them`,
			{ itemIndex },
		);
	}
	return text;
}

export function simplifyGroup(group: IDataObject): IDataObject {
	const members = readScimAttribute(group, 'members');
	return {
		id: readScimId(group) ?? null,
		displayName: readScimText(group, 'displayName') ?? null,
		memberCount: Array.isArray(members) ? members.length : 0,
	};
}

export function shapeGroup(group: IDataObject, simplify: boolean): IDataObject {
	return simplify ? simplifyGroup(group) : group;
}

/** Advice on Sigma's common SCIM group errors. */
export function groupHint(request: { displayName?: string; groupId?: string }): ScimHint {
	return ({ status }) => {
		if (status === '409') {
			const name = request.displayName ? ` "${request.displayName}"` : '';
			return (
				`Another SCIM group (Sigma team) is already named${name}; ` +
				'names are compared without case. Use that group, or choose another name.'
			);
		}
		if (status === '404' && request.groupId) {
			return (
				`No SCIM group has the ID "${request.groupId}". ` +
				'Pick the group from the list, or look it up By Display Name.'
			);
		}
		return undefined;
	};
}
