import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { locator, restRequests, run } from './helpers';

describe('Member > Get Teams', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 10 });
		for (let n = 0; n < 5; n++) sigma.emulator.org.addTeam({ name: `Team ${n}` });
	});
	afterEach(async () => await sigma.stop());

	it("lists a member's teams, found by email, up to the limit", async () => {
		const org = sigma.emulator.org;
		const member = org.members.find((m) => !m.isArchived && !m.isInactive && m !== org.owner)!;
		for (const team of org.teams) org.addTeamMembers(team.teamId, [member.memberId]);

		const limited = await run(sigma, {
			resource: 'member',
			operation: 'getTeams',
			memberId: locator('email', member.email),
			limit: 3,
		});
		const all = await run(sigma, {
			resource: 'member',
			operation: 'getTeams',
			memberId: locator('id', member.memberId),
			returnAll: true,
		});

		expect(limited.map((item) => item.json.name)).toEqual(['Team 0', 'Team 1', 'Team 2']);
		expect(all.map((item) => item.json.teamId)).toEqual(org.teams.map((team) => team.teamId));
		const teamReads = restRequests(sigma).filter((entry) => entry.path.endsWith('/teams'));
		expect(teamReads.map((entry) => [entry.path, entry.query.limit])).toEqual([
			[`/v2/members/${member.memberId}/teams`, '3'],
			[`/v2/members/${member.memberId}/teams`, '1000'],
		]);
	});
});
