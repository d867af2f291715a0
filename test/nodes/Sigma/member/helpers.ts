import type {
	IDataObject,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeParameters,
} from 'n8n-workflow';

import { Sigma } from '../../../../nodes/Sigma/Sigma.node';
import type { SigmaTestbed } from '../../../harness/sigma';

export const node = new Sigma();

/** A resource locator value as n8n stores it in a workflow. */
export function locator(
	mode: 'list' | 'id' | 'email' | 'name',
	value: string,
): INodeParameterResourceLocator {
	return { __rl: true, mode, value };
}

/** Freezes input items all the way down, so a node that mutates them throws. */
export function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null) {
		for (const child of Object.values(value)) deepFreeze(child);
		Object.freeze(value);
	}
	return value;
}

/** Runs the node and returns its output items (json and pairedItem). */
export async function run(
	sigma: SigmaTestbed,
	parameters: INodeParameters,
	items?: IDataObject[],
	continueOnFail = false,
): Promise<INodeExecutionData[]> {
	const output = await sigma.execute(node, { parameters, items, continueOnFail });
	return output[0];
}

/** The error the node throws (a rejection), for assertions on its message. */
export async function failure(promise: Promise<unknown>): Promise<Error & IDataObject> {
	try {
		await promise;
	} catch (error) {
		return error as Error & IDataObject;
	}
	throw new Error('expected the node to fail, but it succeeded');
}

/** Requests to Sigma's REST API, without the token exchange. */
export function restRequests(sigma: SigmaTestbed) {
	return sigma.emulator.log.entries.filter((entry) => entry.api === 'rest');
}
