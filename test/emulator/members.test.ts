import { request } from 'undici';

import { fetchToken, http, restClient } from './helpers';
import { SigmaEmulator } from './index';

const MEMBER_FIELDS = [
	'createdAt',
	'createdBy',
	'email',
	'firstName',
	'homeFolderId',
	'isArchived',
	'isInactive',
	'lastName',
	'memberId',
	'memberType',
	'organizationId',
	'profileImgUrl',
	'updatedAt',
	'updatedBy',
	'userKind',
];

describe('GET /v2/members paging', () => {
	let emulator: SigmaEmulator;
	let api: ReturnType<typeof restClient>;

	beforeAll(async () => {
		emulator = await SigmaEmulator.start({ members: 2499, tokenRateLimit: false });
		api = restClient(emulator, await fetchToken(emulator));
	});

	afterAll(async () => {
		await emulator.stop();
	});

	it('serves 2,500 members in three pages of 1000, the last with nextPage null', async () => {
		const query = 'limit=1000&includeArchived=true&includeInactive=true';
		const pages = [];
		let cursor: string | null = null;
		do {
			const suffix: string = cursor === null ? '' : `&page=${encodeURIComponent(cursor)}`;
			const result = await api.get(`/v2/members?${query}${suffix}`);
			expect(result.status).toBe(200);
			pages.push(result.body);
			cursor = result.body.nextPage;
		} while (cursor !== null && pages.length < 10);

		expect(pages.map((page) => page.entries.length)).toEqual([1000, 1000, 500]);
		expect(typeof pages[0].nextPage).toBe('string');
		expect(pages[2].nextPage).toBeNull();
		const ids = pages.flatMap((page) => page.entries.map((m: { memberId: string }) => m.memberId));
		expect(new Set(ids).size).toBe(2500);
		expect(ids).toEqual(emulator.org.members.map((member) => member.memberId));
	});

	it('returns members with exactly Sigma’s fields', async () => {
		const result = await api.get('/v2/members?limit=1');

		expect(Object.keys(result.body.entries[0]).sort()).toEqual(MEMBER_FIELDS);
		expect(result.body.entries[0]).toMatchObject({
			email: 'owner@example.com',
			profileImgUrl: null,
		});
	});

	it('answers a bare array of all visible members when limit is absent', async () => {
		const result = await api.get('/v2/members');
		const visible = emulator.org.members.filter((m) => !m.isArchived && !m.isInactive);

		expect(Array.isArray(result.body)).toBe(true);
		expect(result.body).toHaveLength(visible.length);
		expect(visible.length).toBeLessThan(2500);
	});

	it('hides archived and inactive members unless asked to include them', async () => {
		const all = await api.get('/v2/members?includeArchived=true&includeInactive=true');
		const withArchived = await api.get('/v2/members?includeArchived=true');
		const archived = emulator.org.members.filter((m) => m.isArchived).length;
		const inactive = emulator.org.members.filter((m) => m.isInactive).length;

		expect(archived).toBeGreaterThan(0);
		expect(inactive).toBeGreaterThan(0);
		expect(all.body).toHaveLength(2500);
		expect(withArchived.body).toHaveLength(2500 - inactive);
	});

	it('answers 400 naming the parameter to limit 1001, limit 0 and page_token', async () => {
		const tooBig = await api.get('/v2/members?limit=1001');
		const zero = await api.get('/v2/members?limit=0');
		const invented = await api.get('/v2/members?limit=10&page_token=abc');

		expect(tooBig.status).toBe(400);
		expect(tooBig.body.message).toContain('limit');
		expect(zero.status).toBe(400);
		expect(invented.status).toBe(400);
		expect(invented.body).toMatchObject({ code: 'bad_request' });
		expect(invented.body.message).toContain('page_token');
	});

	it('answers 400 to a cursor it did not issue, including a teams cursor', async () => {
		const teamsPage = await api.get('/v2/teams?limit=1');
		const forged = await api.get('/v2/members?limit=10&page=not-a-cursor');
		const crossed = await api.get(
			`/v2/members?limit=10&page=${teamsPage.body.nextPage ?? 'dGVhbXM6MA'}`,
		);

		expect(forged.status).toBe(400);
		expect(forged.body.message).toContain('page');
		expect(crossed.status).toBe(400);
	});

	it('finds a member by email case-insensitively', async () => {
		const target = emulator.org.members[42];
		if (!target) throw new Error('generated org is too small');
		const shouted = encodeURIComponent(target.email.toUpperCase());

		const paginated = await api.get(
			`/v2/members?email=${shouted}&limit=1&includeArchived=true&includeInactive=true`,
		);
		const legacy = await api.get(
			`/v2/members?email=${shouted}&includeArchived=true&includeInactive=true`,
		);

		expect(paginated.body).toEqual({
			entries: [expect.objectContaining({ memberId: target.memberId })],
			nextPage: null,
		});
		expect(legacy.body).toEqual([expect.objectContaining({ memberId: target.memberId })]);
	});

	it('searches email, first and last name as a case-insensitive substring', async () => {
		const result = await api.get('/v2/members?search=OWNER&limit=100');

		expect(result.body.entries.map((m: { email: string }) => m.email)).toEqual([
			'owner@example.com',
		]);
	});
});

