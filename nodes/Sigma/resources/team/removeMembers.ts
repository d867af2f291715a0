import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { changeMembership, membershipDescription } from './membership';

export const description = membershipDescription('remove');

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await changeMembership.call(this, items, 'remove');
}
