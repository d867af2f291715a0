import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { locator, run } from '../member/helpers';

describe('Team > Get Members', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 1500, seed: 5 });
	});
	afterEach(async () => await sigma.stop());

	it("returns the team's members with Sigma's userId named memberId, across pages", async () => {
		const org = sigma.emulator.org;
		const ids = org.members
			.filter((m) => !m.isArchived && !m.isInactive)
			.slice(0, 1200)
			.map((m) => m.memberId);
		const team = org.addTeam({ name: 'Large', members: ids, teamAdmins: [ids[0]] });

		const output = await run(sigma, {
			resource: 'team',
			operation: 'getMembers',
			teamId: locator('id', team.teamId),
			returnAll: true,
		});

		expect(output).toHaveLength(1200);
		expect(output[0].json).toEqual({
			memberId: ids[0],
			teamId: team.teamId,
			isTeamAdmin: true,
			addedBy: org.owner.memberId,
		});
		expect(output.map((item) => item.json.memberId)).toEqual(ids);
		expect(output.some((item) => 'userId' in item.json)).toBe(false);
		expect(sigma.emulator.log.count({ path: `/v2/teams/${team.teamId}/members` })).toBe(2);
	});

	it('stops at the limit', async () => {
		const ids = sigma.emulator.org.members
			.slice(1, 30)
			.filter((m) => !m.isArchived && !m.isInactive);
		const team = sigma.emulator.org.addTeam({ name: 'Small', members: ids.map((m) => m.memberId) });

		const output = await run(sigma, {
			resource: 'team',
			operation: 'getMembers',
			teamId: locator('id', team.teamId),
			limit: 3,
		});

		expect(output.map((item) => item.json.memberId)).toEqual(
			ids.slice(0, 3).map((m) => m.memberId),
		);
		expect(
			sigma.emulator.log.filter({ path: `/v2/teams/${team.teamId}/members` })[0].query,
		).toEqual({
			limit: '3',
		});
	});
});
