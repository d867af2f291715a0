import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData, INodeParameterResourceLocator } from 'n8n-workflow';

import { Sigma } from '../../../../nodes/Sigma/Sigma.node';
import type { SigmaTestbed } from '../../../harness/sigma';

export const node = new Sigma();

const locator = (mode: string, value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode,
	value,
});
export const byId = (value: string) => locator('id', value);
export const fromList = (value: string) => locator('list', value);
export const byUserName = (value: string) => locator('userName', value);
export const byDisplayName = (value: string) => locator('displayName', value);

/** SCIM requests as `METHOD path`, in the order the emulator received them. */
export function scimRequests(sigma: SigmaTestbed): string[] {
	return sigma.emulator.log.entries
		.filter((entry) => entry.api === 'scim')
		.map((entry) => `${entry.method} ${entry.path}`);
}

export function scimQueries(sigma: SigmaTestbed, method = 'GET'): Array<Record<string, string>> {
	return sigma.emulator.log.entries
		.filter((entry) => entry.api === 'scim' && entry.method === method)
		.map((entry) => entry.query);
}

export function pairing(items: INodeExecutionData[]): unknown[] {
	return items.map((item) => item.pairedItem);
}

/** Runs the node and returns the error it threw, failing the test if it did not throw. */
export async function failure(run: Promise<unknown>): Promise<Error & IDataObject> {
	try {
		await run;
	} catch (error) {
		return error as Error & IDataObject;
	}
	throw new Error('expected the node to fail');
}

export interface RecordedRequest {
	method: string;
	path: string;
	contentType?: string;
	body?: unknown;
}

/**
 * A pass-through HTTP proxy in front of the emulator that records what the node sends (content
 * type and JSON body; never headers with credentials), since the emulator's log keeps no bodies.
 * It points the testbed's SCIM credential at itself until `stop`. With `emptyAnswerTo`, requests
 * of that method still reach the emulator but the node gets a 204 without a body, as some SCIM
 * servers answer PUT and PATCH.
 */
export async function startRecorder(sigma: SigmaTestbed, options: { emptyAnswerTo?: string } = {}) {
	const recorded: RecordedRequest[] = [];
	const target = new URL(sigma.emulator.url);
	const server = createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const body = Buffer.concat(chunks);
			recorded.push({
				method: incoming.method ?? '',
				path: new URL(incoming.url ?? '/', target).pathname,
				contentType: incoming.headers['content-type'],
				body: body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined,
			});
			const upstream = request(
				{
					host: target.hostname,
					port: target.port,
					method: incoming.method,
					path: incoming.url,
					headers: incoming.headers,
				},
				(answer) => {
					if (options.emptyAnswerTo === incoming.method && answer.statusCode === 200) {
						answer.resume();
						outgoing.writeHead(204).end();
						return;
					}
					outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(outgoing);
				},
			);
			upstream.on('error', () => outgoing.destroy());
			upstream.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	sigma.store.edit(sigma.credentials.sigmaScimApi.id, {
		baseUrl: `http://127.0.0.1:${port}/scim/v2`,
	});
	return {
		recorded,
		stop: async () => {
			sigma.store.edit(sigma.credentials.sigmaScimApi.id, { baseUrl: sigma.emulator.scimUrl });
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
