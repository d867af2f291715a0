import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameters,
	INodeProperties,
	Workflow,
} from 'n8n-workflow';

import type { SigmaTestbed } from '../test/harness/sigma';
import { probeNode } from '../test/harness/sigma';

export interface ExpressionCpu {
	/** Reading the mapped parameters of every item (n8n evaluates each expression). */
	parametersMs: number;
	/** n8n resolving the credential's `Authorization: Bearer {{...}}`, once per request. */
	authorizationMs: number;
}

/**
 * The CPU time n8n itself spends evaluating expressions in one run, without sending anything:
 * the mapped parameters of every item, and the credential's Authorization header for every
 * request. `properties` declare the parameters, as n8n only hands a node the declared ones.
 */
export async function expressionCpu(
	sigma: SigmaTestbed,
	run: { properties: INodeProperties[]; parameters: INodeParameters; items: IDataObject[] },
	requests: number,
): Promise<ExpressionCpu> {
	const credential = sigma.store.stored(sigma.credentials.sigmaApi.id);
	const names = run.properties.map((property) => property.name);
	const measure = probeNode(async function (this: IExecuteFunctions) {
		let started = process.cpuUsage();
		for (let itemIndex = 0; itemIndex < run.items.length; itemIndex++) {
			for (const name of names) this.getNodeParameter(name, itemIndex);
		}
		const parameters = process.cpuUsage(started);
		// The execution context's own workflow, as n8n hands it to its credentials helper.
		const { workflow } = this as unknown as { workflow: Workflow };
		started = process.cpuUsage();
		for (let request = 0; request < requests; request++) {
			await sigma.store.authenticate(
				{ ...credential },
				'sigmaApi',
				{ method: 'GET', url: `${sigma.emulator.url}/v2/members`, headers: {} },
				workflow,
				this.getNode(),
			);
		}
		const authorization = process.cpuUsage(started);
		return {
			parametersMs: (parameters.user + parameters.system) / 1000,
			authorizationMs: (authorization.user + authorization.system) / 1000,
		};
	});
	measure.description.properties = run.properties;
	const output = await sigma.execute(measure, { parameters: run.parameters, items: run.items });
	return output[0][0].json as unknown as ExpressionCpu;
}

export function stringProperty(name: string): INodeProperties {
	return { displayName: name, name, type: 'string', default: '' };
}
