import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { Sigma } from '../nodes/Sigma/Sigma.node';
import type { SigmaTestbed } from '../test/harness/sigma';
import { probeNode, startSigma } from '../test/harness/sigma';
import { BareClient } from './bareClient';
import { connectionCounter, sideBySide } from './measure';

export const GET_MANY_PARAMETERS = { resource: 'member', operation: 'getAll', returnAll: true };

/**
 * node: our node. n8nClient: the same page requests sent straight through n8n's
 * httpRequestWithAuthentication, without any of our code, to tell our cost from n8n's.
 * bare: undici with a new connection per request, as n8n's client does. bareKeepAlive: undici
 * reusing one connection, to show what n8n's connection per request costs.
 */
export type GetManySide = 'node' | 'n8nClient' | 'bare' | 'bareKeepAlive';

export const GET_MANY_SIDES: GetManySide[] = ['node', 'n8nClient', 'bare', 'bareKeepAlive'];

/** The page loop with nothing but n8n's own request helper, sent with our request options. */
function n8nClientNode(baseUrl: string) {
	return probeNode(async function (this: IExecuteFunctions) {
		const members: IDataObject[] = [];
		let cursor: string | null = null;
		do {
			const qs: IDataObject = cursor === null ? { limit: 1000 } : { limit: 1000, page: cursor };
			const page = (await this.helpers.httpRequestWithAuthentication.call(this, 'sigmaApi', {
				method: 'GET',
				url: `${baseUrl}/v2/members`,
				qs,
				json: true,
				headers: { Accept: 'application/json' },
				disableFollowRedirect: true,
			})) as { entries: IDataObject[]; nextPage: string | null };
			for (const member of page.entries) members.push(member);
			cursor = page.nextPage;
		} while (cursor !== null && cursor !== '');
		return { listed: members.length };
	});
}

export interface GetManyRow {
	members: number;
	/** Members the default filters list (archived and SCIM-inactive ones are hidden). */
	listed: number;
	requests: number;
	minimum: number;
	rounds: number;
	/** Median wall time per side, in ms. */
	ms: Record<GetManySide, number>;
	/** Every measured run, for the record. */
	runs: Record<GetManySide, number[]>;
	connections: Record<GetManySide, number>;
	/** node / bare: the target. */
	ratio: number;
	/** node / n8nClient: the share of our own code. */
	ratioN8nClient: number;
	/** n8nClient / bare: the share of n8n's HTTP client and credential handling. */
	ratioN8nOverBare: number;
}

/** Runs one side's whole Get Many (token exchange included) and returns how many it listed. */
export function getManySide(sigma: SigmaTestbed, side: GetManySide): () => Promise<number> {
	const { emulator } = sigma;
	// Each run starts without a token, like the bare client, so every side exchanges one.
	const forgetToken = () => sigma.store.edit(sigma.credentials.sigmaApi.id, { accessToken: '' });
	if (side === 'node') {
		const node = new Sigma();
		return async () => {
			forgetToken();
			const output = await sigma.execute(node, { parameters: GET_MANY_PARAMETERS });
			return output[0].length;
		};
	}
	if (side === 'n8nClient') {
		const node = n8nClientNode(emulator.url);
		return async () => {
			forgetToken();
			const output = await sigma.execute(node, { parameters: {} });
			return output[0][0].json.listed as number;
		};
	}
	return async () => {
		const client = new BareClient({
			baseUrl: emulator.url,
			clientId: emulator.clientId,
			clientSecret: emulator.clientSecret,
			keepAlive: side === 'bareKeepAlive',
		});
		try {
			await client.exchangeToken();
			return (await client.listMembers()).length;
		} finally {
			await client.close();
		}
	};
}

export async function startGetManyOrg(members: number, latency: number) {
	return await startSigma({ members, latencyMs: latency, tokenRateLimit: false });
}

export async function benchGetMany(
	members: number,
	latency: number,
	rounds: number,
): Promise<GetManyRow> {
	const sigma = await startGetManyOrg(members, latency);
	try {
		const counter = connectionCounter(sigma.emulator);
		const connections = {} as Record<GetManySide, number>;
		let requests = 0;
		const sides = GET_MANY_SIDES.map((name) => {
			const run = getManySide(sigma, name);
			return {
				name,
				run: async () => {
					sigma.emulator.log.clear();
					const counted = await counter.during(run);
					connections[name] = counted.connections;
					if (name === 'node') requests = sigma.emulator.log.entries.length;
					return counted.value;
				},
			};
		});
		const results = await sideBySide(sides, rounds);
		const by = (name: GetManySide) => results.find((result) => result.name === name)!;
		const listed = by('node').last;
		for (const result of results) {
			if (result.last !== listed) {
				throw new Error(`The node listed ${listed} members, ${result.name} ${result.last}`);
			}
		}
		const ms = {} as Record<GetManySide, number>;
		const runs = {} as Record<GetManySide, number[]>;
		for (const result of results) {
			ms[result.name as GetManySide] = result.median;
			runs[result.name as GetManySide] = result.ms;
		}
		return {
			members,
			listed,
			requests,
			minimum: 1 + Math.max(1, Math.ceil(listed / 1000)),
			rounds,
			ms,
			runs,
			connections,
			ratio: ms.node / ms.bare,
			ratioN8nClient: ms.node / ms.n8nClient,
			ratioN8nOverBare: ms.n8nClient / ms.bare,
		};
	} finally {
		await sigma.stop();
	}
}
