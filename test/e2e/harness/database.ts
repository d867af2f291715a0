import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

import { Execution, type RunData } from './execution';

export interface StoredExecution {
	id: number;
	mode: string;
	status: string;
	execution: Execution;
}

/** What the tests read from n8n's database: executions and the workflow's static data. */
export interface N8nDatabase {
	executions(workflowId: string): Promise<StoredExecution[]>;
	staticData(workflowId: string): Promise<Record<string, unknown> | null>;
}

export interface ExecutionRow {
	id: number | string;
	mode: string;
	status: string;
	data: string;
}

/** n8n stores run data serialized with `flatted` (it has cycles); n8n ships that package. */
export function decodeExecution(row: ExecutionRow, runtime: string): StoredExecution {
	const flatted = createRequire(join(runtime, 'package.json'))('flatted') as {
		parse(text: string): unknown;
	};
	const data = flatted.parse(row.data) as RunData;
	return {
		id: Number(row.id),
		mode: row.mode,
		status: row.status,
		execution: new Execution(data, row.status),
	};
}

export const EXECUTIONS_QUERY =
	'SELECT e.id AS id, e.mode AS mode, e.status AS status, d.data AS data' +
	' FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id' +
	' WHERE e."workflowId" = $1 ORDER BY e.id';

export const STATIC_DATA_QUERY =
	'SELECT "staticData" AS "staticData" FROM workflow_entity WHERE id = $1';

type SqliteModule = { DatabaseSync: typeof DatabaseSync };

/**
 * Reads n8n's sqlite file while n8n may be writing it. Node's own sqlite module is loaded with
 * getBuiltinModule, which jest's module registry does not intercept.
 */
export class SqliteDatabase implements N8nDatabase {
	constructor(
		private readonly file: string,
		private readonly runtime: string,
	) {}

	private query<T>(sql: string, parameter: string): T[] {
		const { DatabaseSync: Database } = process.getBuiltinModule('node:sqlite') as SqliteModule;
		const db = new Database(this.file, { readOnly: true });
		try {
			return db.prepare(sql.replace('$1', '?')).all(parameter) as T[];
		} finally {
			db.close();
		}
	}

	async executions(workflowId: string): Promise<StoredExecution[]> {
		return this.query<ExecutionRow>(EXECUTIONS_QUERY, workflowId).map((row) =>
			decodeExecution(row, this.runtime),
		);
	}

	async staticData(workflowId: string): Promise<Record<string, unknown> | null> {
		const [row] = this.query<{ staticData: string | null }>(STATIC_DATA_QUERY, workflowId);
		return row?.staticData ? (JSON.parse(row.staticData) as Record<string, unknown>) : null;
	}
}
