import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { endpoint, scimApiRequest } from '../../../transport';
import { scimSimplify, scimUserLocator } from '../../shared/scimDescriptions';
import { explainScimError } from '../../shared/scimErrors';
import { readScimLocator, runScimItems } from '../../shared/scimItems';
import { resolveScimId, SCIM_USERS } from '../../shared/scimLookup';
import { shapeUser, showFor, USER_LOCATOR, userHint } from './shared';

const displayOptions = showFor('get');

export const description: INodeProperties[] = [
	scimUserLocator(displayOptions),
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
			user: readScimLocator.call(this, 'userId', itemIndex, USER_LOCATOR),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		async ({ user, simplify }, itemIndex) => {
			const userId = await resolveScimId.call(this, SCIM_USERS, user, itemIndex);
			try {
				const found = await scimApiRequest.call(this, {
					method: 'GET',
					path: endpoint`/Users/${userId}`,
					itemIndex,
				});
				return shapeUser(found as IDataObject, simplify);
			} catch (error) {
				throw explainScimError(error, userHint({ userId }));
			}
		},
	);
}
