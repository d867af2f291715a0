import type {
	IDataObject,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeParameters,
} from 'n8n-workflow';

import { Sigma } from '../../nodes/Sigma/Sigma.node';
import type { Fault } from '../emulator';
import type { SigmaTestbed } from '../harness/sigma';

export const node = new Sigma();

/**
 * The seed of a random test: SIGMA_FAULT_SEED replays one run, otherwise `fallback`. Failing
 * tests print it (see `withSeed`), so any failure can be replayed exactly.
 */
export function seedFor(fallback: number): number {
	const given = Number(process.env.SIGMA_FAULT_SEED);
	return Number.isInteger(given) && given > 0 ? given : fallback;
}

/** Larger runs for `npm run test:faults`; 1 in `npm test`. */
export function soakScale(): number {
	const given = Number(process.env.SIGMA_SOAK_SCALE);
	return Number.isFinite(given) && given >= 1 ? given : 1;
}

/**
 * Prints a measured figure (for the README's Reliability section) when SIGMA_FAULT_REPORT is set.
 */
export function reportFigure(name: string, value: number | string): void {
	if (process.env.SIGMA_FAULT_REPORT) process.stdout.write(`figure ${name}: ${value}\n`);
}

/** Runs `check`; a failure says which seed to replay it with. */
export async function withSeed<T>(seed: number, check: () => Promise<T>): Promise<T> {
	try {
		return await check();
	} catch (error) {
		if (error instanceof Error) {
			error.message = `[replay with SIGMA_FAULT_SEED=${seed}] ${error.message}`;
		}
		throw error;
	}
}

export function locator(mode: string, value: unknown): INodeParameterResourceLocator {
	return { __rl: true, mode, value } as INodeParameterResourceLocator;
}

/** Runs the Sigma node and returns its first output. */
export async function run(
	sigma: SigmaTestbed,
	parameters: INodeParameters,
	items?: IDataObject[],
	continueOnFail = false,
): Promise<INodeExecutionData[]> {
	return (await sigma.execute(node, { parameters, items, continueOnFail }))[0];
}

/** The error a run throws; the test fails if it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<Error & IDataObject> {
	try {
		await promise;
	} catch (error) {
		return error as Error & IDataObject;
	}
	throw new Error('expected a failure, but the run succeeded');
}

/** Cheap faults: retried at once (Retry-After: 0), or failing fast. */
export const RATE_LIMITED: Fault = { kind: 'status', status: 429, retryAfter: 0 };
export const BARE_RATE_LIMIT: Fault = { kind: 'status', status: 429 };
export const BAD_GATEWAY: Fault = { kind: 'status', status: 502 };
export const UNAVAILABLE: Fault = { kind: 'status', status: 503 };
export const DROPPED: Fault = { kind: 'drop' };
export const LOST: Fault = { kind: 'lost' };

/** Member IDs that occur more than once in a list. */
export function repeated(ids: readonly string[]): string[] {
	const seen = new Set<string>();
	const twice = new Set<string>();
	for (const id of ids) (seen.has(id) ? twice : seen).add(id);
	return [...twice];
}
