/**
 * What Member > Sync From List costs for a 10,000-person list against an org of 10,000 with 1%
 * of the people different: requests of Plan, Apply and a second Apply against the minimum, and
 * their wall times, next to the wall time of the plan's reads alone.
 *
 * Run after `npx tsc -p tsconfig.json`:
 * `node build/bench/sync.js [--members 10000] [--teams 20] [--latency 20] [--runs 3] [--json]`.
 * `benchSync` is exported for a runner that prints several benchmarks.
 */
import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import {
	readManagedTeams,
	readMembers,
	readOwnerId,
} from '../nodes/Sigma/resources/member/sync/reads';
import type { PlanInput } from '../nodes/Sigma/resources/member/sync/plan';
import { planSync } from '../nodes/Sigma/resources/member/sync/plan';
import { Sigma } from '../nodes/Sigma/Sigma.node';
import { listAccountTypes } from '../nodes/Sigma/shared/accountTypes';
import type { Org } from '../test/emulator';
import type { SigmaTestbed } from '../test/harness/sigma';
import { probeNode, startSigma } from '../test/harness/sigma';
import type { ExpectedPlan } from '../test/nodes/Sigma/member/syncData';
import { hrListWithDifferences, minimumPlanRequests } from '../test/nodes/Sigma/member/syncData';

export interface SyncBenchOptions {
	members: number;
	teams: number;
	/** Emulated latency of every request, in ms. */
	latency: number;
	/** Measured plan runs (after one warm-up); the median is reported. */
	runs: number;
	/** The share of the people that differ, e.g. 0.01. */
	share: number;
	/** The Concurrency option compared with the default (1) in Apply. */
	concurrency: number;
}

export const DEFAULT_SYNC_BENCH: SyncBenchOptions = {
	members: 10_000,
	teams: 20,
	latency: 20,
	runs: 3,
	share: 0.01,
	concurrency: 10,
};

export interface SyncRow {
	run: string;
	requests: number;
	minimum: number;
	writes: number;
	ms: number;
	/** Plan rows: the median wall time of the same reads without planning. */
	readsMs?: number;
}

export interface SyncBenchResult {
	options: SyncBenchOptions;
	people: number;
	changes: number;
	/** CPU time of the pure planner over the whole list (median of 5 runs). */
	plannerCpuMs: number;
	rows: SyncRow[];
}

/** Seven kinds of difference; `share` of the people differ in one way. */
const KINDS = 7;

