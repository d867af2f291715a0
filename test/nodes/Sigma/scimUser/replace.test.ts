import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { byId, byUserName, failure, node, scimRequests, startRecorder } from './helpers';

describe('SCIM user: replace', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 10 });
	});
	afterEach(async () => await sigma.stop());

	const replace = (userId: INodeParameterResourceLocator, fields: IDataObject = {}) =>
		sigma.json(node, {
			parameters: {
				resource: 'scimUser',
				operation: 'replace',
				userId,
				userName: 'new.name@example.com',
				givenName: 'Nora',
				familyName: 'Newman',
				userType: 'Analyze',
				active: false,
				...fields,
			},
		});

	it('overwrites every attribute with one PUT of a whole core User resource', async () => {
		const member = sigma.emulator.org.members[5];
		const recorder = await startRecorder(sigma);
		let user;
		try {
			[user] = await replace(byId(member.memberId));
		} finally {
			await recorder.stop();
		}

		expect(sigma.emulator.org.getMember(member.memberId)).toMatchObject({
			email: 'new.name@example.com',
			firstName: 'Nora',
			lastName: 'Newman',
			memberType: 'Analyze',
			isInactive: true,
		});
		expect(user).toMatchObject({ id: member.memberId, userType: 'Analyze', active: false });
		expect(recorder.recorded).toEqual([
			{
				method: 'PUT',
				path: `/scim/v2/Users/${member.memberId}`,
				contentType: 'application/scim+json',
				body: {
					schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
					userName: 'new.name@example.com',
					name: { givenName: 'Nora', familyName: 'Newman' },
					emails: [{ value: 'new.name@example.com', type: 'work', primary: true }],
					userType: 'Analyze',
					active: false,
				},
			},
		]);
	});

	it('finds the user by user name first, then replaces it', async () => {
		const member = sigma.emulator.org.members[2];

		await replace(byUserName(member.email), { userName: member.email });

		expect(scimRequests(sigma)).toEqual([
			'GET /scim/v2/Users',
			`PUT /scim/v2/Users/${member.memberId}`,
		]);
		expect(sigma.emulator.org.getMember(member.memberId)?.firstName).toBe('Nora');
	});

	it('requires a userType, since a whole user is sent', async () => {
		const member = sigma.emulator.org.members[1];

		const error = await failure(replace(byId(member.memberId), { userType: '' }));

		expect(error.message).toBe(
			'User Type (userType) is empty: enter an account type name, e.g. Build',
		);
		expect(sigma.emulator.log.entries).toEqual([]);
	});

	it('explains a user name that belongs to another user (409)', async () => {
		const [first, second] = sigma.emulator.org.members.slice(1, 3);

		const error = await failure(replace(byId(first.memberId), { userName: second.email }));

		expect(error.message).toContain('HTTP 409');
		expect(error.description).toContain('Another SCIM user already has the user name');
		expect(sigma.emulator.org.getMember(first.memberId)?.email).toBe(first.email);
	});
});
