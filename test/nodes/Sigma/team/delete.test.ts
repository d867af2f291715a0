import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { locator, run } from '../member/helpers';

describe('Team > Delete', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 5 });
	});
	afterEach(async () => await sigma.stop());

	it('deletes the team and says so', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Temporary' });

		const output = await run(sigma, {
			resource: 'team',
			operation: 'delete',
			teamId: locator('id', team.teamId),
		});

		expect(output).toEqual([
			{ json: { teamId: team.teamId, deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(sigma.emulator.org.getTeam(team.teamId)).toBeUndefined();
		expect(sigma.emulator.log.count({ method: 'DELETE', path: `/v2/teams/${team.teamId}` })).toBe(
			1,
		);
	});

	it("reports Sigma's 404 for a team that does not exist, on that item only", async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Kept' });

		const output = await run(
			sigma,
			{ resource: 'team', operation: 'delete', teamId: '={{ $json.id }}' },
			[{ id: 'tMissing' }, { id: team.teamId }],
			true,
		);

		expect(output[0].json.error).toMatch(/DELETE \/v2\/teams\/tMissing failed: HTTP 404/);
		expect(output[1].json).toEqual({ teamId: team.teamId, deleted: true });
	});
});
