import type { INodeExecutionData } from 'n8n-workflow';

import type { Fault, LogEntry } from '../emulator';
import type { SigmaTestbed } from '../harness/sigma';
import { startSigma } from '../harness/sigma';
import {
	BAD_GATEWAY,
	BARE_RATE_LIMIT,
	DROPPED,
	LOST,
	RATE_LIMITED,
	repeated,
	reportFigure,
	run,
	seedFor,
	soakScale,
	UNAVAILABLE,
	withSeed,
} from './helpers';

/** 4,999 generated members and the owner. */
const ORG_SIZE = 5000;
const ATTEMPTS = 5;

const everyone = {
	resource: 'member',
	operation: 'getAll',
	returnAll: true,
	filters: { includeArchived: true, includeInactive: true },
	simplify: true,
};
const everyUser = { resource: 'scimUser', operation: 'getAll', returnAll: true, simplify: true };

/**
 * Mostly 429s that may be retried at once, so that a run takes seconds; the 5xx and dropped
 * connections wait out the transport's real backoff.
 */
const STORM: Fault[] = [
	RATE_LIMITED,
	RATE_LIMITED,
	RATE_LIMITED,
	RATE_LIMITED,
	BAD_GATEWAY,
	UNAVAILABLE,
	DROPPED,
	LOST,
];

