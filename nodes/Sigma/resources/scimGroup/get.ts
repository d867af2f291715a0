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
import { GROUP_LOCATOR, groupHint, shapeGroup, showFor } from './shared';

const displayOptions = showFor('get');

export const description: INodeProperties[] = [
	scimGroupLocator(displayOptions),
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
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		async ({ group, simplify }, itemIndex) => {
			const groupId = await resolveScimId.call(this, SCIM_GROUPS, group, itemIndex);
			try {
				const found = await scimApiRequest.call(this, {
					method: 'GET',
					path: endpoint`/Groups/${groupId}`,
					itemIndex,
				});
				return shapeGroup(found as IDataObject, simplify);
			} catch (error) {
				throw explainScimError(error, groupHint({ groupId }));
			}
		},
	);
}
