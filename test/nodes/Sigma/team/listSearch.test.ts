import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { node } from '../member/helpers';

describe('Team list search', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 20, teams: 20 });
	});
	afterEach(async () => await sigma.stop());

	const search = (filter?: string, paginationToken?: string) =>
		sigma.runtime.listSearch(node, 'searchTeams', {
			parameters: { resource: 'team', operation: 'get' },
			credentials: { sigmaApi: sigma.credentials.sigmaApi },
			filter,
			paginationToken,
		});

	it('lists every team by name with its ID', async () => {
		const result = await search();

		expect(result.results).toEqual(
			sigma.emulator.org.teams.map((team) => ({ name: team.name, value: team.teamId })),
		);
		expect(result.paginationToken).toBeUndefined();
	});

	it('matches part of a name, case-insensitively', async () => {
		const result = await search('SALES');

		expect(result.results.map((entry) => entry.name)).toEqual(
			sigma.emulator.org.teams.map((team) => team.name).filter((name) => name.includes('Sales')),
		);
		expect(result.results.length).toBeGreaterThan(1);
	});
});
