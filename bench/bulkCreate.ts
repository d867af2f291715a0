import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import { Sigma } from '../nodes/Sigma/Sigma.node';
import { probeNode, startSigma } from '../test/harness/sigma';
import { BareClient } from './bareClient';
import type { ExpressionCpu } from './expressions';
import { expressionCpu, stringProperty } from './expressions';
import { connectionCounter, sideBySide } from './measure';

const WARM_UP_ITEMS = 50;

export interface BulkCreateRow {
	/** 1 is the node's default; above 1 is its Concurrency option. */
	concurrency: number;
	items: number;
	rounds: number;
	requests: number;
	/** One token exchange and one POST per member: Sigma has no bulk create. */
	minimum: number;
	ms: { node: number; n8nClient?: number; bare: number };
	runs: { node: number[]; n8nClient?: number[]; bare: number[] };
	connections: { node: number; bare: number };
	/** node / bare: the target. */
	ratio: number;
	/** node / n8nClient and n8nClient / bare, when the n8n client side ran. */
	ratioN8nClient?: number;
	ratioN8nOverBare?: number;
	/** CPU of n8n's own expression evaluation in one run, measured apart. */
	expressions: ExpressionCpu;
}

/**
 * What any n8n node has to do for this work, and nothing of ours: read every item's three
 * mapped fields first (n8n evaluates each expression), then POST each member through n8n's
 * httpRequestWithAuthentication, `concurrency` at a time.
 */
function n8nClientNode(baseUrl: string, concurrency: number): INodeType {
	const probe = probeNode(async function (this: IExecuteFunctions) {
		const bodies = this.getInputData().map((_, itemIndex) =>
			Object.fromEntries(FIELDS.map((field) => [field, this.getNodeParameter(field, itemIndex)])),
		);
		const created: IDataObject[] = new Array(bodies.length);
		let next = 0;
		const worker = async () => {
			while (next < bodies.length) {
				const index = next++;
				created[index] = (await this.helpers.httpRequestWithAuthentication.call(this, 'sigmaApi', {
					method: 'POST',
					url: `${baseUrl}/v2/members`,
					qs: { sendInvite: true },
					body: bodies[index],
					json: true,
					headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
					disableFollowRedirect: true,
				})) as IDataObject;
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return created;
	});
	// n8n only hands a node the parameters its description declares.
	probe.description.properties = FIELDS.map(stringProperty);
	return probe;
}

const FIELDS = ['email', 'firstName', 'lastName'];

/** Input items as a workflow would hand them over, each mapped into the node by expressions. */
function newMembers(run: number, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		email: `bench.run${run}.member${index}@example.com`,
		firstName: 'Bench',
		lastName: `Member ${run}-${index}`,
	}));
}

function parameters(concurrency: number) {
	return {
		resource: 'member',
		operation: 'create',
		email: '={{ $json.email }}',
		firstName: '={{ $json.firstName }}',
		lastName: '={{ $json.lastName }}',
		// The default (no options) is one member at a time.
		options: concurrency > 1 ? { concurrency } : {},
	};
}

export async function benchBulkCreate(
	concurrency: number,
	items: number,
	latency: number,
	rounds: number,
): Promise<BulkCreateRow> {
	const sigma = await startSigma({ latencyMs: latency, tokenRateLimit: false });
	try {
		const { emulator } = sigma;
		const counter = connectionCounter(emulator);
		const sigmaNode = new Sigma();
		let run = 0;
		// A warm-up run of every member one at a time would take as long as a measured one.
		const count = (warmUp: boolean) => (warmUp ? WARM_UP_ITEMS : items);
		let requests = 0;
		const connections = { node: 0, bare: 0 };
		const check = (created: number, wanted: number, side: string) => {
			if (created !== wanted) throw new Error(`${side} created ${created} of ${wanted} members`);
		};

		const nodeSide = async (warmUp: boolean) => {
			const input = newMembers(run++, count(warmUp));
			sigma.store.edit(sigma.credentials.sigmaApi.id, { accessToken: '' });
			emulator.log.clear();
			const counted = await counter.during(
				async () =>
					await sigma.execute(sigmaNode, { parameters: parameters(concurrency), items: input }),
			);
			requests = emulator.log.entries.length;
			connections.node = counted.connections;
			const created = counted.value[0].filter((item) => item.json.memberId !== undefined);
			check(created.length, input.length, 'The node');
		};
		const bareSide = async (warmUp: boolean) => {
			const bodies = newMembers(run++, count(warmUp));
			const client = new BareClient({
				baseUrl: emulator.url,
				clientId: emulator.clientId,
				clientSecret: emulator.clientSecret,
				keepAlive: false,
			});
			try {
				const counted = await counter.during(async () => {
					await client.exchangeToken();
					return await client.createMembers(bodies, concurrency);
				});
				connections.bare = counted.connections;
				check(counted.value.length, bodies.length, 'The bare client');
			} finally {
				await client.close();
			}
		};

		const n8nClient = n8nClientNode(emulator.url, concurrency);
		const n8nSide = async (warmUp: boolean) => {
			const input = newMembers(run++, count(warmUp));
			sigma.store.edit(sigma.credentials.sigmaApi.id, { accessToken: '' });
			const output = await sigma.execute(n8nClient, { parameters: parameters(1), items: input });
			check(output[0].length, input.length, 'The n8n client');
		};

		// One member at a time, every side takes about a minute; the n8n client side is left out.
		const sides = [
			{ name: 'node', run: nodeSide },
			...(concurrency > 1 ? [{ name: 'n8nClient', run: n8nSide }] : []),
			{ name: 'bare', run: bareSide },
		];
		const results = await sideBySide(sides, rounds);
		const by = (name: string) => results.find((result) => result.name === name);
		const node = by('node')!;
		const bare = by('bare')!;
		const n8n = by('n8nClient');
		return {
			concurrency,
			items,
			rounds,
			requests,
			minimum: 1 + items,
			ms: { node: node.median, n8nClient: n8n?.median, bare: bare.median },
			runs: { node: node.ms, n8nClient: n8n?.ms, bare: bare.ms },
			connections,
			ratio: node.median / bare.median,
			ratioN8nClient: n8n ? node.median / n8n.median : undefined,
			ratioN8nOverBare: n8n ? n8n.median / bare.median : undefined,
			expressions: await expressionCpu(
				sigma,
				{
					properties: FIELDS.map(stringProperty),
					parameters: parameters(1),
					items: newMembers(run++, items),
				},
				requests,
			),
		};
	} finally {
		await sigma.stop();
	}
}