describe('member writes', () => {
	let emulator: SigmaEmulator;
	let token: string;
	let api: ReturnType<typeof restClient>;

	beforeEach(async () => {
		emulator = await SigmaEmulator.start({ tokenRateLimit: false });
		token = await fetchToken(emulator);
		api = restClient(emulator, token);
	});

	afterEach(async () => {
		await emulator.stop();
	});

	const ann = { email: 'ann.lee@example.com', firstName: 'Ann', lastName: 'Lee' };

	it('creates a member with the default View type and records the invitation', async () => {
		const result = await api.post('/v2/members', ann);

		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({
			...ann,
			memberType: 'View',
			userKind: 'internal',
			isArchived: false,
			isInactive: false,
			createdBy: emulator.org.owner.memberId,
		});
		expect(emulator.org.findMemberByEmail('ANN.LEE@example.com')?.memberId).toBe(
			result.body.memberId,
		);
		expect(emulator.org.invitesSent).toEqual(['ann.lee@example.com']);
	});

	it('sends no invitation with sendInvite=false', async () => {
		await api.post('/v2/members?sendInvite=false', ann);

		expect(emulator.org.invitesSent).toEqual([]);
	});

	it('adds the new member to teams given in addToTeams, with team admin status', async () => {
		const team = emulator.org.addTeam({ name: 'Analysts' });

		const result = await api.post('/v2/members', {
			...ann,
			addToTeams: [{ teamId: team.teamId, isTeamAdmin: true }],
		});

		expect(emulator.org.teamMembers(team.teamId)).toEqual([
			{ userId: result.body.memberId, isTeamAdmin: true, addedBy: emulator.org.owner.memberId },
		]);
	});

	it('answers 409 Duplicate record to an email of an archived member in other case', async () => {
		const archived = emulator.org.addMember({ email: 'ann.lee@example.com' });
		emulator.org.archiveMember(archived.memberId);

		const result = await api.post('/v2/members', { ...ann, email: 'Ann.Lee@Example.com' });

		expect(result.status).toBe(409);
		expect(result.body).toMatchObject({ code: 'conflict', message: 'Duplicate record' });
	});

	it('answers 404 Member type name is not found to a memberType in the wrong case', async () => {
		const result = await api.post('/v2/members', { ...ann, memberType: 'build' });

		expect(result.status).toBe(404);
		expect(result.body).toMatchObject({
			code: 'not_found',
			message: 'Member type name is not found',
		});
		expect(emulator.org.findMemberByEmail(ann.email)).toBeUndefined();
	});

	it('answers 400 naming a missing required field or an invalid email', async () => {
		const missing = await api.post('/v2/members', { email: 'x@example.com', firstName: 'X' });
		const invalid = await api.post('/v2/members', { ...ann, email: 'not-an-email' });

		expect(missing.status).toBe(400);
		expect(missing.body.message).toContain('lastName');
		expect(invalid.status).toBe(400);
		expect(invalid.body.message).toContain('email');
	});

	it('answers 400 bad_request to a body that is not JSON', async () => {
		const result = await http('POST', `${emulator.url}/v2/members`, {
			token,
			headers: { 'content-type': 'application/json' },
		});
		const broken = await request(`${emulator.url}/v2/members`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: '{"email": ',
		});

		expect(result.status).toBe(400);
		expect(result.body.message).toContain('email');
		expect(broken.statusCode).toBe(400);
		expect(await broken.body.json()).toMatchObject({
			code: 'bad_request',
			message: 'Request body is not valid JSON',
		});
	});

	it('PATCH changes only the given fields and moves updatedAt', async () => {
		const member = emulator.org.addMember({ ...ann, createdAt: '2024-01-01T00:00:00.000Z' });

		const result = await api.patch(`/v2/members/${member.memberId}`, { memberType: 'Build' });

		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({ ...ann, memberType: 'Build' });
		expect(result.body.updatedAt > '2024-01-01T00:00:00.000Z').toBe(true);
		expect(result.body.createdAt).toBe('2024-01-01T00:00:00.000Z');
	});

	it('PATCH answers 404 to an unknown memberType and 409 to an email in use', async () => {
		const member = emulator.org.addMember(ann);
		emulator.org.addMember({ email: 'bob@example.com' });

		const badType = await api.patch(`/v2/members/${member.memberId}`, { memberType: 'Creator' });
		const duplicate = await api.patch(`/v2/members/${member.memberId}`, {
			email: 'BOB@example.com',
		});

		expect(badType.status).toBe(404);
		expect(badType.body.message).toBe('Member type name is not found');
		expect(duplicate.status).toBe(409);
		expect(duplicate.body.message).toBe('Duplicate record');
		expect(emulator.org.getMember(member.memberId)?.email).toBe(ann.email);
	});

	it('PATCH isArchived hands documents to newOwnerId; isArchived false reactivates', async () => {
		const member = emulator.org.addMember(ann);
		const heir = emulator.org.addMember({ email: 'heir@example.com' });

		const archived = await api.patch(`/v2/members/${member.memberId}`, {
			isArchived: true,
			newOwnerId: heir.memberId,
		});
		const reactivated = await api.patch(`/v2/members/${member.memberId}`, { isArchived: false });

		expect(archived.body.isArchived).toBe(true);
		expect(emulator.org.handoffs).toEqual([{ from: member.memberId, to: heir.memberId }]);
		expect(reactivated.body.isArchived).toBe(false);
	});

	it('PATCH answers 400 to an unknown field, naming it', async () => {
		const member = emulator.org.addMember(ann);

		const result = await api.patch(`/v2/members/${member.memberId}`, { isAdmin: true });

		expect(result.status).toBe(400);
		expect(result.body.message).toContain('isAdmin');
	});

	it('DELETE archives the member, hands documents to the owner and answers 200 {}', async () => {
		const member = emulator.org.addMember(ann);

		const result = await api.delete(`/v2/members/${member.memberId}`);
		const after = await api.get(`/v2/members/${member.memberId}`);
		const listed = await api.get('/v2/members?limit=100');

		expect(result.status).toBe(200);
		expect(result.body).toEqual({});
		expect(after.body.isArchived).toBe(true);
		expect(listed.body.entries.map((m: { memberId: string }) => m.memberId)).not.toContain(
			member.memberId,
		);
		expect(emulator.org.handoffs).toEqual([
			{ from: member.memberId, to: emulator.org.owner.memberId },
		]);
		expect(emulator.org.members).toHaveLength(2);
	});

	it('answers 404 not_found to an unknown member ID', async () => {
		const result = await api.get('/v2/members/mdoesnotexist');

		expect(result.status).toBe(404);
		expect(result.body.code).toBe('not_found');
	});

	it('lists the teams of a member in pages', async () => {
		const member = emulator.org.addMember(ann);
		const teams = ['A', 'B', 'C'].map((name) =>
			emulator.org.addTeam({ name, members: [member.memberId] }),
		);

		const first = await api.get(`/v2/members/${member.memberId}/teams?limit=2`);
		const second = await api.get(
			`/v2/members/${member.memberId}/teams?limit=2&page=${first.body.nextPage}`,
		);

		expect(first.body.entries.map((t: { teamId: string }) => t.teamId)).toEqual([
			teams[0]?.teamId,
			teams[1]?.teamId,
		]);
		expect(second.body).toEqual({
			entries: [expect.objectContaining({ name: 'C' })],
			nextPage: null,
		});
	});
});
