import { matchesRoute, type RouteMatch } from './log';
import { createRandom, randomInt, type Random } from './random';

export interface StatusFault {
	kind: 'status';
	status: number;
	/** Sent as Retry-After: a number of seconds, or a string such as an HTTP date. */
	retryAfter?: number | string;
}

/** 'drop': the socket closes before anything is done. 'lost': the write happens, no answer. */
export type Fault = StatusFault | { kind: 'drop' } | { kind: 'lost' };

export interface InjectOptions {
	match?: RouteMatch;
	/** How many matching requests get this fault; defaults to 1. `Infinity` is allowed. */
	times?: number;
}

export interface RandomFaultOptions {
	/** Chance (0..1) that one matching request gets a fault. */
	probability: number;
	kinds: Fault[];
	seed?: number;
	match?: RouteMatch;
}

interface Injected {
	fault: Fault;
	match: RouteMatch | undefined;
	remaining: number;
}

interface RandomStorm {
	probability: number;
	kinds: Fault[];
	match: RouteMatch | undefined;
	random: Random;
}

export function validateFault(fault: unknown): Fault {
	if (typeof fault !== 'object' || fault === null) throw new Error('fault must be an object');
	const candidate = fault as Record<string, unknown>;
	if (candidate.kind === 'drop' || candidate.kind === 'lost') return { kind: candidate.kind };
	if (candidate.kind !== 'status') {
		throw new Error("fault.kind must be 'status', 'drop' or 'lost'");
	}
	const status = candidate.status;
	if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
		throw new Error('fault.status must be an integer HTTP error status (400-599)');
	}
	const retryAfter = candidate.retryAfter;
	if (
		retryAfter !== undefined &&
		typeof retryAfter !== 'number' &&
		typeof retryAfter !== 'string'
	) {
		throw new Error('fault.retryAfter must be a number of seconds or a string');
	}
	return retryAfter === undefined
		? { kind: 'status', status }
		: { kind: 'status', status, retryAfter };
}

/** Faults applied to the next matching requests, in the order they were injected. */
export class Faults {
	private readonly queue: Injected[] = [];
	private storm: RandomStorm | undefined;

	inject(fault: Fault, options: InjectOptions = {}): void {
		const times = options.times ?? 1;
		if (!(times >= 1) || (!Number.isInteger(times) && times !== Infinity)) {
			throw new Error('times must be a positive integer or Infinity');
		}
		this.queue.push({ fault: validateFault(fault), match: options.match, remaining: times });
	}

	/** Every matching request independently gets one of `kinds` with `probability`. */
	random(options: RandomFaultOptions): void {
		if (!(options.probability >= 0 && options.probability <= 1)) {
			throw new Error('probability must be between 0 and 1');
		}
		if (options.kinds.length === 0) throw new Error('kinds must list at least one fault');
		this.storm = {
			probability: options.probability,
			kinds: options.kinds.map(validateFault),
			match: options.match,
			random: createRandom(options.seed ?? 1),
		};
	}

	stopRandom(): void {
		this.storm = undefined;
	}

	/** Removes injected faults and stops a random storm. */
	clear(): void {
		this.queue.length = 0;
		this.storm = undefined;
	}

	/** How many injected faults are still waiting (a fault with `times: 3` counts 3). */
	pending(): number {
		return this.queue.reduce((total, injected) => total + injected.remaining, 0);
	}

	/** The fault for this request, if any; consumes one use of an injected fault. */
	take(method: string, path: string): Fault | undefined {
		const index = this.queue.findIndex((injected) => matchesRoute(injected.match, method, path));
		const injected = this.queue[index];
		if (injected) {
			injected.remaining--;
			if (injected.remaining <= 0) this.queue.splice(index, 1);
			return injected.fault;
		}
		const storm = this.storm;
		if (!storm || !matchesRoute(storm.match, method, path)) return undefined;
		if (storm.random() >= storm.probability) return undefined;
		return storm.kinds[randomInt(storm.random, storm.kinds.length)];
	}
}
