import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { scimApiRequest } from '../../../transport';
import { scimSimplify } from '../../shared/scimDescriptions';
import { explainScimError } from '../../shared/scimErrors';
import { runScimItems } from '../../shared/scimItems';
import { SCIM_GROUP_SCHEMA } from '../../shared/scimSchema';
import { displayNameField, groupHint, readDisplayName, shapeGroup, showFor } from './shared';

const displayOptions = showFor('create');

export const description: INodeProperties[] = [
	displayNameField(
		displayOptions,
		'The name of the group, which becomes the name of its Sigma team',
	),
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
			displayName: readDisplayName.call(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		async ({ displayName, simplify }, itemIndex) => {
			try {
				const group = await scimApiRequest.call(this, {
					method: 'POST',
					path: '/Groups',
					body: { schemas: [SCIM_GROUP_SCHEMA], displayName, members: [] },
					itemIndex,
				});
				return shapeGroup(group as IDataObject, simplify);
			} catch (error) {
				throw explainScimError(error, groupHint({ displayName }));
			}
		},
	);
}
