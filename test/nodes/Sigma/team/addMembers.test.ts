import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { deepFreeze, failure, locator, run } from '../member/helpers';

const addMembers = (
	teamId: NodeParameterValueType,
	memberId: NodeParameterValueType = '={{ $json.member }}',
): INodeParameters => ({
	resource: 'team',
	operation: 'addMembers',
	teamId,
	memberId,
});

describe('Team > Add Members', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 1200, seed: 11 });
	});
	afterEach(async () => await sigma.stop());

	const active = () =>
		sigma.emulator.org.members.filter(
			(m) => !m.isArchived && !m.isInactive && m !== sigma.emulator.org.owner,
		);
	const patches = () => sigma.emulator.log.filter({ method: 'PATCH' });

	const addsThreeHundredMembers =
		'adds 300 members, given by ID and by email, with one PATCH and one result per item';
	it(addsThreeHundredMembers, async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Onboarding' });
		const targets = active().slice(0, 300);
		const items = deepFreeze(
			targets.map((m, n) => ({ member: n % 3 === 0 ? m.email.toUpperCase() : m.memberId })),
		);

		const output = await run(sigma, addMembers(locator('id', team.teamId)), items);

		expect(output).toEqual(
			targets.map((m, item) => ({
				json: { teamId: team.teamId, memberId: m.memberId, added: true },
				pairedItem: { item },
			})),
		);
		expect(patches()).toHaveLength(Math.ceil(300 / 1000));
		expect(patches()[0].path).toBe(`/v2/teams/${team.teamId}/members`);
		expect(sigma.emulator.org.teamMembers(team.teamId).map((entry) => entry.userId)).toEqual(
			targets.map((m) => m.memberId),
		);
		// All 300 are on the first page of the member list: one read instead of 300 lookups.
		expect(sigma.emulator.log.count({ method: 'GET', path: '/v2/members' })).toBe(1);
		expect(sigma.emulator.log.count({ method: 'GET', path: /^\/v2\/members\/./ })).toBe(0);
	});

	it('splits more than 1,000 members for one team into PATCHes of at most 1,000', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Everyone' });
		const targets = active().slice(0, 1100);
		expect(targets).toHaveLength(1100);

		const output = await run(
			sigma,
			addMembers(locator('id', team.teamId)),
			targets.map((m) => ({ member: m.memberId })),
		);

		expect(output).toHaveLength(1100);
		expect(patches()).toHaveLength(2);
		expect(sigma.emulator.org.teamMembers(team.teamId)).toHaveLength(1100);
	});

	it('fails only the items whose member is unknown or deactivated, and adds the rest', async () => {
		const org = sigma.emulator.org;
		const team = org.addTeam({ name: 'Finance' });
		const [first, second] = active();
		const archived = org.addMember({ email: 'left@example.com', isArchived: true });
		const inactive = org.addMember({ email: 'idp.off@example.com', isInactive: true });
		const items = [
			{ member: first.email },
			{ member: 'stranger@example.com' },
			{ member: archived.memberId },
			{ member: inactive.email },
			{ member: second.memberId },
		];

		const output = await run(sigma, addMembers(locator('name', 'FINANCE')), items, true);

		expect(output[0].json).toEqual({ teamId: team.teamId, memberId: first.memberId, added: true });
		expect(output[1].json.error).toBe(
			'No member with email "stranger@example.com" exists in this Sigma organization; ' +
				'check the spelling, or create the member first [item 1]',
		);
		expect(output[2].json.error).toBe(
			`Member "left@example.com" (${archived.memberId}) is deactivated, and Sigma cannot add ` +
				'deactivated or SCIM-inactive members to a team; reactivate the member first [item 2]',
		);
		expect(output[3].json.error).toMatch(/is deactivated through SCIM, and Sigma cannot add/);
		expect(output[4].json).toEqual({ teamId: team.teamId, memberId: second.memberId, added: true });
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(patches()).toHaveLength(1);
		expect(org.teamMembers(team.teamId).map((entry) => entry.userId)).toEqual([
			first.memberId,
			second.memberId,
		]);
	});

	it('stops before any PATCH when a member is unknown and Continue On Fail is off', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Strict' });

		const error = await failure(
			run(sigma, addMembers(locator('id', team.teamId)), [
				{ member: active()[0].memberId },
				{ member: 'mNoSuchMember' },
			]),
		);

		expect(error.message).toMatch(/^No member with ID "mNoSuchMember"/);
		expect(patches()).toHaveLength(0);
	});

	it('sends one PATCH per team when items target different teams', async () => {
		const org = sigma.emulator.org;
		const teams = [org.addTeam({ name: 'North' }), org.addTeam({ name: 'South' })];
		const targets = active().slice(0, 20);

		const output = await run(
			sigma,
			addMembers('={{ $json.team }}'),
			targets.map((m, n) => ({ team: teams[n % 2].teamId, member: m.memberId })),
		);

		expect(output.every((item) => item.json.added === true)).toBe(true);
		expect(
			patches()
				.map((entry) => entry.path)
				.sort(),
		).toEqual(teams.map((team) => `/v2/teams/${team.teamId}/members`).sort());
		expect(org.teamMembers(teams[0].teamId)).toHaveLength(10);
		expect(org.teamMembers(teams[1].teamId)).toHaveLength(10);
	});

	it('splits a batch Sigma refuses with 400 until only the item at fault fails', async () => {
		const org = sigma.emulator.org;
		const team = org.addTeam({ name: 'Moving Target' });
		const targets = active().slice(0, 8);
		const leaver = targets[5];
		// The member is deactivated after the node checked them, just as Sigma reads the PATCH.
		const getMember = org.getMember.bind(org);
		org.getMember = (memberId: string) => {
			if (memberId === leaver.memberId && !leaver.isArchived) org.archiveMember(memberId);
			return getMember(memberId);
		};

		const output = await run(
			sigma,
			addMembers(locator('id', team.teamId)),
			targets.map((m) => ({ member: m.memberId })),
			true,
		);

		expect(output[5].json.error).toMatch(
			new RegExp(`HTTP 400 \\(bad_request\\): Member ${leaver.memberId} is inactive`),
		);
		expect(output.filter((item) => item.json.added === true)).toHaveLength(7);
		expect(org.teamMembers(team.teamId)).toHaveLength(7);
		// 8 -> 4 + 4 -> 2 + 2 -> 1 + 1: four refused requests lead to the member at fault.
		expect(
			patches()
				.map((entry) => entry.status)
				.sort(),
		).toEqual([200, 200, 200, 400, 400, 400, 400]);
	});

	it("fails every item of a team Sigma does not know, with Sigma's answer", async () => {
		const targets = active().slice(0, 3);

		const output = await run(
			sigma,
			addMembers(locator('id', 'tGone')),
			targets.map((m) => ({ member: m.memberId })),
			true,
		);

		expect(output.map((item) => item.json.error)).toEqual(
			targets.map(() =>
				expect.stringMatching(/PATCH \/v2\/teams\/tGone\/members failed: HTTP 404/),
			),
		);
		expect(patches()).toHaveLength(1);
	});

	it('reports a team name that does not exist on each of its items', async () => {
		sigma.emulator.org.addTeam({ name: 'Real' });

		const output = await run(
			sigma,
			addMembers(locator('name', 'Imaginary')),
			[{ member: active()[0].memberId }],
			true,
		);

		expect(output[0].json.error).toMatch(/^No team named "Imaginary" exists/);
		expect(patches()).toHaveLength(0);
	});
});
