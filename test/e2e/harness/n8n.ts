import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { SigmaEmulator } from '../../emulator';
import type { N8nDatabase, StoredExecution } from './database';
import { SqliteDatabase } from './database';
import { Execution, type RunData } from './execution';
import { Background, repoRoot, run, type RunResult } from './processes';
import type { WorkflowJson } from './workflows';

export const PACKAGE_NAME = 'n8n-nodes-sigma-computing';

/** The credentials the tests, the demo and the examples refer to, by these IDs and names. */
export const SIGMA_API_CREDENTIAL = { id: 'sigmaApiCredential', name: 'Sigma API' };
export const SIGMA_SCIM_CREDENTIAL = { id: 'sigmaScimCredential', name: 'Sigma SCIM API' };

export function runtimeDir(): string {
	return join(repoRoot(), 'e2e', 'n8n-runtime');
}

/** The n8n version pinned in e2e/n8n-runtime/package.json. */
export function pinnedN8nVersion(): string {
	const manifest = JSON.parse(readFileSync(join(runtimeDir(), 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
	};
	return manifest.dependencies.n8n;
}

/** Throws with the command to run when the pinned n8n is not installed. */
export function assertRuntimeInstalled(): void {
	const stamp = join(runtimeDir(), 'node_modules', '.runtime-stamp');
	if (!existsSync(stamp) || !existsSync(n8nBin())) {
		throw new Error('The pinned n8n is not installed: run `bash e2e/runtime.sh` first');
	}
}

function n8nBin(): string {
	return join(runtimeDir(), 'node_modules', '.bin', 'n8n');
}

/** `npm pack` of the repository (which must be built), into `destination`; the tarball's path. */
export async function packPackage(destination: string): Promise<string> {
	const root = repoRoot();
	if (!existsSync(join(root, 'dist', 'nodes', 'Sigma', 'Sigma.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` before packing');
	}
	mkdirSync(destination, { recursive: true });
	const packed = await run('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: root,
		timeoutMs: 60_000,
	});
	if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
	const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{
		filename: string;
	}>;
	if (!info) throw new Error(`npm pack printed no file:\n${packed.output}`);
	return join(destination, info.filename);
}

/**
 * Unpacks the tarball where n8n keeps community packages, as n8n's own installer does (it
 * leaves peer dependencies out, so n8n-workflow comes from n8n itself).
 */
export async function installPackage(tarball: string, userFolder: string): Promise<void> {
	const nodes = join(userFolder, '.n8n', 'nodes');
	const target = join(nodes, 'node_modules', PACKAGE_NAME);
	mkdirSync(target, { recursive: true });
	writeFileSync(join(nodes, 'package.json'), '{"name":"installed-nodes","private":true}\n');
	const untar = await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], {
		timeoutMs: 30_000,
	});
	if (untar.code !== 0) throw new Error(`Could not unpack ${tarball}:\n${untar.output}`);
}

export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** Both credentials, pointing at the emulator, as `n8n import:credentials` reads them. */
export function emulatorCredentials(emulator: SigmaEmulator): CredentialJson[] {
	return [
		{
			...SIGMA_API_CREDENTIAL,
			type: 'sigmaApi',
			data: {
				region: 'custom',
				baseUrl: emulator.url,
				clientId: emulator.clientId,
				clientSecret: emulator.clientSecret,
				accessToken: '',
			},
		},
		{
			...SIGMA_SCIM_CREDENTIAL,
			type: 'sigmaScimApi',
			data: { baseUrl: emulator.scimUrl, token: emulator.scimToken },
		},
	];
}

export interface N8nPorts {
	/** `n8n start`: editor, REST and webhooks. */
	http: number;
	/** The task-runner broker every n8n process starts; two processes need two. */
	broker: number;
	/** The broker of CLI commands run while `n8n start` runs (default: `broker`). */
	cliBroker?: number;
}

export interface N8nOptions {
	label: string;
	tarball: string;
	ports: N8nPorts;
	/** Replaces the sqlite database (queue mode: PostgreSQL and Redis settings). */
	env?: Record<string, string>;
	/** How to read the database when it is not the sqlite file (queue mode). */
	database?: N8nDatabase;
}

export interface CliExecution {
	result: RunResult;
	/** Undefined when n8n neither stored nor printed a run (it failed before running it). */
	execution?: Execution;
	/** The execution as n8n stored it (mode, status). */
	stored?: StoredExecution;
}

