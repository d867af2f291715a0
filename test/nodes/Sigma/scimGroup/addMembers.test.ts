import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import {
	byDisplayName,
	byId,
	byUserName,
	failure,
	node,
	pairing,
	scimQueries,
	scimRequests,
	startRecorder,
} from '../scimUser/helpers';

const addMembers = { resource: 'scimGroup', operation: 'addMembers' };

describe('SCIM group: add members', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 12 });
	});
	afterEach(async () => await sigma.stop());

	const members = () => sigma.emulator.org.members.slice(1, 7);
	const teamIds = (teamId: string) =>
		sigma.emulator.org.teamMembers(teamId).map((membership) => membership.userId);

	const addsOneUserPerItem =
		'adds one user per item with one PATCH of lower-case add, and returns a result per item';
	it(addsOneUserPerItem, async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Fresh' });
		const users = members().slice(0, 3);
		const recorder = await startRecorder(sigma);
		let run;
		try {
			run = await sigma.execute(node, {
				parameters: { ...addMembers, groupId: byId(team.teamId), userId: byId('={{ $json.id }}') },
				items: users.map((member) => ({ id: member.memberId })),
			});
		} finally {
			await recorder.stop();
		}

		expect(run[0].map((item) => item.json)).toEqual(
			users.map((member) => ({ groupId: team.teamId, userId: member.memberId, added: true })),
		);
		expect(pairing(run[0])).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(recorder.recorded).toEqual([
			{
				method: 'PATCH',
				path: `/scim/v2/Groups/${team.teamId}`,
				contentType: 'application/scim+json',
				body: {
					schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
					Operations: [
						{
							op: 'add',
							path: 'members',
							value: users.map((member) => ({ value: member.memberId })),
						},
					],
				},
			},
		]);
		expect(teamIds(team.teamId)).toEqual(users.map((member) => member.memberId));
	});

	it('sends one PATCH per group and keeps the output in input order', async () => {
		const north = sigma.emulator.org.addTeam({ name: 'North' });
		const south = sigma.emulator.org.addTeam({ name: 'South' });
		const users = members();
		const items = users.map((member, index) => ({
			group: index % 2 === 0 ? north.teamId : south.teamId,
			id: member.memberId,
		}));

		const output = await sigma.json(node, {
			parameters: {
				...addMembers,
				groupId: byId('={{ $json.group }}'),
				userId: byId('={{ $json.id }}'),
			},
			items,
		});

		expect(output).toEqual(
			items.map((item) => ({ groupId: item.group, userId: item.id, added: true })),
		);
		expect(scimRequests(sigma)).toEqual([
			`PATCH /scim/v2/Groups/${north.teamId}`,
			`PATCH /scim/v2/Groups/${south.teamId}`,
		]);
		expect(teamIds(south.teamId)).toEqual([
			users[1].memberId,
			users[3].memberId,
			users[5].memberId,
		]);
	});

	const resolvesNamesOnce =
		'resolves a group name once for all its items, and user names from one page of users';
	it(resolvesNamesOnce, async () => {
		const team = sigma.emulator.org.addTeam({ name: 'R&D "Core" \\ Ops' });
		const users = members().slice(0, 3);

		const output = await sigma.json(node, {
			parameters: {
				...addMembers,
				groupId: byDisplayName('r&d "core" \\ ops'),
				userId: byUserName('={{ $json.email }}'),
			},
			items: users.map((member) => ({ email: member.email.toUpperCase() })),
		});

		expect(output).toEqual(
			users.map((member) => ({ groupId: team.teamId, userId: member.memberId, added: true })),
		);
		expect(scimQueries(sigma)).toEqual([
			{
				excludedAttributes: 'members',
				filter: 'displayName eq "r&d \\"core\\" \\\\ ops"',
				startIndex: '1',
				count: '2',
			},
			// The 13 users fit on one page: one list request beats three lookups.
			{ startIndex: '1', count: '1000' },
		]);
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(1);
	});

	it('looks up a single user name with one filtered request', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Fresh' });

		const [member] = members();

		await sigma.json(node, {
			parameters: { ...addMembers, groupId: byId(team.teamId), userId: byUserName(member.email) },
		});

		expect(scimQueries(sigma).map((query) => query.filter)).toEqual([
			`userName eq "${member.email}"`,
		]);
		expect(teamIds(team.teamId)).toEqual([member.memberId]);
	});

	it('with Continue On Fail, fails only the item whose user name has no user', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Fresh' });
		const [first, second] = members();

		const run = await sigma.execute(node, {
			parameters: {
				...addMembers,
				groupId: byId(team.teamId),
				userId: byUserName('={{ $json.email }}'),
			},
			items: [{ email: first.email }, { email: 'nobody@example.com' }, { email: second.email }],
			continueOnFail: true,
		});

		expect(pairing(run[0])).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(run[0][0].json.added).toBe(true);
		expect(run[0][1].json.error).toBe('No SCIM user has the userName "nobody@example.com"');
		expect(run[0][2].json.added).toBe(true);
		expect(teamIds(team.teamId)).toEqual([first.memberId, second.memberId]);
	});

	const retriesRefusedBatchPerItem =
		'when Sigma refuses a batch over one user, sends each item alone so each gets its own result';
	it(retriesRefusedBatchPerItem, async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Fresh' });
		const [first, second] = members();

		const run = await sigma.execute(node, {
			parameters: { ...addMembers, groupId: byId(team.teamId), userId: byId('={{ $json.id }}') },
			items: [{ id: first.memberId }, { id: 'm-unknown' }, { id: second.memberId }],
			continueOnFail: true,
		});

		expect(run[0][0].json).toEqual({ groupId: team.teamId, userId: first.memberId, added: true });
		expect(run[0][1].json.error).toContain(
			'HTTP 400 (invalidValue): Member m-unknown is not found',
		);
		expect(run[0][1].json.description).toContain('Sigma refused to add the user "m-unknown"');
		expect(run[0][2].json).toEqual({ groupId: team.teamId, userId: second.memberId, added: true });
		expect(sigma.emulator.log.filter({ method: 'PATCH' }).map((entry) => entry.status)).toEqual([
			400, 200, 400, 200,
		]);
		expect(teamIds(team.teamId)).toEqual([first.memberId, second.memberId]);
	});

	const failsItemsOfMissingGroup =
		'fails every item of a missing group with its 404, without sending each item alone';
	it(failsItemsOfMissingGroup, async () => {
		const run = await sigma.execute(node, {
			parameters: { ...addMembers, groupId: byId('t-missing'), userId: byId('={{ $json.id }}') },
			items: members()
				.slice(0, 3)
				.map((member) => ({ id: member.memberId })),
			continueOnFail: true,
		});

		for (const item of run[0]) {
			expect(item.json.error).toContain('Sigma SCIM PATCH /Groups/t-missing failed: HTTP 404');
			expect(item.json.description).toContain('No SCIM group has the ID "t-missing"');
		}
		expect(scimRequests(sigma)).toEqual([
			'PATCH /scim/v2/Groups/t-missing',
			'GET /scim/v2/Groups/t-missing',
		]);
	});

	it('without Continue On Fail, an invalid item stops the node before any request', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Fresh' });
		const [first] = members();

		const error = await failure(
			sigma.json(node, {
				parameters: { ...addMembers, groupId: byId(team.teamId), userId: byId('={{ $json.id }}') },
				items: [{ id: first.memberId }, { id: 'two words' }],
			}),
		);

		expect(error.message).toContain('User (userId) "two words" is not an ID');
		expect(sigma.emulator.log.entries).toEqual([]);
	});

	it("without Continue On Fail, stops with the failing item's own error", async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Fresh' });
		const [first] = members();

		const error = await failure(
			sigma.json(node, {
				parameters: { ...addMembers, groupId: byId(team.teamId), userId: byId('={{ $json.id }}') },
				items: [{ id: first.memberId }, { id: 'm-unknown' }],
			}),
		);

		expect(error.message).toContain('HTTP 400 (invalidValue): Member m-unknown is not found');
		expect(error.context).toMatchObject({ itemIndex: 1 });
	});
});

