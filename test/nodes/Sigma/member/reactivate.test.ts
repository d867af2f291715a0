import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { locator, run } from './helpers';

describe('Member > Reactivate', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 5 });
	});
	afterEach(async () => await sigma.stop());

	it('reactivates a deactivated member with PATCH isArchived false', async () => {
		const member = sigma.emulator.org.addMember({ email: 'back@example.com', isArchived: true });

		const output = await run(sigma, {
			resource: 'member',
			operation: 'reactivate',
			memberId: locator('email', 'back@example.com'),
		});

		expect(output[0].json).toEqual({
			memberId: member.memberId,
			reactivated: true,
			member: sigma.emulator.org.getMember(member.memberId),
		});
		expect(sigma.emulator.org.getMember(member.memberId)?.isArchived).toBe(false);
		expect(
			sigma.emulator.log.count({ method: 'PATCH', path: `/v2/members/${member.memberId}` }),
		).toBe(1);
	});

	it('says so, without writing, when the member is already active', async () => {
		const member = sigma.emulator.org.addMember({ email: 'here@example.com' });

		const output = await run(sigma, {
			resource: 'member',
			operation: 'reactivate',
			memberId: locator('id', member.memberId),
		});

		expect(output[0].json).toMatchObject({ reactivated: true, alreadyActive: true });
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(0);
	});

	it('refuses a member deactivated through SCIM and points to the identity provider', async () => {
		const member = sigma.emulator.org.addMember({ email: 'idp@example.com', isInactive: true });

		const output = await run(
			sigma,
			{ resource: 'member', operation: 'reactivate', memberId: locator('id', member.memberId) },
			undefined,
			true,
		);

		expect(output[0].json.error).toMatch(
			/through SCIM: reactivate them there or with the SCIM User resource/,
		);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(0);
	});
});
