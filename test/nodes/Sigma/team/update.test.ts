import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, locator, run } from '../member/helpers';

describe('Team > Update', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 5 });
	});
	afterEach(async () => await sigma.stop());

	it('renames a team found by name and clears its description', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Sales', description: 'Old text' });

		const output = await run(sigma, {
			resource: 'team',
			operation: 'update',
			teamId: locator('name', 'sales'),
			updateFields: { name: 'Sales EMEA', description: '', visibility: 'public' },
		});

		expect(sigma.emulator.org.getTeam(team.teamId)).toMatchObject({
			name: 'Sales EMEA',
			description: '',
			visibility: 'public',
		});
		expect(output[0].json).toEqual(sigma.emulator.org.getTeam(team.teamId));
		expect(sigma.emulator.log.count({ method: 'PATCH', path: `/v2/teams/${team.teamId}` })).toBe(1);
	});

	it('refuses an empty Update Fields before sending anything', async () => {
		const error = await failure(
			run(sigma, {
				resource: 'team',
				operation: 'update',
				teamId: locator('id', 'tAny'),
				updateFields: {},
			}),
		);

		expect(error.message).toMatch(/^Update Fields is empty/);
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});
});
