import type { Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { SigmaEmulator } from '../test/emulator';

setFlagsFromString('--expose-gc');
/** A full garbage collection between runs, so one run's garbage is not collected in the next. */
const collectGarbage = runInNewContext('gc') as () => void;

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Side<T> {
	name: string;
	/** One whole run; `warmUp` is true for the first, unmeasured one, which may be smaller. */
	run: (warmUp: boolean) => Promise<T>;
}

export interface SideResult<T> {
	name: string;
	/** Wall time of every measured run, in ms, in the order they ran. */
	ms: number[];
	median: number;
	/** What the last measured run returned. */
	last: T;
}

/**
 * Runs each side once to warm up, then `rounds` more times each, side by side, alternating the
 * order (A B C, C B A, ...) so that drift in the machine's load falls on every side alike.
 */
export async function sideBySide<T>(sides: Array<Side<T>>, rounds: number) {
	const ms = sides.map((): number[] => []);
	const last: T[] = new Array(sides.length);
	const once = async (index: number, warmUp: boolean) => {
		collectGarbage();
		const started = performance.now();
		const value = await sides[index].run(warmUp);
		const elapsed = performance.now() - started;
		if (!warmUp) {
			ms[index].push(elapsed);
			last[index] = value;
		}
	};
	for (let index = 0; index < sides.length; index++) await once(index, true);
	for (let round = 0; round < rounds; round++) {
		const order = sides.map((_, index) => index);
		if (round % 2 === 1) order.reverse();
		for (const index of order) await once(index, false);
	}
	return sides.map(
		(side, index): SideResult<T> => ({
			name: side.name,
			ms: ms[index],
			median: median(ms[index]),
			last: last[index],
		}),
	);
}

/**
 * Counts TCP connections the emulator accepts: how a client reuses connections changes its wall
 * time, so each side's count is printed next to its time. The server is private to the emulator;
 * only its connection events are read.
 */
export function connectionCounter(emulator: SigmaEmulator) {
	const server = (emulator as unknown as { server: Server }).server;
	let accepted = 0;
	server.on('connection', () => accepted++);
	return {
		/** Connections accepted while `work` ran. */
		async during<T>(work: () => Promise<T>): Promise<{ value: T; connections: number }> {
			const before = accepted;
			const value = await work();
			return { value, connections: accepted - before };
		},
	};
}

/** CPU time (user + system) of this process while `work` ran, in ms. */
export async function cpuMs<T>(work: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
	const start = process.cpuUsage();
	const value = await work();
	const used = process.cpuUsage(start);
	return { value, cpuMs: (used.user + used.system) / 1000 };
}

export interface MemoryPeak {
	/** Highest heapUsed seen, above the heap in use just before the run (after a full GC). */
	heapMb: number;
	/** Highest RSS seen, above the RSS just before the run. */
	rssMb: number;
}

/** Samples heapUsed and RSS every 2 ms while `work` runs. */
export async function memoryPeak<T>(work: () => Promise<T>): Promise<{ value: T } & MemoryPeak> {
	collectGarbage();
	const base = process.memoryUsage();
	let heap = base.heapUsed;
	let rss = base.rss;
	const sample = () => {
		const now = process.memoryUsage();
		heap = Math.max(heap, now.heapUsed);
		rss = Math.max(rss, now.rss);
	};
	const timer = setInterval(sample, 2);
	try {
		const value = await work();
		sample();
		return { value, heapMb: (heap - base.heapUsed) / 2 ** 20, rssMb: (rss - base.rss) / 2 ** 20 };
	} finally {
		clearInterval(timer);
	}
}
