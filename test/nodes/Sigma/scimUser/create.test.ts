import type { IDataObject } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, node, pairing, scimRequests, startRecorder } from './helpers';

const ann = {
	userName: 'ann.lee@example.com',
	givenName: 'Ann',
	familyName: 'Lee',
	userType: 'Build',
	active: true,
};

describe('SCIM user: create', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 5 });
	});
	afterEach(async () => await sigma.stop());

	const parameters = (fields: IDataObject = {}) => ({
		resource: 'scimUser',
		operation: 'create',
		...ann,
		...fields,
	});

	const createsMemberWithOnePost =
		'creates a Sigma member from the attributes with one POST and returns the simplified user';
	it(createsMemberWithOnePost, async () => {
		const [user] = await sigma.json(node, { parameters: parameters() });

		const member = sigma.emulator.org.findMemberByEmail(ann.userName);
		expect(member).toMatchObject({
			firstName: 'Ann',
			lastName: 'Lee',
			memberType: 'Build',
			isInactive: false,
		});
		expect(user).toEqual({
			id: member?.memberId,
			userName: ann.userName,
			givenName: 'Ann',
			familyName: 'Lee',
			email: ann.userName,
			userType: 'Build',
			active: true,
		});
		expect(scimRequests(sigma)).toEqual(['POST /scim/v2/Users']);
		expect(sigma.emulator.log.count({ path: '/v2/auth/token' })).toBe(0);
	});

	it('sends a core User resource as application/scim+json', async () => {
		const recorder = await startRecorder(sigma);
		try {
			await sigma.json(node, { parameters: parameters({ userType: '' }) });
		} finally {
			await recorder.stop();
		}

		expect(recorder.recorded).toEqual([
			{
				method: 'POST',
				path: '/scim/v2/Users',
				contentType: 'application/scim+json',
				body: {
					schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
					userName: ann.userName,
					name: { givenName: 'Ann', familyName: 'Lee' },
					emails: [{ value: ann.userName, type: 'work', primary: true }],
					active: true,
				},
			},
		]);
		// Without a userType Sigma applies the organization's default account type.
		expect(sigma.emulator.org.findMemberByEmail(ann.userName)?.memberType).toBe('View');
	});

	const createsInactiveRawMember =
		'creates an inactive member when Active is off, and returns the raw resource without Simplify';
	it(createsInactiveRawMember, async () => {
		const [user] = await sigma.json(node, {
			parameters: parameters({ active: false, simplify: false }),
		});

		expect(sigma.emulator.org.findMemberByEmail(ann.userName)?.isInactive).toBe(true);
		expect(user).toMatchObject({
			schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
			userName: ann.userName,
			active: false,
			meta: { resourceType: 'User' },
		});
	});

	it('refuses a userType with spaces around it before sending anything', async () => {
		const error = await failure(
			sigma.json(node, { parameters: parameters({ userType: 'Build ' }) }),
		);

		expect(error.message).toBe(
			'User Type (userType) "Build " has spaces around it: ' +
				'remove them, as Sigma compares account type names exactly',
		);
		expect(sigma.emulator.log.entries).toEqual([]);
	});

	it('refuses a user name that is not an email before sending anything', async () => {
		const error = await failure(sigma.json(node, { parameters: parameters({ userName: 'ann' }) }));

		expect(error.message).toContain('User Name (userName) "ann" is not an email address');
		expect(sigma.emulator.log.entries).toEqual([]);
	});

	const explainsCaseSensitiveTypes =
		'explains that account type names are case-sensitive when Sigma refuses a wrong-case userType';
	it(explainsCaseSensitiveTypes, async () => {
		// "admin" is left for Sigma to judge: organizations on the older license model use it.
		const error = await failure(
			sigma.json(node, { parameters: parameters({ userType: 'admin' }) }),
		);

		expect(error.message).toBe(
			'Sigma SCIM POST /Users failed: HTTP 400 (invalidValue): userType "admin" is not ' +
				'an account type; valid types (case-sensitive): View, Act, Analyze, Build, Admin',
		);
		expect(error.description).toContain('Names are case-sensitive');
		expect(sigma.emulator.org.findMemberByEmail(ann.userName)).toBeUndefined();
	});

	it('explains a taken user name (409 uniqueness), compared without case', async () => {
		const taken = sigma.emulator.org.members[2].email.toUpperCase();

		const error = await failure(sigma.json(node, { parameters: parameters({ userName: taken }) }));

		expect(error.message).toContain('Sigma SCIM POST /Users failed: HTTP 409');
		expect(error.description).toContain(`Another SCIM user already has the user name "${taken}"`);
		expect(error.httpCode).toBe('409');
	});

	it('with Continue On Fail, reports each failing item and creates the others', async () => {
		const taken = sigma.emulator.org.members[1].email;
		const run = await sigma.execute(node, {
			parameters: parameters({ userName: '={{ $json.email }}', userType: '={{ $json.type }}' }),
			items: [
				{ email: 'first@example.com', type: 'View' },
				{ email: 'second@example.com', type: ' View' },
				{ email: taken, type: 'View' },
				{ email: 'fourth@example.com', type: 'Analyze' },
			],
			continueOnFail: true,
		});

		const output = run[0];
		expect(pairing(output)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json.userName).toBe('first@example.com');
		expect(output[1].json.error).toContain('has spaces around it');
		expect(output[2].json.error).toContain('HTTP 409');
		expect(output[3].json.userType).toBe('Analyze');
		expect(sigma.emulator.log.count({ method: 'POST', path: '/scim/v2/Users' })).toBe(3);
	});

	const invalidItemStopsNode =
		'without Continue On Fail, an invalid item stops the node before any user is created';
	it(invalidItemStopsNode, async () => {
		const error = await failure(
			sigma.json(node, {
				parameters: parameters({ userName: '={{ $json.email }}' }),
				items: [{ email: 'first@example.com' }, { email: 'not-an-email' }],
			}),
		);

		expect(error.message).toContain('"not-an-email" is not an email address');
		expect(sigma.emulator.log.entries).toEqual([]);
		expect(sigma.emulator.org.findMemberByEmail('first@example.com')).toBeUndefined();
	});

	it('leaves its input items unchanged', async () => {
		const items = [{ json: { email: 'ann.lee@example.com', nested: { keep: true } } }];
		const before = JSON.stringify(items);

		await sigma.json(node, { parameters: parameters({ userName: '={{ $json.email }}' }), items });

		expect(JSON.stringify(items)).toBe(before);
	});
});
