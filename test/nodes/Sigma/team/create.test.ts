import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, run } from '../member/helpers';

describe('Team > Create', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 10 });
	});
	afterEach(async () => await sigma.stop());

	it('creates a team with its first members given by ID and by email', async () => {
		const org = sigma.emulator.org;
		const [a, b] = org.members.filter((m) => !m.isArchived && !m.isInactive && m !== org.owner);

		const output = await run(sigma, {
			resource: 'team',
			operation: 'create',
			name: 'Analysts',
			additionalFields: {
				description: 'People who analyse',
				visibility: 'public',
				members: `${a.memberId}, ${b.email.toUpperCase()}`,
			},
		});

		const team = org.findTeamByName('Analysts')!;
		expect(team).toMatchObject({ description: 'People who analyse', visibility: 'public' });
		expect(output[0].json).toMatchObject({
			teamId: team.teamId,
			name: 'Analysts',
			members: [a.memberId, b.memberId],
		});
		expect(org.teamMembers(team.teamId).map((entry) => entry.userId)).toEqual([
			a.memberId,
			b.memberId,
		]);
		expect(sigma.emulator.log.count({ method: 'POST', path: '/v2/teams' })).toBe(1);
	});

	it("fails an item whose name is taken with Sigma's 409, and creates the others", async () => {
		sigma.emulator.org.addTeam({ name: 'Finance' });

		const output = await run(
			sigma,
			{ resource: 'team', operation: 'create', name: '={{ $json.name }}' },
			[{ name: 'finance' }, { name: 'Legal' }],
			true,
		);

		expect(output[0].json.error).toMatch(/POST \/v2\/teams failed: HTTP 409/);
		expect(output[1].json.name).toBe('Legal');
	});

	it('requires a name before sending anything', async () => {
		const error = await failure(run(sigma, { resource: 'team', operation: 'create', name: '' }));

		expect(error.message).toBe('Name is empty; enter a value or map one from the input [item 0]');
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});
});
