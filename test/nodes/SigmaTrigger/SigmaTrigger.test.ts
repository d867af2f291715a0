import type { IDataObject, INodeParameters, WorkflowExecuteMode } from 'n8n-workflow';

import { SigmaTrigger } from '../../../nodes/SigmaTrigger/SigmaTrigger.node';
import { decodeSnapshot } from '../../../nodes/SigmaTrigger/snapshot';
import type { LogEntry, Member } from '../../emulator';
import type { SigmaTestbed } from '../../harness/sigma';
import { startSigma } from '../../harness/sigma';

const trigger = new SigmaTrigger();
const ALL_EVENTS = ['memberAdded', 'memberChanged', 'memberRemoved'];

describe('Sigma Trigger polling the emulator', () => {
	let sigma: SigmaTestbed;
	let staticData: IDataObject;

	const start = async (members: number, teams = 0) => {
		sigma = await startSigma({ members, teams });
		// n8n keeps the workflow's static data between polls; one object per test plays that part.
		staticData = {};
	};
	afterEach(async () => {
		jest.restoreAllMocks();
		await sigma?.stop();
	});

	const poll = async (
		options: IDataObject = {},
		mode?: WorkflowExecuteMode,
		events = ALL_EVENTS,
	) => {
		const parameters = { events, options } as INodeParameters;
		const run = await sigma.runtime.poll(trigger, {
			parameters,
			credentials: sigma.credentials,
			staticData,
			mode,
		});
		return run.output === null ? null : run.output[0].map((item) => item.json);
	};

	const org = () => sigma.emulator.org;
	const active = () => org().members.filter((m) => !m.isArchived && !m.isInactive);
	const generated = () => active().filter((m) => m !== org().owner);
	const memberPages = () => sigma.emulator.log.count({ method: 'GET', path: '/v2/members' });
	const memberReads = () =>
		sigma.emulator.log.count({ method: 'GET', path: /^\/v2\/members\/[^/]+$/ });
	const saved = () => JSON.stringify(staticData);
	const storedList = () =>
		decodeSnapshot((staticData['node:Sigma Trigger'] as IDataObject | undefined)?.members);

	/** Runs `actions[n]` right after the emulator has answered the nth page of the member list. */
	const onMemberPages = (actions: Record<number, () => void>) => {
		const log = sigma.emulator.log;
		const record = log.record.bind(log);
		let pages = 0;
		jest.spyOn(log, 'record').mockImplementation((entry: LogEntry) => {
			record(entry);
			if (entry.method === 'GET' && entry.path === '/v2/members') actions[++pages]?.();
		});
	};

	it('records a baseline on the first poll and emits nothing', async () => {
		await start(30);

		expect(await poll()).toBeNull();

		expect(Object.keys(staticData)).toEqual(['node:Sigma Trigger']);
		const stored = storedList();
		expect(stored?.members.map((m) => m.memberId)).toEqual(active().map((m) => m.memberId));
		const member = active()[7];
		expect(stored?.members[7]).toEqual({
			memberId: member.memberId,
			email: member.email,
			firstName: member.firstName,
			lastName: member.lastName,
			memberType: member.memberType,
			userKind: member.userKind,
			isArchived: false,
			isInactive: false,
		});
		expect(memberPages()).toBe(1);
	});

	it('returns null when nothing changed, reading only the member list pages', async () => {
		await start(2500);
		await poll();
		sigma.emulator.log.clear();

		expect(await poll()).toBeNull();

		expect(sigma.emulator.log.entries.map((e) => e.path)).toEqual([
			'/v2/members',
			'/v2/members',
			'/v2/members',
		]);
	});

	it("emits one memberAdded with Sigma's record for a member created between polls", async () => {
		await start(30);
		await poll();
		const ann = org().addMember({
			email: 'ann.lee@example.com',
			firstName: 'Ann',
			lastName: 'Lee',
		});

		const events = await poll();

		expect(events).toEqual([
			{
				event: 'memberAdded',
				memberId: ann.memberId,
				member: { ...ann },
				previous: null,
				changes: [],
				detectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			},
		]);
	});

	it('emits memberChanged with the previous values and the changed watched fields', async () => {
		await start(30);
		await poll();
		const member = generated()[3];
		const before = { ...member };
		const newType = member.memberType === 'Build' ? 'Admin' : 'Build';
		org().updateMember(member.memberId, { memberType: newType, lastName: 'Renamed' });

		const events = await poll();

		expect(events).toHaveLength(1);
		expect(events?.[0]).toMatchObject({
			event: 'memberChanged',
			memberId: member.memberId,
			member: { memberId: member.memberId, memberType: newType, lastName: 'Renamed' },
			previous: {
				memberId: member.memberId,
				email: before.email,
				firstName: before.firstName,
				lastName: before.lastName,
				memberType: before.memberType,
				userKind: before.userKind,
				isArchived: false,
				isInactive: false,
			},
			changes: [
				{ field: 'lastName', previous: before.lastName, current: 'Renamed' },
				{ field: 'memberType', previous: before.memberType, current: newType },
			],
		});
	});

	const ignoresUnwatchedField =
		'emits nothing for an unwatched field, yet reports its new value as previous later';
	it(ignoresUnwatchedField, async () => {
		await start(30);
		const options = { watchFields: ['memberType'] };
		await poll(options);
		const member = generated().find((m) => m.memberType !== 'Admin') as Member;
		const type = member.memberType;
		org().updateMember(member.memberId, { firstName: 'Quietly', profileImgUrl: 'https://x/y.png' });

		expect(await poll(options)).toBeNull();

		org().updateMember(member.memberId, { memberType: 'Admin' });
		const events = await poll(options);
		expect(events).toHaveLength(1);
		expect(events?.[0]).toMatchObject({
			event: 'memberChanged',
			previous: { firstName: 'Quietly', memberType: type },
			changes: [{ field: 'memberType', previous: type, current: 'Admin' }],
		});
	});

	it('reports a member deactivated while archived members are left out as removed', async () => {
		await start(30);
		await poll();
		const member = generated()[4];
		const lastKnown = { ...member };
		org().archiveMember(member.memberId);
		sigma.emulator.log.clear();

		const events = await poll();

		expect(events).toEqual([
			{
				event: 'memberRemoved',
				memberId: member.memberId,
				member: {
					memberId: lastKnown.memberId,
					email: lastKnown.email,
					firstName: lastKnown.firstName,
					lastName: lastKnown.lastName,
					memberType: lastKnown.memberType,
					userKind: lastKnown.userKind,
					isArchived: false,
					isInactive: false,
				},
				previous: null,
				changes: [],
				detectedAt: expect.any(String),
			},
		]);
		// The removal was confirmed by reading the member itself before it was reported.
		expect(memberReads()).toBe(1);
	});

	it('reports deactivation as a change of isArchived when archived are included', async () => {
		await start(30);
		const options = { includeArchived: true };
		await poll(options);
		const member = generated()[4];
		org().archiveMember(member.memberId);

		const events = await poll(options);

		expect(events).toHaveLength(1);
		expect(events?.[0]).toMatchObject({
			event: 'memberChanged',
			memberId: member.memberId,
			member: { isArchived: true },
			changes: [{ field: 'isArchived', previous: false, current: true }],
		});
	});

	it('reports a member made inactive by SCIM as removed by default', async () => {
		await start(30);
		await poll();
		const member = generated()[6];
		org().updateMember(member.memberId, { isInactive: true });

		const events = await poll();

		expect(events?.map((e) => [e.event, e.memberId])).toEqual([['memberRemoved', member.memberId]]);
	});

	it('does not report a member that the list skipped but Sigma still has as removed', async () => {
		await start(1500);
		await poll();
		const skipped = active()[1200];
		// The member drops out of the list exactly while its page is read, then is back.
		onMemberPages({
			1: () => org().updateMember(skipped.memberId, { isArchived: true }),
			2: () => org().updateMember(skipped.memberId, { isArchived: false }),
		});
		sigma.emulator.log.clear();

		expect(await poll()).toBeNull();

		expect(memberReads()).toBe(1);
		jest.restoreAllMocks();
		org().archiveMember(skipped.memberId);
		const events = await poll();
		expect(events?.map((e) => [e.event, e.memberId])).toEqual([
			['memberRemoved', skipped.memberId],
		]);
	});

	it('takes a new baseline instead of emitting when the settings change', async () => {
		await start(30);
		await poll();
		org().addMember({ email: 'new.one@example.com' });
		org().archiveMember(generated()[1].memberId);

		expect(await poll({ includeArchived: true })).toBeNull();

		expect(await poll({ includeArchived: true })).toBeNull();
		org().addMember({ email: 'new.two@example.com' });
		const events = await poll({ includeArchived: true });
		expect(events?.map((e) => [e.event, (e.member as IDataObject).email])).toEqual([
			['memberAdded', 'new.two@example.com'],
		]);
	});

	it('emits only the selected events', async () => {
		await start(30);
		await poll({}, undefined, ['memberRemoved']);
		org().addMember({ email: 'new.one@example.com' });
		const leaver = generated()[0];
		org().archiveMember(leaver.memberId);

		const events = await poll({}, undefined, ['memberRemoved']);

		expect(events?.map((e) => [e.event, e.memberId])).toEqual([['memberRemoved', leaver.memberId]]);
	});

	describe('Fetch Test Event (manual mode)', () => {
		const returnsThreeSamples =
			'returns three current members as samples from one small page, storing nothing';
		it(returnsThreeSamples, async () => {
			await start(2500);

			const events = await poll({}, 'manual');

			expect(events).toHaveLength(3);
			expect(events?.map((e) => e.event)).toEqual(['memberAdded', 'memberAdded', 'memberAdded']);
			expect(events?.map((e) => e.memberId)).toEqual(
				active()
					.slice(0, 3)
					.map((m) => m.memberId),
			);
			expect(staticData).toEqual({});
			expect(sigma.emulator.log.filter({ path: '/v2/members' }).map((e) => e.query.limit)).toEqual([
				'3',
			]);
		});

		const leavesStoredListAlone =
			'leaves the stored list exactly as it was, so the next poll still sees changes';
		it(leavesStoredListAlone, async () => {
			await start(30);
			await poll();
			const before = saved();
			const ann = org().addMember({ email: 'ann.lee@example.com' });

			await poll({}, 'manual');

			expect(saved()).toBe(before);
			const events = await poll();
			expect(events?.map((e) => [e.event, e.memberId])).toEqual([['memberAdded', ann.memberId]]);
		});
	});

	describe('when a request fails', () => {
		const failsMidPagination =
			'fails in the middle of pagination, emits nothing, keeps the state byte for byte';
		it(failsMidPagination, async () => {
			await start(2500);
			await poll();
			const before = saved();
			const ann = org().addMember({ email: 'ann.lee@example.com' });
			org().archiveMember(generated()[1700].memberId);
			onMemberPages({
				1: () =>
					sigma.emulator.faults.inject(
						{ kind: 'status', status: 500 },
						{ match: { method: 'GET', path: '/v2/members' } },
					),
			});
			sigma.emulator.log.clear();

			await expect(poll()).rejects.toThrow('GET /v2/members failed: HTTP 500');

			expect(saved()).toBe(before);
			expect(sigma.emulator.log.filter({ path: '/v2/members' }).map((e) => e.status)).toEqual([
				200, 500,
			]);
			expect(memberReads()).toBe(0);
			jest.restoreAllMocks();
			const events = await poll();
			expect(events?.map((e) => e.event).sort()).toEqual(['memberAdded', 'memberRemoved']);
			expect(events?.find((e) => e.event === 'memberAdded')?.memberId).toBe(ann.memberId);
		});

		it('fails the poll when a team list fails, keeping the state', async () => {
			await start(40, 4);
			const options = { includeTeams: true };
			await poll(options);
			const before = saved();
			sigma.emulator.faults.inject(
				{ kind: 'status', status: 500 },
				{ match: { method: 'GET', path: /^\/v2\/teams\/[^/]+\/members$/ } },
			);

			await expect(poll(options)).rejects.toThrow(
				/GET \/v2\/teams\/[^/]+\/members failed: HTTP 500/,
			);

			expect(saved()).toBe(before);
		});
	});

	describe('the mass removal guard', () => {
		const refusesLargeRemoval =
			'refuses a poll that removes more than the limit, withholding every event of it';
		it(refusesLargeRemoval, async () => {
			await start(40);
			await poll();
			const before = saved();
			const stored = active().length;
			const leavers = generated().slice(0, 6);
			for (const leaver of leavers) org().archiveMember(leaver.memberId);
			org().addMember({ email: 'ann.lee@example.com' });
			sigma.emulator.log.clear();

			const failure = poll();

			await expect(failure).rejects.toThrow(
				`The Mass Removal Guard stopped this poll: 6 of ${stored} members`,
			);
			await expect(failure).rejects.toMatchObject({
				description: expect.stringContaining('"Mass Removal Guard (%)"'),
			});
			expect(saved()).toBe(before);
			expect(memberReads()).toBe(0);
		});

		const letsRemovalsThroughOnceRaised =
			'lets the same removals through once the limit is raised, with no new baseline';
		it(letsRemovalsThroughOnceRaised, async () => {
			await start(40);
			await poll();
			const leavers = generated().slice(0, 6);
			for (const leaver of leavers) org().archiveMember(leaver.memberId);
			await expect(poll()).rejects.toThrow(/Mass Removal Guard/);

			const events = await poll({ maxRemovalPercent: 20 });

			expect(events?.map((e) => e.event)).toEqual(Array(6).fill('memberRemoved'));
			expect(events?.map((e) => e.memberId)).toEqual(leavers.map((m) => m.memberId));
		});

		it('guards the stored list even when removals are not emitted', async () => {
			await start(40);
			await poll({}, undefined, ['memberAdded']);
			const before = saved();
			for (const leaver of generated().slice(0, 6)) org().archiveMember(leaver.memberId);

			await expect(poll({}, undefined, ['memberAdded'])).rejects.toThrow(/Mass Removal Guard/);

			expect(saved()).toBe(before);
		});

		it('is off at 100%', async () => {
			await start(40);
			await poll({ maxRemovalPercent: 100 });
			for (const leaver of generated().slice(0, 20)) org().archiveMember(leaver.memberId);

			expect(await poll({ maxRemovalPercent: 100 })).toHaveLength(20);
		});
	});

	describe('with Include Teams', () => {
		const options = { includeTeams: true };
		const teamMemberPages = () =>
			sigma.emulator.log.count({ method: 'GET', path: /^\/v2\/teams\/[^/]+\/members$/ });

		it('reports the team IDs a member joined and left', async () => {
			await start(60, 4);
			await poll(options);
			const [first, second] = org().teams;
			const member = generated().find(
				(m) =>
					org()
						.teamMembers(first.teamId)
						.some((t) => t.userId === m.memberId) &&
					!org()
						.teamMembers(second.teamId)
						.some((t) => t.userId === m.memberId),
			) as Member;
			org().removeTeamMembers(first.teamId, [member.memberId]);
			org().addTeamMembers(second.teamId, [member.memberId]);
			const teamsNow = org()
				.memberTeams(member.memberId)
				.map((t) => t.teamId)
				.sort();

			const events = await poll(options);

			expect(events).toHaveLength(1);
			expect(events?.[0]).toMatchObject({
				event: 'memberChanged',
				memberId: member.memberId,
				member: { teams: teamsNow },
				changes: [
					{
						field: 'teams',
						current: teamsNow,
						joined: [second.teamId],
						left: [first.teamId],
					},
				],
			});
		});

		it('reads membership per team when there are fewer teams than members', async () => {
			await start(60, 4);
			sigma.emulator.log.clear();

			await poll(options);

			expect(sigma.emulator.log.count({ path: '/v2/teams' })).toBe(1);
			expect(teamMemberPages()).toBe(4);
			expect(sigma.emulator.log.count({ path: /^\/v2\/members\/[^/]+\/teams$/ })).toBe(0);
		});

		it('reads membership per member when there are fewer members than teams', async () => {
			await start(3, 8);
			sigma.emulator.log.clear();

			await poll(options);

			const listed = active().length;
			expect(listed).toBeLessThan(8);
			expect(sigma.emulator.log.count({ path: /^\/v2\/members\/[^/]+\/teams$/ })).toBe(listed);
			expect(teamMemberPages()).toBe(0);
		});

		it('includes the teams in manual samples', async () => {
			await start(60, 4);

			const events = await poll(options, 'manual');

			const ids = events?.map((e) => e.memberId as string) ?? [];
			expect(events?.map((e) => (e.member as IDataObject).teams)).toEqual(
				ids.map((id) =>
					org()
						.memberTeams(id)
						.map((t) => t.teamId)
						.sort(),
				),
			);
		});
	});

	describe('checks its settings before any request', () => {
		it.each([
			['no event is selected', { events: [], options: {} }, /Events is empty/],
			[
				'Watch Fields is empty',
				{ events: ALL_EVENTS, options: { watchFields: [] } },
				/Watch Fields is empty/,
			],
			[
				'the guard is out of range',
				{ events: ALL_EVENTS, options: { maxRemovalPercent: 150 } },
				/Mass Removal Guard \(%\) must be between 0 and 100/,
			],
		])('and fails when %s', async (_name, parameters, message) => {
			await start(5);

			await expect(
				sigma.runtime.poll(trigger, {
					parameters: parameters as INodeParameters,
					credentials: sigma.credentials,
					staticData,
				}),
			).rejects.toThrow(message);

			expect(sigma.emulator.log.entries).toEqual([]);
		});
	});
});
