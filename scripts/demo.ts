/**
 * The demo: a real n8n runs this package's onboarding example against the Sigma emulator, and
 * prints what changed in the emulated organization. `--editor` then leaves n8n's editor running.
 *
 *   ./run.sh demo            (or: npm run demo)
 *   ./run.sh demo --editor
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SigmaEmulator, type Member } from '../test/emulator';
import { DEMO_ORG_OPTIONS, seedDemoOrg } from '../test/e2e/harness/demoOrg';
import type { ItemJson } from '../test/e2e/harness/execution';
import { emulatorCredentials, N8n, packPackage, pinnedN8nVersion } from '../test/e2e/harness/n8n';
import { repoRoot } from '../test/e2e/harness/processes';
import { PORTS } from '../test/e2e/harness/stack';
import { loadExample } from '../test/e2e/harness/workflows';

const EXAMPLES = ['onboarding-from-hr-list.json', 'offboarding.json', 'license-change-alerts.json'];

const started = Date.now();

function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}

function step(text: string): void {
	const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(3);
	say(`[${seconds} s] ${text}`);
}

function usage(): never {
	say('Usage: npm run demo [-- --editor]');
	say(
		'  --editor  keep n8n running afterwards, with the examples, on http://localhost:' +
			PORTS.demo.http,
	);
	process.exit(2);
}

/** e2e/runtime.sh installs the pinned n8n the first time (minutes, with progress) or reuses it. */
async function ensureRuntime(): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const child = spawn('bash', [join(repoRoot(), 'e2e', 'runtime.sh')], { stdio: 'inherit' });
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`e2e/runtime.sh failed (exit ${code})`)),
		);
	});
}

interface Person {
	name: string;
	email: string;
	memberType: string;
}

function person(member: Member | ItemJson): Person {
	return {
		name: `${member.firstName} ${member.lastName}`,
		email: String(member.email),
		memberType: String(member.memberType),
	};
}

function table(rows: string[][]): string[] {
	const widths = rows[0]?.map((_, column) =>
		Math.max(...rows.map((row) => row[column]?.length ?? 0)),
	);
	return rows.map(
		(row) =>
			'  ' +
			row
				.map((cell, i) => cell.padEnd(widths?.[i] ?? 0))
				.join('  ')
				.trimEnd(),
	);
}

function summarize(
	emulator: SigmaEmulator,
	before: Map<string, Person>,
	upserts: ItemJson[],
	joins: ItemJson[],
): void {
	const { org } = emulator;
	const teamName = (teamId: string) => org.getTeam(teamId)?.name ?? teamId;
	const rows = [['', 'Member', 'Email', 'Account type', 'Team']];
	upserts.forEach((item, index) => {
		const now = person(item.member as ItemJson);
		const was = before.get(now.email.toLowerCase());
		const type =
			was && was.memberType !== now.memberType
				? `${was.memberType} -> ${now.memberType}`
				: now.memberType;
		const joined = joins[index];
		const team = joined?.added ? `+ ${teamName(String(joined.teamId))}` : '';
		rows.push([String(item.action), now.name, now.email, type, team]);
	});
	say();
	say('What the onboarding example changed in the Sigma organization:');
	say();
	for (const line of table(rows)) say(line);
	say();
	say('Teams afterwards:');
	for (const team of org.teams) {
		const names = org
			.teamMembers(team.teamId)
			.map((membership) => org.getMember(membership.userId))
			.map((member) => (member ? `${member.firstName} ${member.lastName}` : '?'));
		say(`  ${team.name} (${names.length}): ${names.join(', ')}`);
	}
	const requests = emulator.log.entries.filter((entry) => entry.api !== 'control');
	const counts = new Map<string, number>();
	for (const entry of requests) counts.set(entry.method, (counts.get(entry.method) ?? 0) + 1);
	const byMethod = [...counts].map(([method, count]) => `${count} ${method}`).join(', ');
	say();
	say(
		`Sigma API: ${emulator.tokensIssued()} token exchange, ` +
			`${requests.length} requests (${byMethod}).`,
	);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args.some((arg) => arg !== '--editor')) usage();
	const editor = args.includes('--editor');

	say(`Sigma for n8n: demo with n8n ${pinnedN8nVersion()} and the Sigma emulator`);
	say();
	step('Checking the pinned n8n (installed on the first run only)');
	await ensureRuntime();

	step('Packing this package (npm pack)');
	const packDir = mkdtempSync(join(tmpdir(), 'sigma-demo-pack-'));
	const cleanups: Array<() => Promise<void>> = [
		async () => rmSync(packDir, { recursive: true, force: true }),
	];
	let cleaning: Promise<void> | undefined;
	const cleanup = async (): Promise<void> => {
		cleaning ??= (async () => {
			for (const task of cleanups.reverse()) await task().catch(() => undefined);
		})();
		await cleaning;
	};
	process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
	process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));

	try {
		const tarball = await packPackage(packDir);

		step('Starting the Sigma emulator with a small demo organization');
		const emulator = await SigmaEmulator.start(DEMO_ORG_OPTIONS);
		cleanups.push(async () => await emulator.stop());
		seedDemoOrg(emulator.org);
		const teams = emulator.org.teams.map((team) => team.name).join(', ');
		say(`        ${emulator.org.members.length} members; teams ${teams}; API at ${emulator.url}`);

		step('Installing the package into a fresh n8n and importing credentials and examples');
		const n8n = await N8n.create({ label: 'demo', tarball, ports: PORTS.demo });
		cleanups.push(async () => await n8n.dispose());
		await n8n.importCredentials(emulatorCredentials(emulator));
		await n8n.importWorkflows(EXAMPLES.map(loadExample));

		const before = new Map(emulator.org.members.map((m) => [m.email.toLowerCase(), person(m)]));
		emulator.log.clear();
		step('Running examples/onboarding-from-hr-list.json with `n8n execute`');
		const execution = await n8n.executeOk(loadExample(EXAMPLES[0]!).id);
		summarize(
			emulator,
			before,
			execution.json('Create or update member'),
			execution.json('Add to department team'),
		);
		say();

		if (!editor) {
			step('Done. `npm run demo -- --editor` keeps n8n running to look at the workflows.');
			return;
		}
		step('Starting n8n with its editor');
		const server = await n8n.start();
		say();
		say(`n8n is running: open http://localhost:${PORTS.demo.http}`);
		say('  On the first visit n8n asks for an owner account: any email and password will do,');
		say('  they stay in a temporary folder that is removed when the demo stops.');
		say('  The three examples are under Workflows; their credentials point at the emulator.');
		say('Press Ctrl+C to stop n8n and the emulator.');
		await server.waitFor(() => undefined, 2 ** 31 - 1, 'the end of n8n');
	} finally {
		await cleanup();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(
		`\nThe demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	process.exit(1);
});
