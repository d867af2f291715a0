/**
 * Peak memory of one Get Many side, in a fresh process so no earlier run has grown the heap:
 * `node build/bench/memoryProbe.js <node|bare> <members> <latency>` prints one JSON line.
 */
import type { GetManySide } from './getMany';
import { getManySide, startGetManyOrg } from './getMany';
import { memoryPeak } from './measure';

async function main(): Promise<void> {
	const [side, members, latency] = process.argv.slice(2);
	const sigma = await startGetManyOrg(Number(members), Number(latency));
	try {
		// No warm-up: it would leave the heap grown, and the RSS of the measured run flat.
		const peak = await memoryPeak(getManySide(sigma, side as GetManySide));
		process.stdout.write(
			`${JSON.stringify({ side, listed: peak.value, heapMb: peak.heapMb, rssMb: peak.rssMb })}\n`,
		);
	} finally {
		await sigma.stop();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
	process.exitCode = 1;
});
