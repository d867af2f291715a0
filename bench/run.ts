/**
 * `npm run bench`: what the Sigma node costs against the physical minimum (requests) and against
 * a bare undici client doing the same work (wall time), measured side by side in one run.
 * Prints one table per benchmark, then the targets; writes the figures to results.json here.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';

import type { BulkCreateRow } from './bulkCreate';
import { benchBulkCreate } from './bulkCreate';
import { numberIn, readTable, runScript, scriptExists } from './children';
import type { GetManyRow } from './getMany';
import { benchGetMany } from './getMany';
import type { BenchOptions } from './options';
import { HELP, parseOptions } from './options';
import type { Target } from './report';
import { mb, ms, ratio, table, targetsTable, whole, wrap } from './report';
import type { TeamAddRow } from './teamAddMembers';
import { benchTeamAddMembers } from './teamAddMembers';
import type { TokensRow } from './tokens';
import { benchTokens } from './tokens';

const GET_MANY_RATIO = 1.15;
const CREATE_RATIO = 1.2;
const DIFF_CPU_MS = 250;
const STATE_BYTES = 100;

interface MemoryRow {
	members: number;
	node: { heapMb: number; rssMb: number };
	bare: { heapMb: number; rssMb: number };
}

interface TriggerRow {
	members: number;
	teams: number;
	pollMs: number;
	fetchMs: number;
	diffCpuMs: number;
	/** The same, for the main thread only (the trigger benchmark prints both). */
	mainThreadMs: number;
	bytesPerMember: number;
	requests: number;
	minimum: number;
	events: number;
}

interface Results {
	startedAt: string;
	node: string;
	cpus: number;
	loadAverage: { start: number[]; end?: number[] };
	options: Omit<BenchOptions, 'rounds'>;
	seconds?: number;
	getMany?: GetManyRow[];
	memory?: MemoryRow[];
	create?: BulkCreateRow[];
	team?: TeamAddRow;
	tokens?: TokensRow;
	trigger?: { rows: TriggerRow[]; output: string };
	sync?: { code: number; output: string };
	targets: Target[];
	/** Seconds each benchmark took. */
	took: Record<string, number>;
	/** Benchmarks in other processes that did not finish. */
	failures: string[];
}

const say = (text: string) => process.stdout.write(`${text}\n`);

/** A title, a table, and notes (pieces of one paragraph, wrapped to the width of a terminal). */
function section(title: string, body: string, notes: string[]) {
	say(`\n${title}\n${body}\n${wrap(notes.join(' '), 96, '  ')}`);
}

async function getMany(options: BenchOptions, results: Results) {
	const rows: GetManyRow[] = [];
	for (const members of options.sizes) {
		rows.push(await benchGetMany(members, options.latency, options.rounds(members)));
	}
	results.getMany = rows;
	section(
		'Member > Get Many, Return All, Simplify on (the default), no filters; ' +
			`${options.latency} ms per request`,
		table(
			[
				'members',
				'listed',
				'requests',
				'minimum',
				'node/bare',
				'node/n8n',
				'n8n/bare',
				'node ms',
				'n8n ms',
				'bare ms',
				'keep-alive ms',
				'rounds',
			],
			rows.map((row) => [
				whole(row.members),
				whole(row.listed),
				String(row.requests),
				String(row.minimum),
				ratio(row.ratio),
				ratio(row.ratioN8nClient),
				ratio(row.ratioN8nOverBare),
				ms(row.ms.node),
				ms(row.ms.n8nClient),
				ms(row.ms.bare),
				ms(row.ms.bareKeepAlive),
				String(row.rounds),
			]),
		),
		[
			'Ratios are of medians. node: our node through n8n-core. n8n: the same page requests sent',
			"straight through n8n's httpRequestWithAuthentication, none of our code. bare: undici,",
			'the same token exchange, page requests and JSON parsing. Every side exchanges a token.',
			'minimum: 1 token + ceil(listed / 1000) pages (archived and inactive members are hidden).',
			`Connections per run: node ${rows.map((r) => r.connections.node).join('/')}, n8n ` +
				`${rows.map((r) => r.connections.n8nClient).join('/')}, bare ` +
				`${rows.map((r) => r.connections.bare).join('/')} (one per request, as n8n's client ` +
				'opens a new one for each); keep-alive: undici reusing connections ' +
				`(${rows.map((r) => r.connections.bareKeepAlive).join('/')}), for context.`,
		],
	);

	const memory: MemoryRow[] = [];
	for (const members of options.sizes) {
		const probe = async (side: 'node' | 'bare') => {
			const run = await runScript(
				'memoryProbe.js',
				[side, String(members), String(options.latency)],
				{
					echo: false,
				},
			);
			if (run.code !== 0) throw new Error(`The memory probe failed: ${run.stderr}`);
			return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as MemoryRow['node'];
		};
		memory.push({ members, node: await probe('node'), bare: await probe('bare') });
	}
	results.memory = memory;
	section(
		'Member > Get Many, peak memory of one run',
		table(
			['members', 'node heap MB', 'bare heap MB', 'node RSS MB', 'bare RSS MB'],
			memory.map((row) => [
				whole(row.members),
				mb(row.node.heapMb),
				mb(row.bare.heapMb),
				mb(row.node.rssMb),
				mb(row.bare.rssMb),
			]),
		),
		[
			'Each side runs once in a fresh process (with the emulator and its org); heapUsed and RSS',
			'are sampled every 2 ms and the peak above the value just before the run is shown. The',
			'result (every member, as n8n items for the node) is still held at the end of the run.',
		],
	);
}

