import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listAccountTypes } from '../../shared/accountTypes';
import { limitProperty, readLimit, returnAllProperty } from '../../shared/descriptions';
import { planItems, runPlanned } from '../../shared/plan';

const displayOptions = { show: { resource: ['accountType'], operation: ['getAll'] } };

export const description: INodeProperties[] = [
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const plan = planItems(this, items, (itemIndex) => readLimit.call(this, itemIndex));

	return await runPlanned(this, items, plan, async (limit, itemIndex) => {
		return await listAccountTypes.call(this, { limit, itemIndex });
	});
}
