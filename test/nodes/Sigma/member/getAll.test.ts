import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, restRequests, run } from './helpers';

describe('Member > Get Many', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 2400, seed: 7 });
	});
	afterEach(async () => await sigma.stop());

	const visible = () =>
		sigma.emulator.org.members.filter((member) => !member.isArchived && !member.isInactive);

	it('returns every active member with Return All, paging at the largest page size', async () => {
		const output = await run(sigma, { resource: 'member', operation: 'getAll', returnAll: true });

		expect(output.map((item) => item.json.memberId)).toEqual(visible().map((m) => m.memberId));
		expect(output.every((item) => item.pairedItem !== undefined)).toBe(true);
		const pages = restRequests(sigma);
		expect(pages).toHaveLength(3);
		expect(pages.map((entry) => entry.query.limit)).toEqual(['1000', '1000', '1000']);
		expect(pages[0].query.page).toBeUndefined();
		expect(pages[1].query.page).toEqual(expect.any(String));
	});

	it('stops at the limit without reading further pages', async () => {
		const output = await run(sigma, { resource: 'member', operation: 'getAll', limit: 5 });

		expect(output.map((item) => item.json.memberId)).toEqual(
			visible()
				.slice(0, 5)
				.map((m) => m.memberId),
		);
		expect(restRequests(sigma).map((entry) => entry.query)).toEqual([{ limit: '5' }]);
	});

	it('includes deactivated and SCIM-inactive members when the filters ask for them', async () => {
		const output = await run(sigma, {
			resource: 'member',
			operation: 'getAll',
			returnAll: true,
			filters: { includeArchived: true, includeInactive: true },
		});

		expect(output).toHaveLength(sigma.emulator.org.members.length);
		expect(output.some((item) => item.json.isArchived === true)).toBe(true);
		expect(output.some((item) => item.json.isInactive === true)).toBe(true);
		expect(restRequests(sigma)[0].query).toMatchObject({
			includeArchived: 'true',
			includeInactive: 'true',
		});
	});

	it("passes Search to Sigma's search and Email to its email filter", async () => {
		const target = visible()[42];

		const searched = await run(sigma, {
			resource: 'member',
			operation: 'getAll',
			returnAll: true,
			filters: { search: target.lastName.toLowerCase() },
		});
		const byEmail = await run(sigma, {
			resource: 'member',
			operation: 'getAll',
			returnAll: true,
			filters: { email: target.email.toUpperCase() },
			simplify: false,
		});

		expect(searched.length).toBeGreaterThan(0);
		expect(searched.every((item) => item.json.lastName === target.lastName)).toBe(true);
		expect(byEmail.map((item) => item.json)).toEqual([target]);
		expect(restRequests(sigma).map((entry) => entry.query)).toEqual([
			{ limit: '1000', search: target.lastName.toLowerCase() },
			{ limit: '1000', email: target.email.toUpperCase() },
		]);
	});

	it('refuses Email and Search together before sending anything', async () => {
		const error = await failure(
			run(sigma, {
				resource: 'member',
				operation: 'getAll',
				filters: { email: 'a@example.com', search: 'a' },
			}),
		);

		expect(error.message).toMatch(/Email and Search cannot be combined/);
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});
});