describe('Get Many of 5,000 members under faults', () => {
	let sigma: SigmaTestbed;
	const faultsInjected: number[] = [];

	beforeAll(async () => {
		sigma = await startSigma({ members: ORG_SIZE - 1, tokenRateLimit: false });
	});
	afterAll(async () => {
		await sigma.stop();
		reportFigure(
			'Get Many faults injected',
			faultsInjected.reduce((a, b) => a + b, 0),
		);
	});
	beforeEach(() => {
		sigma.emulator.faults.clear();
		sigma.emulator.log.clear();
	});

	const memberIds = () => sigma.emulator.org.members.map((member) => member.memberId).sort();
	const pageRequests = (path: string) =>
		sigma.emulator.log.filter({ method: 'GET', path }).filter((entry) => entry.api !== 'token');
	const faulted = (entries: LogEntry[]) => entries.filter((entry) => entry.fault !== undefined);

	/**
	 * Either every member exactly once, or an error that says the attempts ran out, with the log
	 * showing that one page really failed that many times in a row. Never a shorter list.
	 */
	const expectAllOrClearError = async (
		parameters: typeof everyone | typeof everyUser,
		path: string,
		idOf: (item: INodeExecutionData) => string,
	): Promise<'complete' | 'failed'> => {
		let output: INodeExecutionData[] | undefined;
		let error: (Error & { description?: unknown }) | undefined;
		try {
			output = await run(sigma, parameters);
		} catch (thrown) {
			error = thrown as Error;
		}
		const requests = pageRequests(path);
		faultsInjected.push(faulted(requests).length);

		if (output) {
			const ids = output.map(idOf);
			expect(repeated(ids)).toEqual([]);
			expect(ids.sort()).toEqual(memberIds());
			return 'complete';
		}
		expect(error?.message).toMatch(
			new RegExp(
				`^Sigma (SCIM )?GET ${path.replace('/scim/v2', '')} failed after ${ATTEMPTS} attempts: `,
			),
		);
		expect(String(error?.description)).toMatch(/later|concurrency/);
		const last = requests.slice(-ATTEMPTS);
		expect(last.every((entry) => entry.fault !== undefined)).toBe(true);
		expect(new Set(last.map((entry) => JSON.stringify(entry.query))).size).toBe(1);
		return 'failed';
	};

	const returnsEveryMemberOnce =
		'returns every member exactly once, or fails clearly, ' +
		'under seeded random 429, 502, 503 and dropped connections';
	it(returnsEveryMemberOnce, async () => {
		const outcomes: string[] = [];
		const before = faultsInjected.length;
		const runs = 6 * soakScale();
		for (let n = 0; n < runs; n++) {
			const seed = seedFor(1000 + n);
			sigma.emulator.log.clear();
			sigma.emulator.faults.random({
				probability: 0.4,
				kinds: STORM,
				seed,
				match: { method: 'GET', path: '/v2/members' },
			});
			outcomes.push(
				await withSeed(seed, async () => {
					return await expectAllOrClearError(
						everyone,
						'/v2/members',
						(item) => item.json.memberId as string,
					);
				}),
			);
		}
		expect(outcomes).toContain('complete');
		reportFigure('Get Many storm runs', outcomes.length);
		reportFigure('Get Many storm runs complete', outcomes.filter((o) => o === 'complete').length);
		const injected = faultsInjected.slice(before).reduce((total, count) => total + count, 0);
		expect(injected).toBeGreaterThanOrEqual(runs);
	});

	const failsClearlyPastAttemptBound =
		'fails with a clear error, and returns no partial list, ' +
		'when one page keeps failing past the attempt bound';
	it(failsClearlyPastAttemptBound, async () => {
		const log = sigma.emulator.log;
		const record = log.record.bind(log);
		let pages = 0;
		// Once two pages were served, the third fails on every attempt.
		const spy = jest.spyOn(log, 'record').mockImplementation((entry: LogEntry) => {
			record(entry);
			if (entry.path === '/v2/members' && !entry.fault && ++pages === 2) {
				sigma.emulator.faults.inject(RATE_LIMITED, {
					match: { path: '/v2/members' },
					times: ATTEMPTS,
				});
			}
		});
		try {
			expect(await expectAllOrClearError(everyone, '/v2/members', () => '')).toBe('failed');

			sigma.emulator.log.clear();
			pages = 0;
			const output = await run(sigma, everyone, undefined, true);
			expect(output).toEqual([
				{
					json: expect.objectContaining({ error: expect.stringMatching(/after 5 attempts/) }),
					pairedItem: { item: 0 },
				},
			]);
		} finally {
			spy.mockRestore();
		}
	});

	const waitsAfterBare429 =
		'waits at least 2 s after a 429 without Retry-After ' +
		'on a later page, then returns every member once';
	it(waitsAfterBare429, async () => {
		const log = sigma.emulator.log;
		const record = log.record.bind(log);
		let pages = 0;
		const spy = jest.spyOn(log, 'record').mockImplementation((entry: LogEntry) => {
			record(entry);
			if (entry.path === '/v2/members' && ++pages === 3) {
				sigma.emulator.faults.inject(BARE_RATE_LIMIT, { match: { path: '/v2/members' } });
			}
		});
		try {
			const idOf = (item: INodeExecutionData) => item.json.memberId as string;
			expect(await expectAllOrClearError(everyone, '/v2/members', idOf)).toBe('complete');
		} finally {
			spy.mockRestore();
		}

		const requests = pageRequests('/v2/members');
		const [limited, retried] = requests.slice(3, 5);
		expect(requests.map((entry) => entry.status)).toEqual([200, 200, 200, 429, 200, 200]);
		expect(retried.at - limited.at).toBeGreaterThanOrEqual(2000);
		expect(retried.query).toEqual(limited.query);
	});

	it('returns every SCIM user exactly once, or fails clearly, under a seeded storm', async () => {
		const seed = seedFor(2000);
		sigma.emulator.faults.random({
			probability: 0.35,
			kinds: STORM,
			seed,
			match: { method: 'GET', path: '/scim/v2/Users' },
		});

		const outcome = await withSeed(seed, () =>
			expectAllOrClearError(everyUser, '/scim/v2/Users', (item) => item.json.id as string),
		);

		expect(outcome).toBe('complete');
		expect(faulted(pageRequests('/scim/v2/Users')).length).toBeGreaterThan(0);
	});
});
