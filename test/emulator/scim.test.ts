import { fetchToken, http, PATCH_OP, restClient, scimClient } from './helpers';
import { SigmaEmulator } from './index';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('SCIM Users', () => {
	let emulator: SigmaEmulator;
	let scim: ReturnType<typeof scimClient>;

	beforeEach(async () => {
		emulator = await SigmaEmulator.start({ members: 30, tokenRateLimit: false, maxScimCount: 20 });
		scim = scimClient(emulator);
	});

	afterEach(async () => {
		await emulator.stop();
	});

	const newUser = {
		schemas: [USER_SCHEMA],
		userName: 'ann.lee@example.com',
		name: { givenName: 'Ann', familyName: 'Lee' },
		emails: [{ value: 'ann.lee@example.com', type: 'work', primary: true }],
		userType: 'Build',
		active: true,
	};

	it('lists every member, archived and inactive too, as a paged ListResponse', async () => {
		const archived = emulator.org.members[3]?.memberId ?? '';
		const inactive = emulator.org.members[12]?.memberId ?? '';
		emulator.org.archiveMember(archived);
		emulator.org.updateMember(inactive, { isInactive: true });

		const first = await scim.get('/Users?count=10');
		const second = await scim.get('/Users?startIndex=11&count=5');

		expect(second.status).toBe(200);
		expect(second.headers['content-type']).toContain('application/scim+json');
		expect(second.body).toMatchObject({
			schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
			totalResults: 31,
			startIndex: 11,
			itemsPerPage: 5,
		});
		expect(second.body.Resources.map((u: { id: string }) => u.id)).toEqual(
			emulator.org.members.slice(10, 15).map((m) => m.memberId),
		);
		expect(first.body.Resources.map((u: { id: string }) => u.id)).toContain(archived);
		expect(second.body.Resources).toContainEqual(
			expect.objectContaining({ id: inactive, active: false }),
		);
	});

	it('clamps count to maxScimCount', async () => {
		const page = await scim.get('/Users?count=500');

		expect(page.body.itemsPerPage).toBe(20);
		expect(page.body.Resources).toHaveLength(20);
	});

	it('renders a member as a SCIM User', async () => {
		const owner = emulator.org.owner;

		const result = await scim.get(`/Users/${owner.memberId}`);

		expect(result.body).toEqual({
			schemas: [USER_SCHEMA],
			id: owner.memberId,
			userName: 'owner@example.com',
			name: { givenName: owner.firstName, familyName: owner.lastName },
			emails: [{ value: 'owner@example.com', type: 'work', primary: true }],
			userType: 'Admin',
			active: true,
			meta: {
				resourceType: 'User',
				created: owner.createdAt,
				lastModified: owner.updatedAt,
				location: `${emulator.scimUrl}/Users/${owner.memberId}`,
			},
		});
	});

	it('filters on userName case-insensitively, attribute and operator in any case', async () => {
		const filter = encodeURIComponent('USERNAME EQ "OWNER@example.com"');

		const result = await scim.get(`/Users?filter=${filter}`);

		expect(result.body.totalResults).toBe(1);
		expect(result.body.Resources[0].id).toBe(emulator.org.owner.memberId);
	});

	it('unescapes \\" and \\\\ in filter strings', async () => {
		const member = emulator.org.addMember({ email: 'a"b\\c@example.com' });
		const filter = encodeURIComponent('userName eq "a\\"b\\\\c@example.com"');

		const result = await scim.get(`/Users?filter=${filter}`);

		expect(result.body.Resources.map((u: { id: string }) => u.id)).toEqual([member.memberId]);
	});

	it('answers 400 invalidFilter to filters it does not support', async () => {
		for (const filter of [
			'userName co "owner"',
			'emails.value eq "x@example.com"',
			'userName eq owner',
		]) {
			const result = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);

			expect(result.status).toBe(400);
			expect(result.body).toMatchObject({
				schemas: [ERROR_SCHEMA],
				status: '400',
				scimType: 'invalidFilter',
			});
		}
	});

	it('creates a user with 201 and answers 409 to its userName in another case', async () => {
		const created = await scim.post('/Users', newUser);
		const again = await scim.post('/Users', { ...newUser, userName: 'ANN.LEE@example.com' });

		expect(created.status).toBe(201);
		expect(created.headers.location).toBe(`${emulator.scimUrl}/Users/${created.body.id}`);
		expect(emulator.org.getMember(created.body.id)).toMatchObject({
			email: 'ann.lee@example.com',
			firstName: 'Ann',
			lastName: 'Lee',
			memberType: 'Build',
			isInactive: false,
		});
		expect(again.status).toBe(409);
		expect(again.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
	});

	it('answers 400 invalidValue listing valid types to a userType in wrong case', async () => {
		const result = await scim.post('/Users', { ...newUser, userType: 'build' });

		expect(result.status).toBe(400);
		expect(result.body.scimType).toBe('invalidValue');
		expect(result.body.detail).toContain('View, Act, Analyze, Build, Admin');
	});

	it('PATCH active false makes the REST member inactive and true clears it', async () => {
		const member = emulator.org.addMember({ email: 'ann.lee@example.com' });
		const api = restClient(emulator, await fetchToken(emulator));
		const deactivate = {
			schemas: [PATCH_OP],
			Operations: [{ op: 'Replace', path: 'active', value: false }],
		};

		const patched = await scim.patch(`/Users/${member.memberId}`, deactivate);
		const viaRest = await api.get(`/v2/members/${member.memberId}`);
		const hidden = await api.get('/v2/members?limit=100&email=ann.lee%40example.com');
		await scim.patch(`/Users/${member.memberId}`, {
			schemas: [PATCH_OP],
			Operations: [{ op: 'replace', value: { active: 'True' } }],
		});

		expect(patched.status).toBe(200);
		expect(patched.body.active).toBe(false);
		expect(viaRest.body.isInactive).toBe(true);
		expect(hidden.body.entries).toEqual([]);
		expect(emulator.org.getMember(member.memberId)?.isInactive).toBe(false);
	});

	it('PATCH changes userType and names, and refuses an unknown path', async () => {
		const member = emulator.org.addMember({ email: 'ann.lee@example.com' });

		const patched = await scim.patch(`/Users/${member.memberId}`, {
			schemas: [PATCH_OP],
			Operations: [
				{ op: 'replace', path: 'userType', value: 'Analyze' },
				{ op: 'add', path: 'name.givenName', value: 'Annie' },
				{ op: 'replace', path: 'name.familyName', value: 'Lee-Smith' },
			],
		});
		const badPath = await scim.patch(`/Users/${member.memberId}`, {
			schemas: [PATCH_OP],
			Operations: [{ op: 'replace', path: 'title', value: 'Boss' }],
		});

		expect(patched.body).toMatchObject({
			userType: 'Analyze',
			name: { givenName: 'Annie', familyName: 'Lee-Smith' },
		});
		expect(badPath.status).toBe(400);
		expect(badPath.body.scimType).toBe('invalidPath');
		expect(emulator.org.getMember(member.memberId)?.memberType).toBe('Analyze');
	});

	it('PUT replaces the user', async () => {
		const member = emulator.org.addMember({
			email: 'ann.lee@example.com',
			firstName: 'Ann',
			lastName: 'Lee',
		});

		const result = await scim.put(`/Users/${member.memberId}`, {
			schemas: [USER_SCHEMA],
			userName: 'ann.smith@example.com',
			name: { givenName: 'Ann', familyName: 'Smith' },
			userType: 'View',
			active: false,
		});

		expect(result.status).toBe(200);
		expect(emulator.org.getMember(member.memberId)).toMatchObject({
			email: 'ann.smith@example.com',
			lastName: 'Smith',
			isInactive: true,
		});
	});

	it('DELETE answers 204 and leaves the member archived and inactive', async () => {
		const member = emulator.org.addMember({ email: 'ann.lee@example.com' });

		const result = await scim.delete(`/Users/${member.memberId}`);
		const after = await scim.get(`/Users/${member.memberId}`);

		expect(result.status).toBe(204);
		expect(result.text).toBe('');
		expect(emulator.org.getMember(member.memberId)).toMatchObject({
			isArchived: true,
			isInactive: true,
		});
		expect(after.body.active).toBe(false);
	});

	it('answers 404 as a SCIM error to an unknown user', async () => {
		const result = await scim.get('/Users/mnobody');

		expect(result.status).toBe(404);
		expect(result.body).toEqual({
			schemas: [ERROR_SCHEMA],
			status: '404',
			detail: expect.any(String),
		});
	});

	it('accepts only the SCIM token: a REST access token gets 401', async () => {
		const restToken = await fetchToken(emulator);

		const result = await http('GET', `${emulator.scimUrl}/Users`, { token: restToken });

		expect(result.status).toBe(401);
		expect(result.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
	});
});

describe('SCIM Groups', () => {
	let emulator: SigmaEmulator;
	let scim: ReturnType<typeof scimClient>;

	beforeEach(async () => {
		emulator = await SigmaEmulator.start();
		scim = scimClient(emulator);
	});

	afterEach(async () => {
		await emulator.stop();
	});

	it('creates a group as a team and renders its members', async () => {
		const ann = emulator.org.addMember({ email: 'ann@example.com' });

		const created = await scim.post('/Groups', {
			schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
			displayName: 'Analysts',
			members: [{ value: ann.memberId }],
		});

		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			id: expect.any(String),
			displayName: 'Analysts',
			members: [{ value: ann.memberId, display: 'ann@example.com' }],
			meta: { resourceType: 'Group' },
		});
		expect(emulator.org.getTeam(created.body.id)?.name).toBe('Analysts');
	});

	it('filters groups on displayName and answers 409 uniqueness to a duplicate name', async () => {
		emulator.org.addTeam({ name: 'Sales "West"' });
		emulator.org.addTeam({ name: 'Sales' });

		const found = await scim.get(
			`/Groups?filter=${encodeURIComponent('displayName eq "sales \\"west\\""')}`,
		);
		const duplicate = await scim.post('/Groups', { displayName: 'SALES' });

		expect(found.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual([
			'Sales "West"',
		]);
		expect(duplicate.status).toBe(409);
		expect(duplicate.body.scimType).toBe('uniqueness');
	});

	it('PATCH renames, adds members, and removes by value filter or by value list', async () => {
		const [ann, bob, cy] = ['ann', 'bob', 'cy'].map((name) =>
			emulator.org.addMember({ email: `${name}@example.com` }),
		);
		if (!ann || !bob || !cy) throw new Error('members missing');
		const team = emulator.org.addTeam({ name: 'Ops', members: [ann.memberId] });

		const result = await scim.patch(`/Groups/${team.teamId}`, {
			schemas: [PATCH_OP],
			Operations: [
				{ op: 'replace', path: 'displayName', value: 'Operations' },
				{ op: 'add', path: 'members', value: [{ value: bob.memberId }, { value: cy.memberId }] },
				{ op: 'remove', path: `members[value eq "${ann.memberId}"]` },
				{ op: 'Remove', path: 'members', value: [{ value: cy.memberId }] },
			],
		});

		expect(result.status).toBe(200);
		expect(emulator.org.getTeam(team.teamId)?.name).toBe('Operations');
		expect(emulator.org.teamMembers(team.teamId).map((m) => m.userId)).toEqual([bob.memberId]);
	});

	it('DELETE answers 204 and deletes the team', async () => {
		const team = emulator.org.addTeam({ name: 'Ops' });

		const result = await scim.delete(`/Groups/${team.teamId}`);

		expect(result.status).toBe(204);
		expect(emulator.org.getTeam(team.teamId)).toBeUndefined();
	});

	it('the SCIM token gets 401 on the REST API', async () => {
		const result = await http('GET', `${emulator.url}/v2/teams`, { token: emulator.scimToken });

		expect(result.status).toBe(401);
	});
});
