/**
 * An item's JSON. Loosely typed on purpose: tests read nested fields of n8n's output and
 * assert on them with expect().
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ItemJson = Record<string, any>;

/** One item of a node's output, as n8n stores it. */
export interface OutputItem {
	json: ItemJson;
	pairedItem?: unknown;
}

interface NodeRun {
	executionStatus?: string;
	data?: { main?: Array<OutputItem[] | null> };
	error?: { message?: string; description?: string };
}

export interface RunData {
	resultData: {
		runData: Record<string, NodeRun[]>;
		error?: { message?: string; description?: string; node?: { name?: string } };
		lastNodeExecuted?: string;
	};
}

/** One finished workflow run, from `n8n execute --rawOutput` or from the database. */
export class Execution {
	constructor(
		readonly data: RunData,
		readonly status?: string,
	) {}

	get error(): RunData['resultData']['error'] {
		return this.data.resultData.error;
	}

	/** Names of the nodes that ran. */
	get nodes(): string[] {
		return Object.keys(this.data.resultData.runData);
	}

	/** The JSON of every item of the node's first output (its first run). */
	json(node: string): ItemJson[] {
		const runs = this.data.resultData.runData[node];
		if (!runs || runs.length === 0) {
			throw new Error(`Node "${node}" did not run; these did: ${this.nodes.join(', ')}`);
		}
		return (runs[0]?.data?.main?.[0] ?? []).map((item) => item.json);
	}
}
