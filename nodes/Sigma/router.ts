import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { accountTypeResource } from './resources/accountType';
import { memberResource } from './resources/member';
import { scimGroupResource } from './resources/scimGroup';
import { scimUserResource } from './resources/scimUser';
import { teamResource } from './resources/team';
import type { ResourceModule } from './types';

export const resources: Record<string, ResourceModule> = {
	accountType: accountTypeResource,
	member: memberResource,
	scimGroup: scimGroupResource,
	scimUser: scimUserResource,
	team: teamResource,
};

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;

	const module = resources[resource]?.operations[operation];
	if (!module) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not known for the resource "${resource}"`,
		);
	}
	return [await module.execute.call(this, items)];
}
