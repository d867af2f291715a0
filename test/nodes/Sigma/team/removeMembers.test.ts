import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { locator, run } from '../member/helpers';

describe('Team > Remove Members', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 30 });
	});
	afterEach(async () => await sigma.stop());

	it('removes the members of the items in one PATCH and keeps the others', async () => {
		const org = sigma.emulator.org;
		const members = org.members.filter((m) => !m.isArchived && !m.isInactive).slice(0, 6);
		const team = org.addTeam({ name: 'Shrinking', members: members.map((m) => m.memberId) });

		const output = await run(
			sigma,
			{
				resource: 'team',
				operation: 'removeMembers',
				teamId: locator('list', team.teamId),
				memberId: '={{ $json.email }}',
			},
			members.slice(0, 4).map((m) => ({ email: m.email })),
		);

		expect(output.map((item) => item.json)).toEqual(
			members
				.slice(0, 4)
				.map((m) => ({ teamId: team.teamId, memberId: m.memberId, removed: true })),
		);
		expect(org.teamMembers(team.teamId).map((entry) => entry.userId)).toEqual(
			members.slice(4).map((m) => m.memberId),
		);
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(1);
	});

	it('explains that Sigma cannot remove a deactivated member', async () => {
		const org = sigma.emulator.org;
		const member = org.members.find((m) => !m.isArchived && !m.isInactive && m !== org.owner)!;
		const team = org.addTeam({ name: 'Stuck', members: [member.memberId] });
		org.archiveMember(member.memberId);

		const output = await run(
			sigma,
			{
				resource: 'team',
				operation: 'removeMembers',
				teamId: locator('id', team.teamId),
				memberId: locator('id', member.memberId),
			},
			undefined,
			true,
		);

		expect(output[0].json.error).toMatch(
			/Sigma cannot remove deactivated or SCIM-inactive members from a team/,
		);
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(0);
	});
});
