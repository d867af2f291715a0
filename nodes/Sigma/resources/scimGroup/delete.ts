import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { endpoint, scimApiRequest } from '../../../transport';
import { scimGroupLocator } from '../../shared/scimDescriptions';
import { explainScimError } from '../../shared/scimErrors';
import { readScimLocator, runScimItems } from '../../shared/scimItems';
import { resolveScimId, SCIM_GROUPS } from '../../shared/scimLookup';
import { GROUP_LOCATOR, groupHint, showFor } from './shared';

export const description: INodeProperties[] = [scimGroupLocator(showFor('delete'))];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runScimItems(
		this,
		items,
		(itemIndex) => readScimLocator.call(this, 'groupId', itemIndex, GROUP_LOCATOR),
		async (group, itemIndex) => {
			const groupId = await resolveScimId.call(this, SCIM_GROUPS, group, itemIndex);
			try {
				await scimApiRequest.call(this, {
					method: 'DELETE',
					path: endpoint`/Groups/${groupId}`,
					itemIndex,
				});
			} catch (error) {
				throw explainScimError(error, groupHint({ groupId }));
			}
			return { deleted: true };
		},
	);
}
