/**
 * What one Sigma Trigger poll costs at 10,000 and 100,000 members with 1% of them changed:
 * wall time of the poll, wall time of the fetch alone, CPU time of the pure work beyond fetching
 * (decode the stored list, compare, build events, encode the new list), static data per member,
 * and requests per poll against the minimum.
 *
 * Run after `npx tsc -p tsconfig.json`: `node build/bench/trigger.js [members...]`.
 */
import type { IDataObject, IExecuteFunctions, INodeParameters, IPollFunctions } from 'n8n-workflow';
import { ObservableObject } from 'n8n-workflow';

import { currentMembers, diffMembers, MEMBER_EVENTS, toEvents } from '../nodes/SigmaTrigger/diff';
import { listMembers, teamsOfMembers } from '../nodes/SigmaTrigger/fetch';
import { settingsFingerprint } from '../nodes/SigmaTrigger/settings';
import type { TriggerSettings } from '../nodes/SigmaTrigger/settings';
import { SigmaTrigger } from '../nodes/SigmaTrigger/SigmaTrigger.node';
import type { WatchedField } from '../nodes/SigmaTrigger/snapshot';
import { encodeSnapshot, MEMBER_FIELDS, StoredMembers } from '../nodes/SigmaTrigger/snapshot';
import type { Org } from '../test/emulator';
import { probeNode, startSigma } from '../test/harness/sigma';

const NODE_KEY = 'node:Sigma Trigger';
const STATE_KEY = 'members';
const PAGE = 1000;
const CPU_RUNS = 5;

interface Row {
	members: number;
	teams: number;
	pollMs: number;
	fetchMs: number;
	diffCpuMs: number;
	threadCpuMs: number;
	bytesPerMember: number;
	requests: number;
	minimum: number;
	events: number;
}

/**
 * 1% of the members change: 80% of those edit a watched field, 10% join, 10% are deactivated.
 * Returns how many were deactivated.
 */
function changeOnePercent(org: Org): number {
	const active = org.members.filter((m) => m !== org.owner && !m.isArchived && !m.isInactive);
	const changes = Math.round(org.members.length / 100);
	const step = Math.floor(active.length / changes);
	for (let i = 0; i < changes; i++) {
		const member = active[i * step];
		if (i % 10 === 0) org.archiveMember(member.memberId);
		else if (i % 10 === 1) org.addMember({ email: `bench.joiner${i}@example.com` });
		else if (i % 2 === 0) org.updateMember(member.memberId, { lastName: `${member.lastName}-x` });
		else
			org.updateMember(member.memberId, {
				memberType: member.memberType === 'Build' ? 'View' : 'Build',
			});
	}
	return Math.ceil(changes / 10);
}

/** The settings the poll reads from its parameters: every event, every field, the defaults. */
function defaultSettings(includeTeams: boolean): TriggerSettings {
	const watched: WatchedField[] = [...MEMBER_FIELDS, ...(includeTeams ? ['teams' as const] : [])];
	const selected = {
		events: new Set(MEMBER_EVENTS),
		watched,
		includeArchived: false,
		includeInactive: false,
		includeTeams,
	};
	return { ...selected, maxRemovalPercent: 10, fingerprint: settingsFingerprint(selected) };
}

type CpuClock = (since?: NodeJS.CpuUsage) => NodeJS.CpuUsage;

/** The median CPU time (user + system) of a few runs, in ms, on the given clock. */
function cpuMs(clock: CpuClock, work: () => void): number {
	const samples: number[] = [];
	for (let run = 0; run < CPU_RUNS; run++) {
		const start = clock();
		work();
		const used = clock(start);
		samples.push((used.user + used.system) / 1000);
	}
	return samples.sort((a, b) => a - b)[Math.floor(CPU_RUNS / 2)];
}

