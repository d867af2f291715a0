import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { endpoint, scimApiRequest } from '../../../transport';
import { scimGroupLocator, scimSimplify } from '../../shared/scimDescriptions';
import { explainScimError } from '../../shared/scimErrors';
import { readScimLocator, runScimItems } from '../../shared/scimItems';
import { resolveScimId, SCIM_GROUPS } from '../../shared/scimLookup';
import { isEmptyAnswer, scimPatchBody } from '../../shared/scimSchema';
import {
	displayNameField,
	GROUP_LOCATOR,
	groupHint,
	readDisplayName,
	shapeGroup,
	showFor,
} from './shared';

const displayOptions = showFor('update');

export const description: INodeProperties[] = [
	scimGroupLocator(displayOptions),
	displayNameField(displayOptions, 'The new name of the group and of its Sigma team'),
	scimSimplify(displayOptions),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runScimItems(
		this,
		items,
		(itemIndex) => ({
			group: readScimLocator.call(this, 'groupId', itemIndex, GROUP_LOCATOR),
			displayName: readDisplayName.call(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		async ({ group, displayName, simplify }, itemIndex) => {
			const groupId = await resolveScimId.call(this, SCIM_GROUPS, group, itemIndex);
			const path = endpoint`/Groups/${groupId}`;
			try {
				let renamed = await scimApiRequest.call(this, {
					method: 'PATCH',
					path,
					body: scimPatchBody([{ op: 'replace', path: 'displayName', value: displayName }]),
					itemIndex,
				});
				if (isEmptyAnswer(renamed)) {
					renamed = await scimApiRequest.call(this, { method: 'GET', path, itemIndex });
				}
				return shapeGroup(renamed as IDataObject, simplify);
			} catch (error) {
				throw explainScimError(error, groupHint({ groupId, displayName }));
			}
		},
	);
}
