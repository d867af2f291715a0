import { fetchToken, restClient } from './helpers';
import { SigmaEmulator } from './index';

describe('teams', () => {
	let emulator: SigmaEmulator;
	let api: ReturnType<typeof restClient>;

	beforeEach(async () => {
		emulator = await SigmaEmulator.start({ tokenRateLimit: false });
		api = restClient(emulator, await fetchToken(emulator));
	});

	afterEach(async () => {
		await emulator.stop();
	});

	it('creates a private team by default and answers members and workspaceId', async () => {
		const ann = emulator.org.addMember({ email: 'ann@example.com' });

		const result = await api.post('/v2/teams', { name: 'Analysts', members: [ann.memberId] });

		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({
			name: 'Analysts',
			description: null,
			visibility: 'private',
			isArchived: false,
			members: [ann.memberId],
			workspaceId: null,
		});
		const fetched = await api.get(`/v2/teams/${result.body.teamId}`);
		expect(fetched.body).toMatchObject({ teamId: result.body.teamId, members: [ann.memberId] });
		expect(fetched.body).not.toHaveProperty('workspaceId');
	});

	it('answers 409 to a team name used in another case, and 400 without a name', async () => {
		emulator.org.addTeam({ name: 'Finance' });

		const duplicate = await api.post('/v2/teams', { name: 'FINANCE' });
		const nameless = await api.post('/v2/teams', { description: 'no name' });

		expect(duplicate.status).toBe(409);
		expect(duplicate.body.code).toBe('conflict');
		expect(nameless.status).toBe(400);
		expect(nameless.body.message).toContain('name');
	});

	it('updates name, description and visibility with PATCH and deletes with 200 {}', async () => {
		const team = emulator.org.addTeam({ name: 'Sales', createdAt: '2024-01-01T00:00:00.000Z' });

		const patched = await api.patch(`/v2/teams/${team.teamId}`, {
			name: 'Sales EMEA',
			description: 'Europe',
			visibility: 'public',
		});
		const deleted = await api.delete(`/v2/teams/${team.teamId}`);
		const gone = await api.get(`/v2/teams/${team.teamId}`);

		expect(patched.body).toMatchObject({
			name: 'Sales EMEA',
			description: 'Europe',
			visibility: 'public',
		});
		expect(patched.body.updatedAt > team.createdAt).toBe(true);
		expect(deleted.status).toBe(200);
		expect(deleted.body).toEqual({});
		expect(gone.status).toBe(404);
	});

	it('lists teams bare without limit, paged with limit, filtered by name', async () => {
		for (const name of ['Sales EMEA', 'Sales APAC', 'Finance', 'Sales NA']) {
			emulator.org.addTeam({ name, visibility: name === 'Finance' ? 'public' : 'private' });
		}

		const legacy = await api.get('/v2/teams');
		const first = await api.get('/v2/teams?limit=2&name=sales');
		const second = await api.get(`/v2/teams?limit=2&name=sales&page=${first.body.nextPage}`);
		const publicOnly = await api.get('/v2/teams?limit=10&visibility=public');

		expect(legacy.body).toHaveLength(4);
		expect(first.body.entries.map((t: { name: string }) => t.name)).toEqual([
			'Sales EMEA',
			'Sales APAC',
		]);
		expect(second.body.entries.map((t: { name: string }) => t.name)).toEqual(['Sales NA']);
		expect(second.body.nextPage).toBeNull();
		expect(publicOnly.body.entries.map((t: { name: string }) => t.name)).toEqual(['Finance']);
	});

	it('keeps a teams cursor valid when an earlier team is deleted between pages', async () => {
		const teams = ['A', 'B', 'C', 'D'].map((name) => emulator.org.addTeam({ name }));

		const first = await api.get('/v2/teams?limit=2');
		emulator.org.deleteTeam(teams[0]?.teamId ?? '');
		const second = await api.get(`/v2/teams?limit=2&page=${first.body.nextPage}`);

		expect(second.body.entries.map((t: { name: string }) => t.name)).toEqual(['C', 'D']);
	});
});

