import type { INodeParameterResourceLocator } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { byId, byUserName, failure, node, scimRequests, startRecorder } from './helpers';

describe('SCIM user: deactivate', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 10 });
	});
	afterEach(async () => await sigma.stop());

	const deactivate = (userId: INodeParameterResourceLocator) =>
		sigma.json(node, { parameters: { resource: 'scimUser', operation: 'deactivate', userId } });

	const activeMember = () => {
		const member = sigma.emulator.org.members.find(
			(m) => !m.isInactive && !m.isArchived && m !== sigma.emulator.org.owner,
		);
		if (!member) throw new Error('the generated org has no active member');
		return member;
	};

	it('sets active to false with one PatchOp and reports the user as deactivated', async () => {
		const member = activeMember();
		const recorder = await startRecorder(sigma);
		let output;
		try {
			output = await deactivate(byId(member.memberId));
		} finally {
			await recorder.stop();
		}

		expect(output).toEqual([{ id: member.memberId, deactivated: true }]);
		expect(recorder.recorded).toEqual([
			{
				method: 'PATCH',
				path: `/scim/v2/Users/${member.memberId}`,
				contentType: 'application/scim+json',
				body: {
					schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
					Operations: [{ op: 'replace', path: 'active', value: false }],
				},
			},
		]);
	});

	const inactiveOnRestSide =
		'makes the member inactive on the REST side, as the Member Get operation reads it';
	it(inactiveOnRestSide, async () => {
		const member = activeMember();

		await deactivate(byUserName(member.email.toUpperCase()));

		expect(sigma.emulator.org.getMember(member.memberId)).toMatchObject({
			isInactive: true,
			isArchived: false,
		});
		const [seen] = await sigma.json(node, {
			parameters: {
				resource: 'member',
				operation: 'get',
				memberId: byId(member.memberId),
				simplify: false,
			},
		});
		expect(seen).toMatchObject({ memberId: member.memberId, isInactive: true });
		expect(scimRequests(sigma)).toEqual([
			'GET /scim/v2/Users',
			`PATCH /scim/v2/Users/${member.memberId}`,
		]);
	});

	it('explains an unknown ID (404) and changes nothing', async () => {
		const error = await failure(deactivate(byId('m-gone')));

		expect(error.message).toContain('Sigma SCIM PATCH /Users/m-gone failed: HTTP 404');
		expect(error.description).toContain('No SCIM user has the ID "m-gone"');
	});
});
