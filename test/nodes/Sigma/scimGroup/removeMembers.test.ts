import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { byId, byUserName, node, pairing, scimRequests, startRecorder } from '../scimUser/helpers';

describe('SCIM group: remove members', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 8 });
	});
	afterEach(async () => await sigma.stop());

	const team = (name: string, count: number) => {
		const members = sigma.emulator.org.members.slice(1, 1 + count);
		const created = sigma.emulator.org.addTeam({ name });
		sigma.emulator.org.addTeamMembers(
			created.teamId,
			members.map((m) => m.memberId),
			{ requireActive: false },
		);
		return { teamId: created.teamId, members };
	};
	const teamIds = (teamId: string) =>
		sigma.emulator.org.teamMembers(teamId).map((membership) => membership.userId);

	const removesOneUserPerItem =
		'removes one user per item with one PATCH of remove operations on members[value eq "…"]';
	it(removesOneUserPerItem, async () => {
		const { teamId, members } = team('Leaving', 4);
		const leaving = [members[0], members[2]];
		const recorder = await startRecorder(sigma);
		let run;
		try {
			run = await sigma.execute(node, {
				parameters: {
					resource: 'scimGroup',
					operation: 'removeMembers',
					groupId: byId(teamId),
					userId: byId('={{ $json.id }}'),
				},
				items: leaving.map((member) => ({ id: member.memberId })),
			});
		} finally {
			await recorder.stop();
		}

		expect(run[0].map((item) => item.json)).toEqual(
			leaving.map((member) => ({ groupId: teamId, userId: member.memberId, removed: true })),
		);
		expect(pairing(run[0])).toEqual([{ item: 0 }, { item: 1 }]);
		expect(recorder.recorded.map((request) => request.body)).toEqual([
			{
				schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
				Operations: leaving.map((member) => ({
					op: 'remove',
					path: `members[value eq "${member.memberId}"]`,
				})),
			},
		]);
		expect(teamIds(teamId)).toEqual([members[1].memberId, members[3].memberId]);
	});

	it('removes a user found by user name from a group picked by ID', async () => {
		const { teamId, members } = team('Small', 2);

		const output = await sigma.json(node, {
			parameters: {
				resource: 'scimGroup',
				operation: 'removeMembers',
				groupId: byId(teamId),
				userId: byUserName(members[1].email),
			},
		});

		expect(output).toEqual([{ groupId: teamId, userId: members[1].memberId, removed: true }]);
		expect(scimRequests(sigma)).toEqual(['GET /scim/v2/Users', `PATCH /scim/v2/Groups/${teamId}`]);
		expect(teamIds(teamId)).toEqual([members[0].memberId]);
	});
});
