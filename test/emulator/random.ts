export type Random = () => number;

/** mulberry32: tiny, fast and good enough for test data; the same seed gives the same stream. */
export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function randomInt(random: Random, maxExclusive: number): number {
	return Math.floor(random() * maxExclusive);
}

const FIVE_CHARS = 36 ** 5;

/** Opaque Sigma-like identifier: a one-letter prefix and 10 lower-case base-36 characters. */
export function randomId(random: Random, prefix: string): string {
	const high = Math.floor(random() * FIVE_CHARS).toString(36);
	const low = Math.floor(random() * FIVE_CHARS).toString(36);
	return prefix + high.padStart(5, '0') + low.padStart(5, '0');
}