/** The JSON n8n prints after its log lines: from the first line that is `{` to the end. */
function parseRawOutput(stdout: string): RunData | undefined {
	const start = stdout.search(/^\{$/m);
	if (start < 0) return undefined;
	const end = stdout.lastIndexOf('\n}');
	try {
		const parsed = JSON.parse(stdout.slice(start, end + 2)) as { data?: RunData } & RunData;
		return parsed.data ?? parsed;
	} catch {
		return undefined;
	}
}

/**
 * A throwaway n8n instance: its own user folder (database, settings, the packed package under
 * .n8n/nodes) and ports, driven through n8n's command line.
 */
export class N8n {
	readonly env: NodeJS.ProcessEnv;
	private readonly started: Background[] = [];

	private constructor(
		readonly label: string,
		readonly userFolder: string,
		readonly ports: N8nPorts,
		extraEnv: Record<string, string>,
		private readonly externalDatabase?: N8nDatabase,
	) {
		const inherited = Object.fromEntries(
			Object.entries(process.env).filter(
				// Jest's NODE_ENV=test silences n8n's logger, which also prints the run data.
				([name]) => !/^(N8N_|DB_|QUEUE_|EXECUTIONS_|WEBHOOK_URL$|npm_|JEST_|NODE_ENV$)/.test(name),
			),
		);
		this.env = {
			...inherited,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-test-key-not-secret',
			DB_TYPE: 'sqlite',
			N8N_PORT: String(ports.http),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(ports.broker),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
			// n8n loads thousands of modules at every command; caching their compiled code
			// saves about a second per command.
			NODE_COMPILE_CACHE: join(runtimeDir(), 'node_modules', '.compile-cache'),
			...extraEnv,
		};
	}

	static async create(options: N8nOptions): Promise<N8n> {
		assertRuntimeInstalled();
		const userFolder = mkdtempSync(join(tmpdir(), `sigma-e2e-${options.label}-`));
		await installPackage(options.tarball, userFolder);
		return new N8n(options.label, userFolder, options.ports, options.env ?? {}, options.database);
	}

	/** Runs `n8n <args>`; a non-zero exit is returned, not thrown. */
	async cli(
		args: string[],
		timeoutMs = 120_000,
		env: Record<string, string> = {},
	): Promise<RunResult> {
		const broker = String(this.ports.cliBroker ?? this.ports.broker);
		return await run(n8nBin(), args, {
			env: { ...this.env, N8N_RUNNERS_BROKER_PORT: broker, ...env },
			cwd: this.userFolder,
			timeoutMs,
			label: `n8n (${this.label})`,
		});
	}

	/** Like `cli`, but a non-zero exit throws with n8n's output. */
	async cliOk(args: string[], timeoutMs?: number): Promise<RunResult> {
		const result = await this.cli(args, timeoutMs);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} exited with ${result.code}:\n${result.output.slice(-4000)}`,
			);
		}
		return result;
	}

	async importCredentials(credentials: CredentialJson[]): Promise<void> {
		const file = join(this.userFolder, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials, null, '\t'));
		await this.cliOk(['import:credentials', `--input=${file}`]);
	}

	/** Imports all workflows with one n8n command. */
	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const folder = join(this.userFolder, 'workflows');
		rmSync(folder, { recursive: true, force: true });
		mkdirSync(folder);
		for (const workflow of workflows) {
			writeFileSync(join(folder, `${workflow.id}.json`), JSON.stringify(workflow, null, '\t'));
		}
		await this.cliOk(['import:workflow', '--separate', `--input=${folder}`]);
	}

	/** Publishes (activates) a workflow, so that `n8n start` runs its trigger. */
	async publish(workflowId: string): Promise<void> {
		await this.cliOk(['publish:workflow', `--id=${workflowId}`]);
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`, in its own process, as a person runs it on a server.
	 * The run is read back from the database: n8n can exit before a large printed result has
	 * reached the pipe, so what it prints is only the fallback.
	 */
	async execute(workflowId: string, timeoutMs = 120_000): Promise<CliExecution> {
		const database = this.database();
		const before = await this.executionIds(database, workflowId);
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs);
		const added = (await database.executions(workflowId)).filter(({ id }) => !before.has(id));
		if (added.length > 1) {
			throw new Error(`n8n execute --id=${workflowId} stored ${added.length} executions, not one`);
		}
		if (added[0]) return { result, execution: added[0].execution, stored: added[0] };
		const data = parseRawOutput(result.stdout);
		const status = result.code === 0 ? 'success' : 'error';
		return { result, execution: data ? new Execution(data, status) : undefined };
	}

	private async executionIds(database: N8nDatabase, workflowId: string): Promise<Set<number>> {
		try {
			return new Set((await database.executions(workflowId)).map(({ id }) => id));
		} catch {
			// No database yet: nothing was imported, so nothing ran.
			return new Set();
		}
	}

	/** Executes and throws with n8n's output unless the run succeeded. */
	async executeOk(workflowId: string, timeoutMs?: number): Promise<Execution> {
		const { result, execution, stored } = await this.execute(workflowId, timeoutMs);
		if (result.code !== 0 || !execution || (stored && stored.status !== 'success')) {
			const lastOutput = result.output.slice(-4000);
			throw new Error(
				`n8n execute --id=${workflowId} failed (exit ${result.code}):\n${lastOutput}`,
			);
		}
		return execution;
	}

	/** Starts a long-running n8n process (`start`, `worker`); `stopAll` ends it. */
	spawn(args: string[], env: Record<string, string> = {}, label = args[0] ?? 'n8n'): Background {
		const child = Background.start(
			`n8n ${label} (${this.label})`,
			n8nBin(),
			args,
			{ ...this.env, ...env },
			this.userFolder,
		);
		this.started.push(child);
		return child;
	}

	/** `n8n start`, resolved once its editor and webhooks answer. */
	async start(env: Record<string, string> = {}, timeoutMs = 90_000): Promise<Background> {
		const main = this.spawn(['start'], env);
		await main.waitForOutput(/Editor is now accessible via/, timeoutMs);
		return main;
	}

	/** This instance's database: its sqlite file, unless it was given another one. */
	database(): N8nDatabase {
		return (
			this.externalDatabase ??
			new SqliteDatabase(join(this.userFolder, '.n8n', 'database.sqlite'), runtimeDir())
		);
	}

	async stopAll(): Promise<void> {
		await Promise.all(this.started.map(async (child) => await child.stop()));
		this.started.length = 0;
	}

	/** Stops what this instance started and removes its folder (kept when E2E_KEEP is set). */
	async dispose(): Promise<void> {
		await this.stopAll();
		if (!process.env.E2E_KEEP) rmSync(this.userFolder, { recursive: true, force: true });
	}
}
