import type { INodeProperties } from 'n8n-workflow';

import { Sigma } from '../nodes/Sigma/Sigma.node';
import type { Member } from '../test/emulator';
import { startSigma } from '../test/harness/sigma';
import { BareClient } from './bareClient';
import type { ExpressionCpu } from './expressions';
import { expressionCpu } from './expressions';
import { sideBySide } from './measure';

const PAGE = 1000;

const LOCATORS = ['teamId', 'memberId'];

function locatorProperty(name: string): INodeProperties {
	return {
		displayName: name,
		name,
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		modes: [{ displayName: 'ID', name: 'id', type: 'string' }],
	};
}

export interface TeamAddRow {
	orgMembers: number;
	items: number;
	rounds: number;
	requests: number;
	/** What the counted requests were, e.g. { token: 1, 'GET /v2/members': 10, PATCH: 1 }. */
	breakdown: Record<string, number>;
	minimum: number;
	/** How the minimum is made up. */
	minimumParts: { token: number; memberReads: number; patches: number };
	ms: { node: number; bare: number };
	ratio: number;
	/** CPU of n8n's own expression evaluation in one run, measured apart. */
	expressions: ExpressionCpu;
}

/** `count` active members spread evenly over the whole list, the last one on its last page. */
function spreadMembers(members: Member[], count: number): Member[] {
	const active = members.filter((member) => !member.isArchived && !member.isInactive);
	if (count > active.length) throw new Error(`The org has only ${active.length} active members`);
	const step = (active.length - 1) / Math.max(1, count - 1);
	return Array.from(
		{ length: count },
		(_, index) => active[Math.round(active.length - 1 - index * step)],
	).reverse();
}

/**
 * The fewest reads that see every wanted member: the first k pages of the member list, then one
 * lookup for each wanted member beyond them, for the best k.
 */
function fewestMemberReads(positions: number[]): number {
	const pages = Math.ceil((Math.max(...positions) + 1) / PAGE);
	let fewest = positions.length;
	for (let read = 1; read <= pages; read++) {
		const beyond = positions.filter((position) => position >= read * PAGE).length;
		fewest = Math.min(fewest, read + beyond);
	}
	return fewest;
}

/**
 * Adds `items` members, by ID, to one team. The node checks every member before writing (that
 * it exists and is active), so the minimum is one token, the fewest reads that see every one of
 * them, and one PATCH per 1,000 members. The team is given by ID: no lookup.
 */
export async function benchTeamAddMembers(
	orgMembers: number,
	items: number,
	latency: number,
	rounds: number,
): Promise<TeamAddRow> {
	const sigma = await startSigma({
		members: orgMembers,
		latencyMs: latency,
		tokenRateLimit: false,
	});
	try {
		const { emulator } = sigma;
		const { org } = emulator;
		const targets = spreadMembers(org.members.slice(1), items);
		const ids = targets.map((member) => member.memberId);
		// The list the check reads holds every member (archived and inactive too), in org order.
		const positions = targets.map((member) => org.members.indexOf(member));
		const minimumParts = {
			token: 1,
			memberReads: fewestMemberReads(positions),
			patches: Math.ceil(items / PAGE),
		};
		const node = new Sigma();
		let teams = 0;
		const newTeam = () => org.addTeam({ name: `Bench team ${teams++}` }).teamId;
		let requests = 0;
		let breakdown: Record<string, number> = {};

		const input = ids.map((memberId) => ({ memberId }));
		const parameters = (teamId: string) => ({
			resource: 'team',
			operation: 'addMembers',
			teamId: { __rl: true, mode: 'id', value: teamId },
			memberId: { __rl: true, mode: 'id', value: '={{ $json.memberId }}' },
		});

		const nodeSide = async () => {
			const teamId = newTeam();
			sigma.store.edit(sigma.credentials.sigmaApi.id, { accessToken: '' });
			emulator.log.clear();
			await sigma.execute(node, { parameters: parameters(teamId), items: input });
			requests = emulator.log.entries.length;
			breakdown = {};
			for (const entry of emulator.log.entries) {
				const path = entry.path
					.replace(teamId, '{id}')
					.replace(/^\/v2\/members\/[^/]+$/, '/v2/members/{id}');
				const key = entry.api === 'token' ? 'token' : `${entry.method} ${path}`;
				breakdown[key] = (breakdown[key] ?? 0) + 1;
			}
			if (org.teamMembers(teamId).length !== items)
				throw new Error('The node did not add them all');
		};
		const bareSide = async () => {
			const teamId = newTeam();
			const client = new BareClient({
				baseUrl: emulator.url,
				clientId: emulator.clientId,
				clientSecret: emulator.clientSecret,
				keepAlive: false,
			});
			try {
				await client.exchangeToken();
				const wanted = new Set(ids);
				await client.listEveryMemberUntil((member) => {
					if (!wanted.delete(member.memberId)) return false;
					if (member.isArchived || member.isInactive) throw new Error('An inactive target');
					return wanted.size === 0;
				});
				await client.addTeamMembers(teamId, ids);
			} finally {
				await client.close();
			}
		};

		const [nodeResult, bareResult] = await sideBySide(
			[
				{ name: 'node', run: nodeSide },
				{ name: 'bare', run: bareSide },
			],
			rounds,
		);
		return {
			orgMembers,
			items,
			rounds,
			requests,
			breakdown,
			minimum: minimumParts.token + minimumParts.memberReads + minimumParts.patches,
			minimumParts,
			ms: { node: nodeResult.median, bare: bareResult.median },
			ratio: nodeResult.median / bareResult.median,
			expressions: await expressionCpu(
				sigma,
				{ properties: LOCATORS.map(locatorProperty), parameters: parameters('t'), items: input },
				requests,
			),
		};
	} finally {
		await sigma.stop();
	}
}
