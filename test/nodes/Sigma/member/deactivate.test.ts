import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, locator, restRequests, run } from './helpers';

describe('Member > Deactivate', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 20 });
	});
	afterEach(async () => await sigma.stop());

	const active = () =>
		sigma.emulator.org.members.filter(
			(m) => !m.isArchived && !m.isInactive && m !== sigma.emulator.org.owner,
		);

	const usesDeleteToArchive =
		"uses Sigma's DELETE, which archives the member and hands documents to the credential owner";
	it(usesDeleteToArchive, async () => {
		const member = active()[0];

		const output = await run(sigma, {
			resource: 'member',
			operation: 'deactivate',
			memberId: locator('id', member.memberId),
		});

		expect(output).toEqual([
			{ json: { memberId: member.memberId, deactivated: true }, pairedItem: { item: 0 } },
		]);
		expect(sigma.emulator.org.getMember(member.memberId)?.isArchived).toBe(true);
		expect(sigma.emulator.org.handoffs).toEqual([
			{ from: member.memberId, to: sigma.emulator.org.owner.memberId },
		]);
		expect(restRequests(sigma).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			`GET /v2/members/${member.memberId}`,
			`DELETE /v2/members/${member.memberId}`,
		]);
	});

	it('hands documents to a New Owner given by email, through PATCH', async () => {
		const [member, heir] = active();

		const output = await run(sigma, {
			resource: 'member',
			operation: 'deactivate',
			memberId: locator('email', member.email),
			options: { newOwnerId: heir.email, archiveScheduledExports: true },
		});

		expect(output[0].json).toEqual({
			memberId: member.memberId,
			deactivated: true,
			newOwnerId: heir.memberId,
		});
		expect(sigma.emulator.org.handoffs).toEqual([{ from: member.memberId, to: heir.memberId }]);
		expect(sigma.emulator.log.count({ method: 'DELETE' })).toBe(0);
		expect(
			sigma.emulator.log.count({ method: 'PATCH', path: `/v2/members/${member.memberId}` }),
		).toBe(1);
	});

	it('refuses a member managed through SCIM, with an explanation, and writes nothing', async () => {
		const member = sigma.emulator.org.addMember({ email: 'scim@example.com', isInactive: true });

		const error = await failure(
			run(sigma, {
				resource: 'member',
				operation: 'deactivate',
				memberId: locator('id', member.memberId),
			}),
		);

		expect(error.message).toBe(
			`Member "scim@example.com" (${member.memberId}) is managed by your identity ` +
				'provider through SCIM: deactivate them there or with the SCIM User resource [item 0]',
		);
		expect(sigma.emulator.log.count({ method: 'DELETE' })).toBe(0);
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(0);
	});

	it('reports an already deactivated member without writing again', async () => {
		const member = sigma.emulator.org.addMember({ email: 'old@example.com', isArchived: true });

		const output = await run(sigma, {
			resource: 'member',
			operation: 'deactivate',
			memberId: locator('id', member.memberId),
		});

		expect(output[0].json).toEqual({
			memberId: member.memberId,
			deactivated: true,
			alreadyDeactivated: true,
		});
		expect(sigma.emulator.log.count({ method: 'DELETE' })).toBe(0);
	});

	const deactivatesBatchReadingOnce =
		'deactivates a batch, reading the member list once, with one failure kept to its item';
	it(deactivatesBatchReadingOnce, async () => {
		const targets = active().slice(0, 12);
		const items = targets.map((m) => ({ email: m.email }));
		items[5] = { email: 'unknown@example.com' };

		const output = await run(
			sigma,
			{
				resource: 'member',
				operation: 'deactivate',
				memberId: '={{ $json.email }}',
				options: { concurrency: 3 },
			},
			items,
			true,
		);

		expect(output[5].json.error).toMatch(/^No member with email "unknown@example.com"/);
		expect(output.filter((item) => item.json.deactivated === true)).toHaveLength(11);
		expect(sigma.emulator.log.count({ method: 'GET', path: '/v2/members' })).toBe(1);
		expect(sigma.emulator.log.count({ method: 'DELETE' })).toBe(11);
	});

	it('rejects a New Owner that is not an ID or an email before sending anything', async () => {
		const error = await failure(
			run(sigma, {
				resource: 'member',
				operation: 'deactivate',
				memberId: locator('id', active()[0].memberId),
				options: { newOwnerId: 'two words' },
			}),
		);

		expect(error.message).toMatch(/^New Owner "two words" is not a valid Sigma ID/);
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});
});