async function measure(members: number, teams: number): Promise<Row> {
	const sigma = await startSigma({ members, teams });
	try {
		const trigger = new SigmaTrigger();
		const parameters = {
			events: [...MEMBER_EVENTS],
			options: { includeTeams: teams > 0 },
		} as INodeParameters;
		const staticData: IDataObject = {};
		const poll = async () =>
			await sigma.runtime.poll(trigger, {
				parameters,
				credentials: sigma.credentials,
				staticData,
			});

		await poll();
		const storedJson = JSON.stringify(staticData[NODE_KEY]);
		const deactivated = changeOnePercent(sigma.emulator.org);

		sigma.emulator.log.clear();
		let started = performance.now();
		const run = await poll();
		const pollMs = performance.now() - started;
		const requests = sigma.emulator.log.entries.length;
		const node = staticData[NODE_KEY] as IDataObject;
		const listed = StoredMembers.read(node[STATE_KEY])?.size ?? NaN;
		const bytesPerMember = Buffer.byteLength(JSON.stringify(node)) / listed;

		// The same requests the poll makes, without any comparison.
		const settings = defaultSettings(teams > 0);
		let fetched: { records: IDataObject[]; teams?: Map<string, string[]> } | undefined;
		const fetchOnly = probeNode(async function (this: IExecuteFunctions) {
			const context = this as unknown as IPollFunctions;
			const records = await listMembers.call(context, settings);
			const ids = records.map((record) => record.memberId as string);
			const memberTeams = teams > 0 ? await teamsOfMembers.call(context, ids) : undefined;
			fetched = { records, teams: memberTeams };
			return {};
		});
		sigma.emulator.log.clear();
		started = performance.now();
		await sigma.runtime.execute(fetchOnly, { parameters, credentials: sigma.credentials });
		const fetchMs = performance.now() - started;
		const teamRequests = sigma.emulator.log.count({ path: /^\/v2\/teams/ });
		if (!fetched) throw new Error('The fetch did not run');
		const { records, teams: memberTeams } = fetched;

		// n8n hands the node its static data read back from JSON and wrapped in observing proxies.
		const nodeData = ObservableObject.create(JSON.parse(storedJson) as IDataObject);
		const work = () => {
			const previous = StoredMembers.read(nodeData[STATE_KEY]);
			if (!previous) throw new Error('The stored list could not be read');
			const current = currentMembers(records, memberTeams);
			const diff = diffMembers(previous, current, settings.watched);
			toEvents(diff, settings.events, new Date().toISOString());
			const states = current.members.map((member) => member.state);
			encodeSnapshot(settings.fingerprint, states, settings.includeTeams);
		};
		const diffCpuMs = cpuMs((since) => process.cpuUsage(since), work);
		const threadCpuMs = cpuMs((since) => process.threadCpuUsage(since), work);

		return {
			members,
			teams,
			pollMs,
			fetchMs,
			diffCpuMs,
			threadCpuMs,
			bytesPerMember,
			requests,
			// Pages of the list, plus what teams cost; the deactivated members are each read once.
			minimum: Math.ceil(records.length / PAGE) + teamRequests + deactivated,
			events: run.output?.[0].length ?? 0,
		};
	} finally {
		await sigma.stop();
	}
}

function table(rows: Row[]): string {
	const header = [
		'members',
		'teams',
		'poll ms',
		'fetch ms',
		'diff CPU ms',
		'main thread',
		'bytes/member',
		'requests',
		'minimum',
		'events',
	];
	const lines = rows.map((row) => [
		row.members.toLocaleString('en-US'),
		String(row.teams),
		row.pollMs.toFixed(0),
		row.fetchMs.toFixed(0),
		row.diffCpuMs.toFixed(1),
		row.threadCpuMs.toFixed(1),
		row.bytesPerMember.toFixed(1),
		String(row.requests),
		String(row.minimum),
		String(row.events),
	]);
	const widths = header.map((title, i) => Math.max(title.length, ...lines.map((l) => l[i].length)));
	const format = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i])).join('  ');
	return [format(header), ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
	const sizes = process.argv
		.slice(2)
		.map(Number)
		.filter((n) => n > 0);
	const rows: Row[] = [];
	for (const members of sizes.length > 0 ? sizes : [10_000, 100_000]) {
		rows.push(await measure(members, 0));
		rows.push(await measure(members, 50));
	}
	process.stdout.write(
		`Sigma Trigger, one poll after 1% of the members changed\n${table(rows)}\n` +
			'diff CPU: median of 5 runs, for the whole process (V8 helper threads such as the ' +
			'garbage collector included) and for the main thread only. requests: sent during the ' +
			'poll (no token request: the stored token is reused). minimum: one page per 1000 ' +
			'members, the team requests, and one read per deactivated member.\n',
	);
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exitCode = 1;
});
