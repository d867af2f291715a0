import type { SigmaTestbed } from '../harness/sigma';
import { startSigma } from '../harness/sigma';
import { failure, run } from './helpers';

const everyone = {
	resource: 'member',
	operation: 'getAll',
	returnAll: true,
	filters: { includeArchived: true, includeInactive: true },
};
const TOKEN = '/v2/auth/token';

describe('a token endpoint answering 429', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 20 });
	});
	afterEach(async () => await sigma.stop());

	const tokenRequests = () => sigma.emulator.log.filter({ path: TOKEN });

	const waitsPastTokenLimit =
		'waits past the one-request-per-second limit once, then gets its token and the list';
	it(waitsPastTokenLimit, async () => {
		await run(sigma, everyone);
		sigma.emulator.expireTokens();
		sigma.emulator.log.clear();

		const output = await run(sigma, everyone);

		expect(output).toHaveLength(sigma.emulator.org.members.length);
		const [limited, granted] = tokenRequests();
		expect([limited.status, granted.status]).toEqual([429, 200]);
		expect(granted.at - limited.at).toBeGreaterThanOrEqual(1000);
		expect(granted.at - limited.at).toBeLessThan(5000);
		expect(tokenRequests()).toHaveLength(2);
	});

	const givesUpAfterBoundedAttempts =
		'gives up after a bounded number of spaced attempts, with an error that says what to do';
	it(givesUpAfterBoundedAttempts, async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 429, retryAfter: 0 },
			{ match: { path: TOKEN }, times: Infinity },
		);
		const started = Date.now();

		const error = await failure(run(sigma, everyone));

		const attempts = tokenRequests();
		expect(error.message).toMatch(/429 \(rate limited\) after 3 attempts/);
		expect(error.message).toMatch(/one request per second; wait a minute and retry/);
		expect(attempts.length).toBeGreaterThanOrEqual(3);
		expect(attempts.length).toBeLessThanOrEqual(6);
		for (let n = 1; n < attempts.length; n++) {
			expect(attempts[n].at - attempts[n - 1].at).toBeGreaterThanOrEqual(1000);
		}
		expect(Date.now() - started).toBeLessThan(20_000);
		expect(sigma.emulator.log.count({ path: '/v2/members' })).toBe(0);
	});
});
