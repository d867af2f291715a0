import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { endpoint, scimApiRequest } from '../../../transport';
import { scimUserLocator } from '../../shared/scimDescriptions';
import { explainScimError } from '../../shared/scimErrors';
import { readScimLocator, runScimItems } from '../../shared/scimItems';
import { resolveScimId, SCIM_USERS } from '../../shared/scimLookup';
import { scimPatchBody } from '../../shared/scimSchema';
import { showFor, USER_LOCATOR, userHint } from './shared';

export const description: INodeProperties[] = [scimUserLocator(showFor('deactivate'))];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runScimItems(
		this,
		items,
		(itemIndex) => readScimLocator.call(this, 'userId', itemIndex, USER_LOCATOR),
		async (user, itemIndex) => {
			const userId = await resolveScimId.call(this, SCIM_USERS, user, itemIndex);
			try {
				await scimApiRequest.call(this, {
					method: 'PATCH',
					path: endpoint`/Users/${userId}`,
					body: scimPatchBody([{ op: 'replace', path: 'active', value: false }]),
					itemIndex,
				});
			} catch (error) {
				throw explainScimError(error, userHint({ userId }));
			}
			return { id: userId, deactivated: true };
		},
	);
}