async function create(options: BenchOptions, results: Results) {
	const rows = [
		await benchBulkCreate(1, options.createItems, options.createLatency, options.sequentialRounds),
		await benchBulkCreate(
			options.concurrency,
			options.createItems,
			options.createLatency,
			options.concurrentRounds,
		),
	];
	results.create = rows;
	section(
		`Member > Create, ${whole(options.createItems)} input items; ` +
			`${options.createLatency} ms per request`,
		table(
			[
				'concurrency',
				'requests',
				'minimum',
				'node/bare',
				'node/n8n',
				'n8n/bare',
				'node ms',
				'n8n ms',
				'bare ms',
				'rounds',
			],
			rows.map((row) => [
				row.concurrency === 1 ? '1 (default)' : `${row.concurrency} (option)`,
				whole(row.requests),
				whole(row.minimum),
				ratio(row.ratio),
				row.ratioN8nClient === undefined ? '-' : ratio(row.ratioN8nClient),
				row.ratioN8nOverBare === undefined ? '-' : ratio(row.ratioN8nOverBare),
				ms(row.ms.node),
				row.ms.n8nClient === undefined ? '-' : ms(row.ms.n8nClient),
				ms(row.ms.bare),
				String(row.rounds),
			]),
			1,
		),
		[
			'node: email, first and last name mapped from each item by expressions, no member type',
			'(so no account-type check); it reads every item before the first write. n8n: the same',
			"fields read through n8n's getNodeParameter for every item first, then the same POSTs",
			"through n8n's httpRequestWithAuthentication; none of our code (not run at concurrency 1,",
			'where every side takes about a minute). bare: the same token exchange and POSTs with',
			'undici, at the same concurrency. minimum: 1 token + 1 POST per member (Sigma has no',
			'bulk create). Connections per run: ' +
				rows
					.map(
						(r) =>
							`concurrency ${r.concurrency}: ` +
							`node ${r.connections.node}, bare ${r.connections.bare}`,
					)
					.join('; ') +
				'.',
			`n8n's expression evaluation alone, measured apart (CPU ms per run): the 3 mapped fields ` +
				`of ${whole(options.createItems)} items ${ms(rows[0].expressions.parametersMs)}, the ` +
				`credential's Authorization header for ${whole(rows[0].requests)} requests ` +
				`${ms(rows[0].expressions.authorizationMs)}.`,
			'Warm-up: one run of 50 members per side.',
		],
	);
}

