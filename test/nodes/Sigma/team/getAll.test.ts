import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { run } from '../member/helpers';

describe('Team > Get Many', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 10, teams: 18 });
	});
	afterEach(async () => await sigma.stop());

	it('returns teams up to the limit, or all of them', async () => {
		const teams = sigma.emulator.org.teams;

		const some = await run(sigma, { resource: 'team', operation: 'getAll', limit: 4 });
		const all = await run(sigma, { resource: 'team', operation: 'getAll', returnAll: true });

		expect(some.map((item) => item.json)).toEqual(teams.slice(0, 4));
		expect(all.map((item) => item.json.teamId)).toEqual(teams.map((team) => team.teamId));
		expect(sigma.emulator.log.filter({ path: '/v2/teams' }).map((entry) => entry.query)).toEqual([
			{ limit: '4' },
			{ limit: '1000' },
		]);
	});

	it("passes the filters to Sigma's name and visibility filters", async () => {
		const output = await run(sigma, {
			resource: 'team',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'sales', visibility: 'public' },
		});

		const expected = sigma.emulator.org.teams.filter(
			(team) => team.name.toLowerCase().includes('sales') && team.visibility === 'public',
		);
		expect(output.map((item) => item.json.teamId)).toEqual(expected.map((team) => team.teamId));
		expect(sigma.emulator.log.filter({ path: '/v2/teams' })[0].query).toEqual({
			limit: '1000',
			name: 'sales',
			visibility: 'public',
		});
	});
});