describe('team members', () => {
	let emulator: SigmaEmulator;
	let api: ReturnType<typeof restClient>;

	beforeEach(async () => {
		emulator = await SigmaEmulator.start({ tokenRateLimit: false });
		api = restClient(emulator, await fetchToken(emulator));
	});

	afterEach(async () => {
		await emulator.stop();
	});

	it('adds and removes members in one PATCH and lists them with userId entries', async () => {
		const [ann, bob, cy] = ['ann', 'bob', 'cy'].map((name) =>
			emulator.org.addMember({ email: `${name}@example.com` }),
		);
		if (!ann || !bob || !cy) throw new Error('members missing');
		const team = emulator.org.addTeam({ name: 'Ops', members: [ann.memberId] });

		const result = await api.patch(`/v2/teams/${team.teamId}/members`, {
			add: [bob.memberId, cy.memberId, bob.memberId],
			remove: [ann.memberId],
		});
		const listed = await api.get(`/v2/teams/${team.teamId}/members?limit=1`);
		const rest = await api.get(
			`/v2/teams/${team.teamId}/members?limit=5&page=${listed.body.nextPage}`,
		);

		expect(result.status).toBe(200);
		expect(result.body).toEqual({});
		expect(listed.body.entries).toEqual([
			{ userId: bob.memberId, isTeamAdmin: false, addedBy: emulator.org.owner.memberId },
		]);
		expect(rest.body).toEqual({
			entries: [{ userId: cy.memberId, isTeamAdmin: false, addedBy: emulator.org.owner.memberId }],
			nextPage: null,
		});
		expect(emulator.org.memberTeams(ann.memberId)).toEqual([]);
	});

	it('treats adding a member who is already in the team as a no-op', async () => {
		const ann = emulator.org.addMember({ email: 'ann@example.com' });
		const team = emulator.org.addTeam({ name: 'Ops', members: [ann.memberId] });

		const result = await api.patch(`/v2/teams/${team.teamId}/members`, { add: [ann.memberId] });

		expect(result.status).toBe(200);
		expect(emulator.org.teamMembers(team.teamId)).toHaveLength(1);
	});

	it('refuses the whole request with 400 naming an unknown or inactive ID', async () => {
		const ann = emulator.org.addMember({ email: 'ann@example.com' });
		const gone = emulator.org.addMember({ email: 'gone@example.com' });
		emulator.org.updateMember(gone.memberId, { isInactive: true });
		const team = emulator.org.addTeam({ name: 'Ops' });

		const unknown = await api.patch(`/v2/teams/${team.teamId}/members`, {
			add: [ann.memberId, 'mnotamember'],
		});
		const inactive = await api.patch(`/v2/teams/${team.teamId}/members`, {
			add: [ann.memberId],
			remove: [gone.memberId],
		});

		expect(unknown.status).toBe(400);
		expect(unknown.body.message).toContain('mnotamember');
		expect(inactive.status).toBe(400);
		expect(inactive.body.message).toContain(gone.memberId);
		expect(emulator.org.teamMembers(team.teamId)).toEqual([]);
	});

	it('answers 400 to more than 1000 IDs in one request', async () => {
		const team = emulator.org.addTeam({ name: 'Ops' });
		const ids = Array.from({ length: 1001 }, () => emulator.org.owner.memberId);

		const result = await api.patch(`/v2/teams/${team.teamId}/members`, { add: ids });

		expect(result.status).toBe(400);
		expect(result.body.message).toContain('1000');
	});

	it('answers 404 to the members of an unknown team', async () => {
		const result = await api.get('/v2/teams/tnothere/members');

		expect(result.status).toBe(404);
	});
});

describe('account types and whoami', () => {
	let emulator: SigmaEmulator;
	let api: ReturnType<typeof restClient>;

	beforeAll(async () => {
		emulator = await SigmaEmulator.start({ tokenRateLimit: false });
		api = restClient(emulator, await fetchToken(emulator));
	});

	afterAll(async () => {
		await emulator.stop();
	});

	it('pages account types and leaves nextPageToken out on the last page', async () => {
		const first = await api.get('/v2/accountTypes?pageSize=3');
		const last = await api.get(`/v2/accountTypes?pageSize=3&pageToken=${first.body.nextPageToken}`);

		expect(first.body.entries.map((t: { accountTypeName: string }) => t.accountTypeName)).toEqual([
			'View',
			'Act',
			'Analyze',
		]);
		expect(typeof first.body.nextPageToken).toBe('string');
		expect(last.body.entries.map((t: { accountTypeName: string }) => t.accountTypeName)).toEqual([
			'Build',
			'Admin',
		]);
		expect(last.body).not.toHaveProperty('nextPageToken');
		expect(last.body.entries[0]).toEqual({
			accountTypeId: expect.any(String),
			accountTypeName: 'Build',
			description: expect.any(String),
			isCustom: false,
		});
	});

	it('answers 400 to pageSize 1001 and 403 while accountTypesForbidden is set', async () => {
		const tooBig = await api.get('/v2/accountTypes?pageSize=1001');
		emulator.options.accountTypesForbidden = true;
		const forbidden = await api.get('/v2/accountTypes');
		emulator.options.accountTypesForbidden = false;

		expect(tooBig.status).toBe(400);
		expect(tooBig.body.message).toContain('pageSize');
		expect(forbidden.status).toBe(403);
		expect(forbidden.body.code).toBe('forbidden');
	});

	it('accepts a custom account type as memberType, matched case-sensitively', async () => {
		emulator.org.addAccountType('Finance Viewer');

		const exact = await api.post('/v2/members', {
			email: 'fv@example.com',
			firstName: 'F',
			lastName: 'V',
			memberType: 'Finance Viewer',
		});
		const wrongCase = await api.post('/v2/members', {
			email: 'fv2@example.com',
			firstName: 'F',
			lastName: 'V',
			memberType: 'finance viewer',
		});

		expect(exact.status).toBe(200);
		expect(wrongCase.status).toBe(404);
	});

	it('answers whoami with the owner of the credentials', async () => {
		const result = await api.get('/v2/whoami');

		expect(result.body).toMatchObject({
			userId: emulator.org.owner.memberId,
			organizationId: emulator.org.organizationId,
			accountType: 'Admin',
			email: 'owner@example.com',
		});
	});

	it('answers 404 not_found to an unknown route', async () => {
		const result = await api.get('/v2/workbooks');

		expect(result.status).toBe(404);
		expect(result.body).toEqual({
			requestId: expect.any(String),
			message: expect.any(String),
			code: 'not_found',
		});
	});
});