async function team(options: BenchOptions, results: Results) {
	const row = await benchTeamAddMembers(
		options.teamOrg,
		options.teamItems,
		options.latency,
		options.teamRounds,
	);
	results.team = row;
	const parts = row.minimumParts;
	section(
		`Team > Add Members, ${whole(row.items)} items by ID into one team (by ID), ` +
			`org of ${whole(row.orgMembers)}; ${options.latency} ms per request`,
		table(
			['requests', 'minimum', 'token', 'member reads', 'PATCH', 'node/bare', 'node ms', 'bare ms'],
			[
				[
					String(row.requests),
					String(row.minimum),
					String(parts.token),
					String(parts.memberReads),
					String(parts.patches),
					ratio(row.ratio),
					ms(row.ms.node),
					ms(row.ms.bare),
				],
			],
		),
		[
			`Sent: ${Object.entries(row.breakdown)
				.map(([what, count]) => `${what} x${count}`)
				.join(', ')}.`,
			'The node checks that every member exists and is active before writing. The members are',
			'spread over the whole org, the last on its last page. member reads: the fewest requests',
			'that see all of them (the first k pages of the member list, archived and inactive',
			'included, then one lookup per member beyond those pages, best k), far fewer than',
			`${whole(row.items)} lookups. minimum: 1 token + member reads + 1 PATCH per 1,000`,
			'members. bare: token, the',
			'list pages until all are seen, the PATCH. Not a target: the wall time is for context;',
			"n8n's expression evaluation alone, measured apart (CPU ms per run): the team and member " +
				`locators of ${whole(row.items)} items ${ms(row.expressions.parametersMs)}, the ` +
				`Authorization header for ${row.requests} requests ${ms(row.expressions.authorizationMs)}.`,
		],
	);
}

async function tokens(options: BenchOptions, results: Results) {
	const row = await benchTokens(options.executions, options.latency);
	results.tokens = row;
	section(
		`Tokens: ${row.executions} executions of Member > Get within one token lifetime ` +
			`(${row.tokenLifetimeSeconds} s); ${options.latency} ms per request`,
		table(
			['executions', 'token exchanges', 'minimum', 'requests', 'total ms'],
			[
				[
					String(row.executions),
					String(row.tokenExchanges),
					String(row.minimum),
					String(row.requests),
					ms(row.ms),
				],
			],
		),
		[
			'Each execution is a new n8n execution context with the same credential, which starts',
			'without a token; the token endpoint rate limit (1 per second) is on.',
		],
	);
}

async function trigger(options: BenchOptions, results: Results) {
	say('\nSigma Trigger (bench/trigger.ts, in its own process; no emulated latency)');
	const run = await runScript('trigger.js', options.triggerSizes.map(String));
	if (run.code !== 0) {
		results.failures.push(`bench/trigger.ts exited with ${run.code}`);
		return;
	}
	const rows = readTable(run.stdout, 'diff CPU').map(
		(cells): TriggerRow => ({
			members: numberIn(cells.members),
			teams: numberIn(cells.teams),
			pollMs: numberIn(cells['poll ms']),
			fetchMs: numberIn(cells['fetch ms']),
			diffCpuMs: numberIn(cells['diff CPU ms']),
			mainThreadMs: numberIn(cells['main thread']),
			bytesPerMember: numberIn(cells['bytes/member']),
			requests: numberIn(cells.requests),
			minimum: numberIn(cells.minimum),
			events: numberIn(cells.events),
		}),
	);
	if (rows.length === 0) {
		results.failures.push('bench/trigger.ts printed no table with a "diff CPU" column');
		return;
	}
	results.trigger = { rows, output: run.stdout };
	say(
		`  poll/fetch: ${rows
			.map(
				(row) =>
					`${whole(row.members)} members, ${row.teams} teams: ${ratio(row.pollMs / row.fetchMs)}`,
			)
			.join('; ')}`,
	);
}

async function sync(results: Results) {
	if (!scriptExists('sync.js')) return;
	say('\nMember sync (bench/sync.ts, in its own process)');
	const run = await runScript('sync.js', []);
	results.sync = { code: run.code, output: run.stdout };
	if (run.code !== 0) results.failures.push(`bench/sync.ts exited with ${run.code}`);
}

