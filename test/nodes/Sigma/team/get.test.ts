import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { locator, run } from '../member/helpers';

describe('Team > Get', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 40, teams: 6 });
	});
	afterEach(async () => await sigma.stop());

	it('reads a team by ID, with the IDs of its members', async () => {
		const team = sigma.emulator.org.teams[2];

		const output = await run(sigma, {
			resource: 'team',
			operation: 'get',
			teamId: locator('id', team.teamId),
		});

		expect(output).toEqual([
			{
				json: {
					...team,
					members: sigma.emulator.org.teamMembers(team.teamId).map((entry) => entry.userId),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	const findsTeamByName =
		'finds a team by name, case-insensitively, reading the team list once for many items';
	it(findsTeamByName, async () => {
		const teams = sigma.emulator.org.teams;

		const output = await run(
			sigma,
			{ resource: 'team', operation: 'get', teamId: locator('name', '={{ $json.name }}') },
			teams.map((team) => ({ name: team.name.toUpperCase() })),
		);

		expect(output.map((item) => item.json.teamId)).toEqual(teams.map((team) => team.teamId));
		expect(sigma.emulator.log.count({ method: 'GET', path: '/v2/teams' })).toBe(1);
	});
});
