import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nDatabase, StoredExecution } from './database';
import {
	decodeExecution,
	EXECUTIONS_QUERY,
	STATIC_DATA_QUERY,
	type ExecutionRow,
} from './database';
import { Background, run } from './processes';

/** A free TCP port on 127.0.0.1, for the throwaway PostgreSQL and Redis. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Debian installs PostgreSQL's server programs under /usr/lib/postgresql/<major>/bin. */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root)
		? readdirSync(root)
				.filter((entry) => existsSync(join(root, entry, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (majors.length === 0) {
		throw new Error(
			'PostgreSQL is not installed: queue mode needs `apt-get install -y postgresql redis-server`',
		);
	}
	return join(root, majors[0]!, 'bin');
}

/** PostgreSQL refuses to run as root; as root the cluster is run as the `postgres` user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [command, args];
	return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

export const POSTGRES_USER = 'n8n';
export const POSTGRES_DATABASE = 'n8n';

/** A PostgreSQL cluster of its own in a temporary folder, listening on 127.0.0.1 only. */
export class Postgres {
	private constructor(
		readonly port: number,
		private readonly dataDir: string,
		private readonly bin: string,
	) {}

	static async start(): Promise<Postgres> {
		const bin = postgresBin();
		const dataDir = mkdtempSync(join(tmpdir(), 'sigma-e2e-pg-'));
		if (process.getuid?.() === 0) {
			const ids = await run('id', ['-u', 'postgres'], { timeoutMs: 5_000 });
			const gids = await run('id', ['-g', 'postgres'], { timeoutMs: 5_000 });
			chownSync(dataDir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
		}
		const postgres = new Postgres(await freePort(), dataDir, bin);
		try {
			await postgres.exec('initdb', [
				'-D',
				dataDir,
				'-A',
				'trust',
				'-U',
				POSTGRES_USER,
				'-E',
				'UTF8',
			]);
			const options = [
				`-p ${postgres.port}`,
				'-c listen_addresses=127.0.0.1',
				`-c unix_socket_directories=${dataDir}`,
				'-c fsync=off',
			].join(' ');
			await postgres.exec('pg_ctl', [
				'-D',
				dataDir,
				'-o',
				options,
				'-l',
				join(dataDir, 'log'),
				'-w',
				'start',
			]);
			await postgres.psql('postgres', `CREATE DATABASE ${POSTGRES_DATABASE}`);
		} catch (error) {
			await postgres.stop();
			throw error;
		}
		return postgres;
	}

	/** n8n's settings for this database. */
	get n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_USER: POSTGRES_USER,
			DB_POSTGRESDB_DATABASE: POSTGRES_DATABASE,
		};
	}

	private async exec(program: string, args: string[]): Promise<string> {
		const [command, fullArgs] = asPostgres(join(this.bin, program), args);
		const result = await run(command, fullArgs, { timeoutMs: 60_000, cwd: tmpdir() });
		if (result.code !== 0) throw new Error(`${program} failed:\n${result.output}`);
		return result.stdout;
	}

	/** One statement through psql over TCP; rows as tab-separated lines. */
	async psql(database: string, sql: string, ...parameters: string[]): Promise<string> {
		const args = ['-h', '127.0.0.1', '-p', String(this.port), '-U', POSTGRES_USER, '-d', database];
		const variables = parameters.flatMap((value, index) => ['-v', `p${index + 1}=${value}`]);
		// psql substitutes :'p1' as a quoted literal; $1 placeholders are written that way here.
		const statement = sql.replace(/\$(\d+)/g, (_, index: string) => `:'p${index}'`);
		const result = await run('psql', [...args, ...variables, '-AtX', '-v', 'ON_ERROR_STOP=1'], {
			timeoutMs: 30_000,
			env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
			input: statement,
		});
		if (result.code !== 0) throw new Error(`psql failed on ${sql}:\n${result.output}`);
		return result.stdout;
	}

	async stop(): Promise<void> {
		if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
			await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(
				() => undefined,
			);
		}
		rmSync(this.dataDir, { recursive: true, force: true });
	}
}

/** n8n's executions and static data, read from PostgreSQL (queue mode). */
export class PostgresDatabase implements N8nDatabase {
	constructor(
		private readonly postgres: Postgres,
		private readonly runtime: string,
	) {}

	/** Rows as JSON, which survives the run data's tabs and newlines. */
	private async rows<T>(sql: string, parameter: string): Promise<T[]> {
		const wrapped = `SELECT coalesce(json_agg(row_to_json(q)), '[]') FROM (${sql}) q`;
		return JSON.parse(await this.postgres.psql(POSTGRES_DATABASE, wrapped, parameter)) as T[];
	}

	async executions(workflowId: string): Promise<StoredExecution[]> {
		const rows = await this.rows<ExecutionRow>(EXECUTIONS_QUERY, workflowId);
		return rows.map((row) => decodeExecution(row, this.runtime));
	}

	async staticData(workflowId: string): Promise<Record<string, unknown> | null> {
		const [row] = await this.rows<{ staticData: unknown }>(STATIC_DATA_QUERY, workflowId);
		const value = row?.staticData;
		if (value === null || value === undefined) return null;
		return (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
	}
}

/** redis-server on a free loopback port, without persistence, as a child of this process. */
export class Redis {
	private constructor(
		readonly port: number,
		private readonly server: Background,
	) {}

	static async start(): Promise<Redis> {
		const found = await run('sh', ['-c', 'command -v redis-server'], { timeoutMs: 5_000 });
		if (found.code !== 0) {
			throw new Error(
				'redis-server is not installed: ' +
					'queue mode needs `apt-get install -y postgresql redis-server`',
			);
		}
		const port = await freePort();
		const args = [
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
		];
		const server = Background.start('redis-server', 'redis-server', args, process.env, tmpdir());
		await server.waitForOutput(/Ready to accept connections/, 20_000);
		return new Redis(port, server);
	}

	get n8nEnv(): Record<string, string> {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}

	async stop(): Promise<void> {
		await this.server.stop();
	}
}