function targets(results: Results): Target[] {
	const list: Target[] = [];
	for (const row of results.getMany ?? []) {
		list.push({
			benchmark: `Get Many ${whole(row.members)}`,
			target: 'requests = minimum',
			figure: `${row.requests} / ${row.minimum}`,
			met: row.requests === row.minimum,
		});
		list.push({
			benchmark: `Get Many ${whole(row.members)}`,
			target: `wall time node/bare <= ${GET_MANY_RATIO}`,
			figure: ratio(row.ratio),
			met: row.ratio <= GET_MANY_RATIO,
			note: `node/n8n ${ratio(row.ratioN8nClient)}, n8n/bare ${ratio(row.ratioN8nOverBare)}`,
		});
	}
	for (const row of results.create ?? []) {
		list.push({
			benchmark: `Create ${whole(row.items)}, concurrency ${row.concurrency}`,
			target: `wall time node/bare <= ${CREATE_RATIO}`,
			figure: ratio(row.ratio),
			met: row.ratio <= CREATE_RATIO,
			note:
				row.ratioN8nClient === undefined || row.ratioN8nOverBare === undefined
					? undefined
					: `node/n8n ${ratio(row.ratioN8nClient)}, n8n/bare ${ratio(row.ratioN8nOverBare)}`,
		});
	}
	if (results.team) {
		list.push({
			benchmark: `Team add ${whole(results.team.items)}`,
			target: 'requests = minimum',
			figure: `${results.team.requests} / ${results.team.minimum}`,
			met: results.team.requests === results.team.minimum,
		});
	}
	for (const row of results.trigger?.rows ?? []) {
		const name = `Trigger ${whole(row.members)}, ${row.teams} teams`;
		list.push({
			benchmark: name,
			target: 'requests = minimum',
			figure: `${row.requests} / ${row.minimum}`,
			met: row.requests === row.minimum,
		});
		if (row.members >= 100_000) {
			list.push({
				benchmark: name,
				target: `diff CPU <= ${DIFF_CPU_MS} ms`,
				figure: `${row.diffCpuMs.toFixed(1)} ms`,
				met: row.diffCpuMs <= DIFF_CPU_MS,
				note: Number.isNaN(row.mainThreadMs)
					? 'whole process'
					: `whole process; main thread ${row.mainThreadMs.toFixed(1)} ms`,
			});
		}
		list.push({
			benchmark: name,
			target: `state <= ${STATE_BYTES} bytes/member`,
			figure: row.bytesPerMember.toFixed(1),
			met: row.bytesPerMember <= STATE_BYTES,
		});
	}
	if (results.tokens) {
		list.push({
			benchmark: `Tokens, ${results.tokens.executions} executions`,
			target: 'token exchanges = 1',
			figure: String(results.tokens.tokenExchanges),
			met: results.tokens.tokenExchanges === results.tokens.minimum,
		});
	}
	return list;
}

async function main(): Promise<void> {
	let options: BenchOptions | 'help';
	try {
		options = parseOptions(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n`);
		process.exitCode = 2;
		return;
	}
	if (options === 'help') {
		say(HELP);
		return;
	}
	const { rounds: _rounds, ...recorded } = options;
	const results: Results = {
		startedAt: new Date().toISOString(),
		node: process.version,
		cpus: cpus().length,
		loadAverage: { start: loadavg() },
		options: recorded,
		targets: [],
		took: {},
		failures: [],
	};
	const started = performance.now();
	say(
		`Sigma node benchmarks: Node ${process.version}, ${cpus().length} CPUs, load average ` +
			`${loadavg()
				.map((load) => load.toFixed(2))
				.join(' ')}. The emulator runs in this process; ratios compare runs made side by ` +
			'side, in alternating order, after a warm-up.',
	);

	const benchmarks: Record<string, () => Promise<void>> = {
		getMany: () => getMany(options, results),
		create: () => create(options, results),
		team: () => team(options, results),
		tokens: () => tokens(options, results),
		trigger: () => trigger(options, results),
		sync: () => sync(results),
	};
	for (const [name, run] of Object.entries(benchmarks)) {
		if (options.only.length > 0 && !options.only.includes(name)) continue;
		const start = performance.now();
		await run();
		results.took[name] = Math.round((performance.now() - start) / 1000);
	}

	results.targets = targets(results);
	results.loadAverage.end = loadavg();
	results.seconds = (performance.now() - started) / 1000;
	say(`\nTargets\n${targetsTable(results.targets)}`);
	for (const failure of results.failures) say(`FAILED: ${failure}`);
	if (results.failures.length > 0) process.exitCode = 1;
	const file = join(__dirname, 'results.json');
	writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`);
	const took = Object.entries(results.took).map(([name, seconds]) => `${name} ${seconds}`);
	say(
		`\n${results.seconds.toFixed(0)} s in all (${took.join(', ')}); figures written to ` +
			relative(process.cwd(), file),
	);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
	process.exitCode = 1;
});
