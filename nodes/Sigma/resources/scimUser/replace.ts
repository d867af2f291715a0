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
import { isEmptyAnswer } from '../../shared/scimSchema';
import {
	readUserInput,
	shapeUser,
	showFor,
	USER_LOCATOR,
	userBody,
	userFields,
	userHint,
} from './shared';

const displayOptions = showFor('replace');

export const description: INodeProperties[] = [
	scimUserLocator(displayOptions),
	{
		displayName:
			'Replace sends the whole user: every attribute below overwrites the current one. ' +
			'To change only some, use Update. A new User Name makes Sigma create a new account.',
		name: 'replaceNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	...userFields(displayOptions, { userTypeRequired: true }),
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
			input: readUserInput.call(this, itemIndex, { userTypeRequired: true }),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		async ({ user, input, simplify }, itemIndex) => {
			const userId = await resolveScimId.call(this, SCIM_USERS, user, itemIndex);
			const path = endpoint`/Users/${userId}`;
			try {
				let replaced = await scimApiRequest.call(this, {
					method: 'PUT',
					path,
					body: userBody(input),
					itemIndex,
				});
				if (isEmptyAnswer(replaced)) {
					replaced = await scimApiRequest.call(this, { method: 'GET', path, itemIndex });
				}
				return shapeUser(replaced as IDataObject, simplify);
			} catch (error) {
				throw explainScimError(error, userHint({ userId, userName: input.userName }));
			}
		},
	);
}
