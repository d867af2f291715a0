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
import { readUserInput, shapeUser, showFor, userBody, userFields, userHint } from './shared';

const displayOptions = showFor('create');

export const description: INodeProperties[] = [
	...userFields(displayOptions, { userTypeRequired: false }),
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
			input: readUserInput.call(this, itemIndex, { userTypeRequired: false }),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		async ({ input, simplify }, itemIndex) => {
			try {
				const user = await scimApiRequest.call(this, {
					method: 'POST',
					path: '/Users',
					body: userBody(input),
					itemIndex,
				});
				return shapeUser(user as IDataObject, simplify);
			} catch (error) {
				throw explainScimError(error, userHint({ userName: input.userName }));
			}
		},
	);
}
