import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { node, scimQueries } from '../scimUser/helpers';

describe('SCIM group: list search', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		sigma = await startSigma({ members: 30, teams: 25 });
	});
	afterAll(async () => await sigma.stop());
	beforeEach(() => sigma.emulator.log.clear());

	const search = (filter?: string, paginationToken?: string) =>
		sigma.runtime.listSearch(node, 'searchScimGroups', {
			parameters: { resource: 'scimGroup', operation: 'get' },
			credentials: sigma.credentials,
			filter,
			paginationToken,
		});

	it('lists groups by name and ID, without asking for their members', async () => {
		const page = await search();

		expect(page.results).toEqual(
			sigma.emulator.org.teams.map((team) => ({ name: team.name, value: team.teamId })),
		);
		expect(page.paginationToken).toBeUndefined();
		expect(scimQueries(sigma)).toEqual([
			{ excludedAttributes: 'members', startIndex: '1', count: '1000' },
		]);
	});

	it('matches the search text anywhere in the name, without case', async () => {
		const page = await search('SALES');

		const expected = sigma.emulator.org.teams.filter((team) => /sales/i.test(team.name));
		expect(page.results.map((result) => result.value)).toEqual(expected.map((team) => team.teamId));
		expect(expected.length).toBeGreaterThan(1);
	});

	it('hands back the next startIndex as the token when the server pages', async () => {
		sigma.emulator.options.maxScimCount = 10;
		try {
			const page = await search('', '11');

			expect(page.results.map((result) => result.value)).toEqual(
				sigma.emulator.org.teams.slice(10).map((team) => team.teamId),
			);
			expect(page.paginationToken).toBeUndefined();
			expect(scimQueries(sigma).map((query) => query.startIndex)).toEqual(['11', '21']);
		} finally {
			sigma.emulator.options.maxScimCount = 1000;
		}
	});
});
