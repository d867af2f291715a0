import type { INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { byId, failure, node, startRecorder } from './helpers';

describe('SCIM user: update', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 10 });
	});
	afterEach(async () => await sigma.stop());

	const update = (
		userId: INodeParameterResourceLocator,
		updateFields: INodeParameters,
		extra = {},
	) =>
		sigma.json(node, {
			parameters: { resource: 'scimUser', operation: 'update', userId, updateFields, ...extra },
		});

	const changesOnlyGivenAttributes =
		'changes only the given attributes with one PatchOp of lower-case replace operations';
	it(changesOnlyGivenAttributes, async () => {
		const member = sigma.emulator.org.members[4];
		const recorder = await startRecorder(sigma);
		let user;
		try {
			[user] = await update(byId(member.memberId), { givenName: 'Renamed', userType: 'Admin' });
		} finally {
			await recorder.stop();
		}

		expect(recorder.recorded).toEqual([
			{
				method: 'PATCH',
				path: `/scim/v2/Users/${member.memberId}`,
				contentType: 'application/scim+json',
				body: {
					schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
					Operations: [
						{ op: 'replace', path: 'name.givenName', value: 'Renamed' },
						{ op: 'replace', path: 'userType', value: 'Admin' },
					],
				},
			},
		]);
		expect(sigma.emulator.org.getMember(member.memberId)).toMatchObject({
			firstName: 'Renamed',
			lastName: member.lastName,
			email: member.email,
			memberType: 'Admin',
		});
		expect(user).toMatchObject({ givenName: 'Renamed', userType: 'Admin' });
	});

	it('reads the user back when the server answers the PATCH with 204 and no body', async () => {
		const member = sigma.emulator.org.members[5];
		const recorder = await startRecorder(sigma, { emptyAnswerTo: 'PATCH' });
		let user;
		try {
			[user] = await update(byId(member.memberId), { familyName: 'Quiet' });
		} finally {
			await recorder.stop();
		}

		expect(recorder.recorded.map((request) => request.method)).toEqual(['PATCH', 'GET']);
		expect(user).toMatchObject({ id: member.memberId, familyName: 'Quiet' });
	});

	it('reactivates an inactive user when Active is set', async () => {
		const member = sigma.emulator.org.addMember({ email: 'sleepy@example.com', isInactive: true });

		const [user] = await update(byId(member.memberId), { active: true });

		expect(user.active).toBe(true);
		expect(sigma.emulator.org.getMember(member.memberId)?.isInactive).toBe(false);
	});

	it('changes the user name when asked to', async () => {
		const member = sigma.emulator.org.members[3];

		await update(byId(member.memberId), { userName: 'moved@example.com' });

		expect(sigma.emulator.org.getMember(member.memberId)?.email).toBe('moved@example.com');
	});

	it('refuses an empty Update Fields before sending anything', async () => {
		const error = await failure(update(byId(sigma.emulator.org.members[1].memberId), {}));

		expect(error.message).toBe('Update Fields is empty: add at least one field to change');
		expect(sigma.emulator.log.entries).toEqual([]);
	});

	it('refuses an empty given name rather than blanking it', async () => {
		const error = await failure(
			update(byId(sigma.emulator.org.members[1].memberId), { givenName: ' ' }),
		);

		expect(error.message).toBe(
			'Update Fields > Given Name is empty: enter a name, or remove the field',
		);
	});

	it('explains a wrong-case userType, and leaves the member as it was', async () => {
		const member = sigma.emulator.org.members[2];

		const error = await failure(update(byId(member.memberId), { userType: 'admin' }));

		expect(error.message).toContain(
			'HTTP 400 (invalidValue): userType "admin" is not an account type',
		);
		expect(error.description).toContain('Names are case-sensitive');
		expect(sigma.emulator.org.getMember(member.memberId)?.memberType).toBe(member.memberType);
	});
});
