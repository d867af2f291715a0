import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { SigmaApi } from '../../credentials/SigmaApi.credentials';
import { SigmaScimApi } from '../../credentials/SigmaScimApi.credentials';
import type { EmulatorOptions } from '../emulator';
import { SigmaEmulator } from '../emulator';
import { CredentialStore } from './credentialStore';
import type { NodeRun } from './runtime';
import { N8nRuntime } from './runtime';

/**
 * An emulator on 127.0.0.1, a credential store holding a `sigmaApi` and a `sigmaScimApi`
 * credential that point at it, and an n8n runtime to execute nodes with them.
 */
export async function startSigma(options: EmulatorOptions = {}) {
	const emulator = await SigmaEmulator.start(options);
	const store = new CredentialStore([new SigmaApi(), new SigmaScimApi()]);
	const sigmaApi = store.add('sigmaApi', {
		region: 'custom',
		baseUrl: emulator.url,
		clientId: emulator.clientId,
		clientSecret: emulator.clientSecret,
		accessToken: '',
	});
	const sigmaScimApi = store.add('sigmaScimApi', {
		baseUrl: emulator.scimUrl,
		token: emulator.scimToken,
	});
	const runtime = new N8nRuntime(store);
	const credentials = { sigmaApi, sigmaScimApi };

	return {
		emulator,
		store,
		runtime,
		credentials,
		/** Executes a node with both credentials attached. */
		execute: async (node: INodeType, run: Omit<NodeRun, 'credentials'>) =>
			await runtime.execute(node, { credentials, ...run }),
		/** The JSON of the first output's items. */
		json: async (node: INodeType, run: Omit<NodeRun, 'credentials'>) =>
			(await runtime.execute(node, { credentials, ...run }))[0].map((item) => item.json),
		stop: async () => await emulator.stop(),
	};
}

export type SigmaTestbed = Awaited<ReturnType<typeof startSigma>>;

/**
 * A node that runs `probe` inside a real n8n execution context, for testing the transport and
 * credentials through n8n's own request path without going through an operation.
 */
export function probeNode(
	probe: (this: IExecuteFunctions) => Promise<IDataObject | IDataObject[]>,
): INodeType {
	return {
		description: {
			displayName: 'Probe',
			name: 'probe',
			group: ['transform'],
			version: 1,
			description: 'Runs a test function',
			defaults: { name: 'Probe' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [
				{ name: 'sigmaApi', required: false },
				{ name: 'sigmaScimApi', required: false },
			],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const result = await probe.call(this);
			return [(Array.isArray(result) ? result : [result]).map((json) => ({ json }))];
		},
	};
}