describe('SCIM group: add members at scale', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		sigma = await startSigma({ members: 2499 });
	});
	afterAll(async () => await sigma.stop());
	beforeEach(() => sigma.emulator.log.clear());

	it('adds 2,500 users to one group in 3 PATCH requests of at most 1,000', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Everyone' });
		const items = sigma.emulator.org.members.map((member) => ({ id: member.memberId }));

		const output = await sigma.json(node, {
			parameters: { ...addMembers, groupId: byId(team.teamId), userId: byId('={{ $json.id }}') },
			items,
		});

		expect(output).toHaveLength(2500);
		expect(output.every((result) => result.added === true)).toBe(true);
		expect(scimRequests(sigma)).toEqual(Array(3).fill(`PATCH /scim/v2/Groups/${team.teamId}`));
		expect(sigma.emulator.org.teamMembers(team.teamId)).toHaveLength(2500);
	});

	const resolvesThirtyUserNames =
		'resolves 30 user names by reading the user list, in no more requests than there are pages';
	it(resolvesThirtyUserNames, async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Thirty' });
		const chosen = sigma.emulator.org.members
			.filter((_member, index) => index % 83 === 5)
			.slice(0, 30);

		const output = await sigma.json(node, {
			parameters: {
				...addMembers,
				groupId: byId(team.teamId),
				userId: byUserName('={{ $json.email }}'),
			},
			items: chosen.map((member) => ({ email: member.email })),
		});

		expect(output.map((result) => result.userId)).toEqual(chosen.map((member) => member.memberId));
		const lookups = scimQueries(sigma);
		expect(lookups.length).toBeLessThanOrEqual(3);
		expect(lookups.every((query) => query.filter === undefined)).toBe(true);
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(1);
	});

	it('switches to filtered lookups when fewer names are missing than pages are left', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Late' });
		// Two names on the first page and one on the last: after page 1, one lookup beats two pages.
		const [a, b] = sigma.emulator.org.members.slice(10, 12);
		const late = sigma.emulator.org.members[2400];

		await sigma.json(node, {
			parameters: {
				...addMembers,
				groupId: byId(team.teamId),
				userId: byUserName('={{ $json.email }}'),
			},
			items: [{ email: a.email }, { email: b.email }, { email: late.email }],
		});

		expect(scimQueries(sigma)).toEqual([
			{ startIndex: '1', count: '1000' },
			{ startIndex: '1', count: '2', filter: `userName eq "${late.email}"` },
		]);
		expect(sigma.emulator.org.teamMembers(team.teamId)).toHaveLength(3);
	});
});
