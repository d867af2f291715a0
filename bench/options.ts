import { MAX_CONCURRENCY } from '../nodes/Sigma/shared/descriptions';

/** The command line of `npm run bench`; every flag has a default that keeps the run short. */
export interface BenchOptions {
	/** Emulated latency of every request in the Get Many, Team and Tokens benchmarks, in ms. */
	latency: number;
	/** Emulated latency of the bulk create benchmark, in ms. */
	createLatency: number;
	/** Org sizes for Get Many. */
	sizes: number[];
	/** Measured rounds per Get Many size (after one warm-up round), by size. */
	rounds: (size: number) => number;
	/** Members created per bulk create run. */
	createItems: number;
	/** The bounded-concurrency setting compared in bulk create. */
	concurrency: number;
	/** Measured rounds of the sequential (concurrency 1) bulk create, slow by nature. */
	sequentialRounds: number;
	/** Measured rounds of the concurrent bulk create. */
	concurrentRounds: number;
	/** Measured rounds of Team > Add Members. */
	teamRounds: number;
	/** Org size and items of the Team > Add Members benchmark. */
	teamOrg: number;
	teamItems: number;
	/** Executions in the token benchmark. */
	executions: number;
	/** Trigger sizes (passed on to the trigger benchmark). */
	triggerSizes: number[];
	/** Benchmarks to run, by name; all when empty. */
	only: string[];
}

export const BENCHMARKS = ['getMany', 'create', 'team', 'tokens', 'trigger', 'sync'] as const;

const HELP = `Usage: node build/bench/run.js [flags]
  --latency <ms>            emulated latency for Get Many, Team and Tokens (default 20)
  --create-latency <ms>     emulated latency for bulk create (default 50)
  --sizes <n,n,...>         Get Many org sizes (default 1000,10000,100000)
  --rounds <n>              measured rounds per Get Many size (default: 31, 9, 3 by size)
  --create-items <n>        members per bulk create run (default 1000)
  --concurrency <n>         bounded concurrency compared in bulk create, 2 to 10 (default 10)
  --sequential-rounds <n>   measured rounds at concurrency 1 (default 1)
  --concurrent-rounds <n>   measured rounds at the bounded concurrency (default 3)
  --team-rounds <n>         measured rounds of Team > Add Members (default 5)
  --team-org <n>            org size for Team > Add Members (default 10000)
  --team-items <n>          members added to one team (default 1000)
  --executions <n>          executions in the token benchmark (default 100)
  --trigger-sizes <n,...>   Sigma Trigger org sizes (default 10000,100000)
  --only <name,...>         ${BENCHMARKS.join(', ')}
`;

function count(flag: string, text: string | undefined, min = 1): number {
	const value = Number(text);
	if (text === undefined || !Number.isInteger(value) || value < min) {
		throw new Error(`${flag} needs a whole number of at least ${min}, not ${text ?? 'nothing'}`);
	}
	return value;
}

function counts(flag: string, text: string | undefined): number[] {
	return (text ?? '').split(',').map((part) => count(flag, part.trim()));
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
	let rounds: number | undefined;
	const options: BenchOptions = {
		latency: 20,
		createLatency: 50,
		sizes: [1_000, 10_000, 100_000],
		rounds: (size) => rounds ?? (size >= 100_000 ? 3 : size >= 10_000 ? 9 : 31),
		createItems: 1_000,
		concurrency: 10,
		sequentialRounds: 1,
		concurrentRounds: 3,
		teamRounds: 5,
		teamOrg: 10_000,
		teamItems: 1_000,
		executions: 100,
		triggerSizes: [10_000, 100_000],
		only: [],
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = argv[i + 1];
		const take = () => {
			i++;
			return value;
		};
		switch (flag) {
			case '--help':
			case '-h':
				return 'help';
			case '--latency':
				options.latency = count(flag, take(), 0);
				break;
			case '--create-latency':
				options.createLatency = count(flag, take(), 0);
				break;
			case '--sizes':
				options.sizes = counts(flag, take());
				break;
			case '--rounds':
				rounds = count(flag, take());
				break;
			case '--create-items':
				options.createItems = count(flag, take());
				break;
			case '--concurrency':
				options.concurrency = count(flag, take());
				break;
			case '--sequential-rounds':
				options.sequentialRounds = count(flag, take());
				break;
			case '--concurrent-rounds':
				options.concurrentRounds = count(flag, take());
				break;
			case '--team-rounds':
				options.teamRounds = count(flag, take());
				break;
			case '--team-org':
				options.teamOrg = count(flag, take());
				break;
			case '--team-items':
				options.teamItems = count(flag, take());
				break;
			case '--executions':
				options.executions = count(flag, take());
				break;
			case '--trigger-sizes':
				options.triggerSizes = counts(flag, take());
				break;
			case '--only':
				options.only = (take() ?? '').split(',').map((name) => name.trim());
				for (const name of options.only) {
					if (!(BENCHMARKS as readonly string[]).includes(name)) {
						throw new Error(`--only: unknown benchmark "${name}"; use ${BENCHMARKS.join(', ')}`);
					}
				}
				break;
			default:
				throw new Error(`Unknown flag ${flag}\n${HELP}`);
		}
	}
	if (options.concurrency < 2 || options.concurrency > MAX_CONCURRENCY) {
		throw new Error(
			`--concurrency must be from 2 to ${MAX_CONCURRENCY}, ` +
				"the range of the node's Concurrency option",
		);
	}
	if (options.teamItems > options.teamOrg) {
		throw new Error('--team-items cannot exceed --team-org: the members must exist');
	}
	return options;
}

export { HELP };
