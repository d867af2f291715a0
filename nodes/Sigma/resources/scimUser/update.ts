import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpoint, scimApiRequest } from '../../../transport';
import { scimSimplify, scimUserLocator } from '../../shared/scimDescriptions';
import { explainScimError } from '../../shared/scimErrors';
import { readScimLocator, runScimItems } from '../../shared/scimItems';
import { resolveScimId, SCIM_USERS } from '../../shared/scimLookup';
import type { ScimPatchOperation } from '../../shared/scimSchema';
import { isEmptyAnswer, scimPatchBody } from '../../shared/scimSchema';
import {
	checkUserName,
	checkUserType,
	shapeUser,
	showFor,
	USER_LOCATOR,
	USER_TYPE_DESCRIPTION,
	userHint,
} from './shared';

const displayOptions = showFor('update');

export const description: INodeProperties[] = [
	scimUserLocator(displayOptions),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether the user can sign in. An inactive user keeps their documents.',
			},
			{
				displayName: 'Family Name',
				name: 'familyName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Lee',
				description: "The user's last name",
			},
			{
				displayName: 'Given Name',
				name: 'givenName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Ann',
				description: "The user's first name",
			},
			{
				displayName: 'User Name',
				name: 'userName',
				type: 'string',
				default: '',
				placeholder: 'e.g. ann.lee@example.com',
				description:
					"The user's new email address. Warning: Sigma treats a new user name " +
					'as a new account, so the user may lose access to their documents.',
			},
			{
				displayName: 'User Type',
				name: 'userType',
				type: 'string',
				default: '',
				placeholder: 'e.g. Build',
				description: USER_TYPE_DESCRIPTION,
			},
		],
	},
	scimSimplify(displayOptions),
];

/** Update Fields names and the SCIM paths they replace, in the order they are sent. */
const PATHS: Array<[field: string, path: string]> = [
	['userName', 'userName'],
	['givenName', 'name.givenName'],
	['familyName', 'name.familyName'],
	['userType', 'userType'],
	['active', 'active'],
];

function readOperations(
	context: IExecuteFunctions,
	itemIndex: number,
): { operations: ScimPatchOperation[]; userName?: string } {
	const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const operations: ScimPatchOperation[] = [];
	for (const [field, path] of PATHS) {
		if (fields[field] === undefined) continue;
		let value = fields[field];
		if (field === 'userName') {
			value = checkUserName.call(context, value, itemIndex, 'Update Fields > User Name');
		}
		if (field === 'userType') {
			value = checkUserType.call(context, value, itemIndex, 'Update Fields > User Type');
		}
		if ((field === 'givenName' || field === 'familyName') && String(value).trim() === '') {
			throw new NodeOperationError(
				context.getNode(),
				`Update Fields > ${field === 'givenName' ? 'Given Name' : 'Family Name'} is empty: ` +
					'enter a name, or remove the field',
				{ itemIndex },
			);
		}
		operations.push({ op: 'replace', path, value });
	}
	if (operations.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			'Update Fields is empty: add at least one field to change',
			{ itemIndex },
		);
	}
	const userName = typeof fields.userName === 'string' ? fields.userName : undefined;
	return { operations, userName };
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runScimItems(
		this,
		items,
		(itemIndex) => ({
			user: readScimLocator.call(this, 'userId', itemIndex, USER_LOCATOR),
			...readOperations(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		async ({ user, operations, userName, simplify }, itemIndex) => {
			const userId = await resolveScimId.call(this, SCIM_USERS, user, itemIndex);
			const path = endpoint`/Users/${userId}`;
			try {
				let updated = await scimApiRequest.call(this, {
					method: 'PATCH',
					path,
					body: scimPatchBody(operations),
					itemIndex,
				});
				if (isEmptyAnswer(updated)) {
					updated = await scimApiRequest.call(this, { method: 'GET', path, itemIndex });
				}
				return shapeUser(updated as IDataObject, simplify);
			} catch (error) {
				throw explainScimError(error, userHint({ userId, userName }));
			}
		},
	);
}
