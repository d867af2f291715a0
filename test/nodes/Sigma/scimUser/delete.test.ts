import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { byId, node, pairing, scimRequests } from './helpers';

describe('SCIM user: delete', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 10 });
	});
	afterEach(async () => await sigma.stop());

	const deletesWithOneDelete =
		'sends one DELETE and returns deleted: true; Sigma keeps the member, archived and inactive';
	it(deletesWithOneDelete, async () => {
		const member = sigma.emulator.org.members[6];

		const output = await sigma.json(node, {
			parameters: { resource: 'scimUser', operation: 'delete', userId: byId(member.memberId) },
		});

		expect(output).toEqual([{ deleted: true }]);
		expect(scimRequests(sigma)).toEqual([`DELETE /scim/v2/Users/${member.memberId}`]);
		expect(sigma.emulator.org.getMember(member.memberId)).toMatchObject({
			isArchived: true,
			isInactive: true,
		});
	});

	const reportsUnknownIdOnItsItem =
		'with Continue On Fail, reports an unknown ID on its own item and deletes the others';
	it(reportsUnknownIdOnItsItem, async () => {
		const member = sigma.emulator.org.members[7];

		const run = await sigma.execute(node, {
			parameters: { resource: 'scimUser', operation: 'delete', userId: byId('={{ $json.id }}') },
			items: [{ id: 'm-unknown' }, { id: member.memberId }],
			continueOnFail: true,
		});

		expect(pairing(run[0])).toEqual([{ item: 0 }, { item: 1 }]);
		expect(run[0][0].json.error).toContain('HTTP 404');
		expect(run[0][0].json.description).toContain('No SCIM user has the ID "m-unknown"');
		expect(run[0][1].json).toEqual({ deleted: true });
		expect(sigma.emulator.org.getMember(member.memberId)?.isArchived).toBe(true);
	});
});