/** The median CPU time (user + system) of a few runs, in ms. */
function cpuMs(work: () => unknown): number {
	const samples: number[] = [];
	for (let run = 0; run < 5; run++) {
		const start = process.cpuUsage();
		work();
		const used = process.cpuUsage(start);
		samples.push((used.user + used.system) / 1000);
	}
	return median(samples);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function startOrg(options: SyncBenchOptions) {
	const sigma = await startSigma({
		members: options.members,
		teams: options.teams,
		latencyMs: options.latency,
		// Every run starts without a token, and runs follow each other faster than 1 per second.
		tokenRateLimit: false,
	});
	const perKind = Math.max(1, Math.round((options.members * options.share) / KINDS));
	const { list, expected } = hrListWithDifferences(sigma.emulator.org, perKind);
	return { sigma, list, expected };
}

function parameters(mode: 'plan' | 'apply', org: Org, concurrency = 1): INodeParameters {
	return {
		resource: 'member',
		operation: 'sync',
		mode,
		options: {
			concurrency,
			deactivateMissing: true,
			manageTeams: org.teams.map((team) => team.teamId),
		},
	} as INodeParameters;
}

/** The fewest writes that apply the plan: one per member change, one PATCH per changed team. */
function minimumWrites(org: Org, expected: ExpectedPlan): number {
	const teamIds = new Map(org.teams.map((team) => [team.name, team.teamId]));
	const perTeam = new Map<string, number>();
	for (const pair of [...expected.teamAdd, ...expected.teamRemove]) {
		const teamId = teamIds.get(pair.split('|')[1] as string) as string;
		perTeam.set(teamId, (perTeam.get(teamId) ?? 0) + 1);
	}
	let teamPatches = 0;
	for (const changes of perTeam.values()) teamPatches += Math.ceil(changes / 1000);
	return (
		expected.create.length +
		expected.update.size +
		expected.reactivate.length +
		expected.deactivate.length +
		teamPatches
	);
}

async function timed(
	sigma: SigmaTestbed,
	work: () => Promise<unknown>,
): Promise<{ ms: number; requests: number; writes: number }> {
	sigma.store.edit(sigma.credentials.sigmaApi.id, { accessToken: '' });
	sigma.emulator.log.clear();
	const started = performance.now();
	await work();
	const ms = performance.now() - started;
	const entries = sigma.emulator.log.entries.filter((entry) => entry.api !== 'control');
	const writes = entries.filter((entry) => entry.api === 'rest' && entry.method !== 'GET');
	return { ms, requests: entries.length, writes: writes.length };
}

export async function benchSync(options: SyncBenchOptions = DEFAULT_SYNC_BENCH) {
	const node = new Sigma();
	const rows: SyncRow[] = [];
	let plannerCpuMs = NaN;

	const planned = await startOrg(options);
	const { sigma, list } = planned;
	const org = sigma.emulator.org;
	const planMinimum =
		1 +
		minimumPlanRequests(
			org,
			org.teams.map((team) => team.teamId),
		);
	const changes = minimumWrites(org, planned.expected);
	try {
		const plan = () => sigma.execute(node, { parameters: parameters('plan', org), items: list });
		// The node's reads in the node's order: whoami, account types, then members and teams.
		let state: Omit<PlanInput, 'people'> | undefined;
		const reads = probeNode(async function (this: IExecuteFunctions) {
			const ownerId = await readOwnerId.call(this);
			await listAccountTypes.call(this);
			const [members, managedTeams] = await Promise.all([
				readMembers.call(this),
				readManagedTeams.call(
					this,
					org.teams.map((team) => team.teamId),
				),
			]);
			state = {
				heldBack: new Set(),
				members,
				ownerId,
				managedTeams,
				deactivateMissing: true,
				scope: { emailDomains: [], accountTypes: [], userKinds: [] },
				maxDeactivations: { percent: 10 },
			};
			return {};
		});
		const readsOnly = () => sigma.execute(reads, { parameters: {} });

		await timed(sigma, plan);
		await timed(sigma, readsOnly);
		const planRuns: Array<{ ms: number; requests: number; writes: number }> = [];
		const readRuns: number[] = [];
		for (let run = 0; run < options.runs; run++) {
			// Alternated, so drift in the machine's load falls on both alike.
			if (run % 2 === 0) {
				planRuns.push(await timed(sigma, plan));
				readRuns.push((await timed(sigma, readsOnly)).ms);
			} else {
				readRuns.push((await timed(sigma, readsOnly)).ms);
				planRuns.push(await timed(sigma, plan));
			}
		}
		if (!state) throw new Error('The reads did not run');
		const input = { ...state, people: list.map((person, itemIndex) => ({ itemIndex, ...person })) };
		plannerCpuMs = cpuMs(() => planSync(input));
		const last = planRuns[planRuns.length - 1];
		rows.push({
			run: 'plan',
			requests: last.requests,
			minimum: planMinimum,
			writes: last.writes,
			ms: median(planRuns.map((run) => run.ms)),
			readsMs: median(readRuns),
		});
	} finally {
		await sigma.stop();
	}

	for (const concurrency of [1, options.concurrency]) {
		const applied = await startOrg(options);
		try {
			const applyOrg = applied.sigma.emulator.org;
			const apply = () =>
				applied.sigma.execute(node, {
					parameters: parameters('apply', applyOrg, concurrency),
					items: applied.list,
				});
			const first = await timed(applied.sigma, apply);
			rows.push({
				run: `apply, concurrency ${concurrency}`,
				requests: first.requests,
				minimum: planMinimum + minimumWrites(applyOrg, applied.expected),
				writes: first.writes,
				ms: first.ms,
			});
			if (concurrency === options.concurrency) {
				const again = await timed(applied.sigma, apply);
				rows.push({
					run: 'apply again (in step)',
					requests: again.requests,
					minimum: planMinimum,
					writes: again.writes,
					ms: again.ms,
				});
			}
		} finally {
			await applied.sigma.stop();
		}
	}

	return { options, people: list.length, changes, plannerCpuMs, rows } satisfies SyncBenchResult;
}

const count = (value: number) => value.toLocaleString('en-US');

export function formatSyncTable(result: SyncBenchResult): string {
	const { options } = result;
	const header = ['run', 'requests', 'minimum', 'ratio', 'writes', 'wall ms', 'reads only ms'];
	const lines = result.rows.map((row) => [
		row.run,
		String(row.requests),
		String(row.minimum),
		(row.requests / row.minimum).toFixed(2),
		String(row.writes),
		row.ms.toFixed(0),
		row.readsMs === undefined ? '' : row.readsMs.toFixed(0),
	]);
	const widths = header.map((title, i) => Math.max(title.length, ...lines.map((l) => l[i].length)));
	const format = (cells: string[]) =>
		cells
			.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
			.join('  ');
	return [
		`Member > Sync From List: ${count(result.people)} people against ` +
			`${count(options.members)} members and ${options.teams} managed teams, ` +
			`${(options.share * 100).toFixed(0)}% of the people different ` +
			`(${result.changes} writes at the minimum), ${options.latency} ms latency per request`,
		format(header),
		...lines.map(format),
		`planner CPU (the pure plan of all ${count(result.people)} people, no I/O): ` +
			`${result.plannerCpuMs.toFixed(1)} ms, median of 5`,
		'requests: every request the run sent, the token exchange included (each run starts ' +
			'without a token). minimum: 1 token + ceil(members/1000) member pages + 1 account-type ' +
			'page + whoami + the team list + one member page per managed team (+ for Apply one ' +
			'write per member change and one PATCH per changed team). reads only: the same reads ' +
			'without planning (median, alternated with plan).',
	].join('\n');
}

function readFlags(argv: string[]): { options: SyncBenchOptions; json: boolean } {
	const options = { ...DEFAULT_SYNC_BENCH };
	let json = false;
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		if (flag === '--json') {
			json = true;
			continue;
		}
		const value = Number(argv[++i]);
		const key = (
			{
				'--members': 'members',
				'--teams': 'teams',
				'--latency': 'latency',
				'--runs': 'runs',
				'--concurrency': 'concurrency',
			} as const
		)[flag];
		if (key === undefined || !Number.isInteger(value) || value < 0) {
			throw new Error(
				`Unknown flag or bad value: ${flag} ${argv[i] ?? ''}. Flags: --members, --teams, ` +
					'--latency, --runs, --concurrency (whole numbers), --json',
			);
		}
		options[key] = value;
	}
	return { options, json };
}

async function main(): Promise<void> {
	const { options, json } = readFlags(process.argv.slice(2));
	const result = await benchSync(options);
	process.stdout.write(
		json ? `${JSON.stringify(result, null, 2)}\n` : `${formatSyncTable(result)}\n`,
	);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(
			`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exitCode = 1;
	});
}
