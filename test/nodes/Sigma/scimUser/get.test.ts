import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { byId, byUserName, failure, fromList, node, scimQueries, scimRequests } from './helpers';

describe('SCIM user: get', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		sigma = await startSigma({ members: 20 });
	});
	afterAll(async () => await sigma.stop());
	beforeEach(() => sigma.emulator.log.clear());

	const get = (userId: INodeParameterResourceLocator, extra: IDataObject = {}) =>
		sigma.json(node, {
			parameters: { resource: 'scimUser', operation: 'get', userId, ...extra },
		});

	it('returns the simplified user by ID with one SCIM request', async () => {
		const member = sigma.emulator.org.members[3];

		const [user] = await get(byId(member.memberId));

		expect(user).toEqual({
			id: member.memberId,
			userName: member.email,
			givenName: member.firstName,
			familyName: member.lastName,
			email: member.email,
			userType: member.memberType,
			active: !member.isInactive,
		});
		expect(scimRequests(sigma)).toEqual([`GET /scim/v2/Users/${member.memberId}`]);
	});

	it('returns the raw SCIM resource when Simplify is off', async () => {
		const member = sigma.emulator.org.members[4];

		const [user] = await get(fromList(member.memberId), { simplify: false });

		expect(user).toMatchObject({
			schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
			id: member.memberId,
			emails: [{ value: member.email, type: 'work', primary: true }],
			meta: { resourceType: 'User' },
		});
	});

	const findsUserByUserName =
		'finds a user by user name whatever its case, ' +
		'with quotes and backslashes escaped in the filter';
	it(findsUserByUserName, async () => {
		const odd = sigma.emulator.org.addMember({ email: 'o"brien\\ops@example.com' });

		const [user] = await get(byUserName('O"Brien\\Ops@Example.com'));

		expect(user.id).toBe(odd.memberId);
		expect(scimQueries(sigma)[0].filter).toBe('userName eq "O\\"Brien\\\\Ops@Example.com"');
		expect(scimRequests(sigma)).toEqual([
			'GET /scim/v2/Users',
			`GET /scim/v2/Users/${odd.memberId}`,
		]);
	});

	it('says which user name has no user, without a further request', async () => {
		const error = await failure(get(byUserName('nobody@example.com')));

		expect(error.message).toBe('No SCIM user has the userName "nobody@example.com"');
		expect(scimRequests(sigma)).toEqual(['GET /scim/v2/Users']);
	});

	it('explains an unknown ID (404)', async () => {
		const error = await failure(get(byId('m-unknown')));

		expect(error.message).toBe(
			'Sigma SCIM GET /Users/m-unknown failed: HTTP 404: User m-unknown not found',
		);
		expect(error.description).toContain('No SCIM user has the ID "m-unknown"');
	});

	it('refuses an ID with a slash or spaces before sending anything', async () => {
		const error = await failure(get(byId('m1/../Groups')));

		expect(error.message).toContain('User (userId) "m1/../Groups" is not an ID');
		expect(sigma.emulator.log.entries).toEqual([]);
	});

	it('refuses an empty locator, naming the parameter', async () => {
		const error = await failure(get(fromList('')));

		expect(error.message).toBe('User (userId) is empty: pick one from the list, or enter its ID');
	});
});
