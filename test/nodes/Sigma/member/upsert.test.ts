import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { deepFreeze, failure, run } from './helpers';

const upsert = {
	resource: 'member',
	operation: 'upsert',
	email: '={{ $json.email }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	memberType: '={{ $json.type }}',
};

function hires(count: number) {
	return Array.from({ length: count }, (_, n) => ({
		email: `hire${n}@example.com`,
		first: 'Hire',
		last: `Number ${n}`,
		type: n % 2 === 0 ? 'Analyze' : 'Build',
	}));
}

const writes = (sigma: SigmaTestbed) =>
	sigma.emulator.log.entries.filter((entry) => entry.api === 'rest' && entry.method !== 'GET')
		.length;

describe('Member > Create or Update', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 30 });
	});
	afterEach(async () => await sigma.stop());

	const createsUpdatesOrLeavesAlone =
		'creates a new member, updates only what differs, and leaves an identical one alone';
	it(createsUpdatesOrLeavesAlone, async () => {
		const org = sigma.emulator.org;
		const changed = org.addMember({
			email: 'Ann.Lee@Example.com',
			firstName: 'Ann',
			lastName: 'Lee',
			memberType: 'View',
		});
		const same = org.addMember({
			email: 'bo.kim@example.com',
			firstName: 'Bo',
			lastName: 'Kim',
			memberType: 'Build',
		});
		const items = deepFreeze([
			{ email: 'ann.lee@example.com', first: 'Ann', last: 'Lee-Smith', type: 'Analyze' },
			{ email: 'bo.kim@example.com', first: 'Bo', last: 'Kim', type: 'Build' },
			{ email: 'cy.new@example.com', first: 'Cy', last: 'New', type: 'Act' },
		]);

		const output = await run(sigma, upsert, items);

		expect(output.map((item) => [item.json.action, item.pairedItem])).toEqual([
			['updated', { item: 0 }],
			['unchanged', { item: 1 }],
			['created', { item: 2 }],
		]);
		expect(output[0].json).toMatchObject({
			memberId: changed.memberId,
			changes: [
				{ field: 'lastName', previous: 'Lee', current: 'Lee-Smith' },
				{ field: 'memberType', previous: 'View', current: 'Analyze' },
			],
		});
		expect(org.getMember(changed.memberId)).toMatchObject({
			email: 'Ann.Lee@Example.com',
			lastName: 'Lee-Smith',
			memberType: 'Analyze',
		});
		expect(output[1].json).toEqual({
			action: 'unchanged',
			memberId: same.memberId,
			member: expect.objectContaining({ email: 'bo.kim@example.com', memberType: 'Build' }),
		});
		expect(Object.keys(output[1].json.member as object).sort()).toEqual(
			[
				'createdAt',
				'email',
				'firstName',
				'isArchived',
				'isInactive',
				'lastName',
				'memberId',
				'memberType',
				'updatedAt',
				'userKind',
			].sort(),
		);
		expect(org.findMemberByEmail('cy.new@example.com')?.memberId).toBe(output[2].json.memberId);

		const lookups = sigma.emulator.log.filter({ method: 'GET', path: '/v2/members' });
		expect(lookups.map((entry) => entry.query)).toEqual(
			items.map((item) => ({
				email: item.email,
				includeArchived: 'true',
				includeInactive: 'true',
				limit: '1',
			})),
		);
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(1);
		expect(sigma.emulator.log.count({ method: 'POST', path: '/v2/members' })).toBe(1);
	});

	const secondRunChangesNothing =
		'gives the same org when a batch runs twice, ' +
		'and the second run reports unchanged without writing';
	it(secondRunChangesNothing, async () => {
		const items = hires(40);
		const first = await run(sigma, { ...upsert, options: { concurrency: 5 } }, items);
		const orgAfterFirst = JSON.stringify(sigma.emulator.org.members);
		sigma.emulator.log.clear();

		const second = await run(sigma, { ...upsert, options: { concurrency: 5 } }, items);

		expect(first.every((item) => item.json.action === 'created')).toBe(true);
		expect(second.map((item) => item.json.action)).toEqual(items.map(() => 'unchanged'));
		expect(second.map((item) => item.json.memberId)).toEqual(
			first.map((item) => item.json.memberId),
		);
		expect(JSON.stringify(sigma.emulator.org.members)).toBe(orgAfterFirst);
		expect(writes(sigma)).toBe(0);
		// 40 emails cost one read of the member list (one page) instead of 40 lookups.
		expect(sigma.emulator.log.filter({ method: 'GET', path: '/v2/members' })).toEqual([
			expect.objectContaining({
				query: { includeArchived: 'true', includeInactive: 'true', limit: '1000' },
			}),
		]);
	});

	const readsListWhileCheaper =
		'in a large org, reads the member list only while that is cheaper than looking emails up';
	it(readsListWhileCheaper, async () => {
		const large = await startSigma({ members: 5000, seed: 9 });
		try {
			const known = large.emulator.org.members.slice(1, 11);
			const items = [
				...known.map((m) => ({
					email: m.email,
					first: m.firstName,
					last: m.lastName,
					type: m.memberType,
				})),
				{ email: 'brand.new1@example.com', first: 'Brand', last: 'New', type: 'View' },
				{ email: 'brand.new2@example.com', first: 'Brand', last: 'New', type: 'View' },
			];

			const output = await run(large, upsert, items);

			expect(output.map((item) => item.json.action)).toEqual([
				...Array(10).fill('unchanged'),
				'created',
				'created',
			]);
			const reads = large.emulator.log.filter({ method: 'GET', path: '/v2/members' });
			// Two pages find the 10 known members; the 2 still missing are cheaper to look up.
			expect(reads.map((entry) => entry.query.email ?? 'page')).toEqual([
				'page',
				'page',
				'brand.new1@example.com',
				'brand.new2@example.com',
			]);
		} finally {
			await large.stop();
		}
	});

	it('finishes a half-done onboarding batch without creating duplicates', async () => {
		const items = hires(20);
		await run(sigma, upsert, items.slice(0, 10));
		const before = sigma.emulator.org.members.length;
		sigma.emulator.log.clear();

		const output = await run(sigma, upsert, items);

		expect(output.map((item) => item.json.action)).toEqual([
			...Array(10).fill('unchanged'),
			...Array(10).fill('created'),
		]);
		expect(sigma.emulator.org.members).toHaveLength(before + 10);
		expect(sigma.emulator.log.count({ method: 'POST', path: '/v2/members' })).toBe(10);
	});

	const findsMemberAfterLostCreate =
		'after a create whose response was lost, finds the member ' +
		'and reports it created, and a re-run changes nothing';
	it(findsMemberAfterLostCreate, async () => {
		const item = [{ email: 'lost@example.com', first: 'Lost', last: 'Reply', type: 'View' }];
		sigma.emulator.faults.inject(
			{ kind: 'lost' },
			{ match: { method: 'POST', path: '/v2/members' } },
		);

		const first = await run(sigma, upsert, item, true);
		const second = await run(sigma, upsert, item, true);

		expect(first[0].json).toMatchObject({ action: 'created', recovered: true });
		expect(second[0].json).toMatchObject({ action: 'unchanged' });
		expect(sigma.emulator.org.members.filter((m) => m.email === 'lost@example.com')).toHaveLength(
			1,
		);
		expect(sigma.emulator.log.count({ method: 'POST', path: '/v2/members' })).toBe(1);
	});

	it('checks every memberType before the first write', async () => {
		const items = hires(5);
		items[4].type = 'analyze';

		const error = await failure(run(sigma, upsert, items));

		expect(error.message).toMatch(/^memberType "analyze" .*did you mean "Analyze"\?/);
		expect(writes(sigma)).toBe(0);
	});

	const keepsDeactivatedUnlessAsked =
		'updates a deactivated member but keeps them deactivated unless asked, and says so';
	it(keepsDeactivatedUnlessAsked, async () => {
		const archived = sigma.emulator.org.addMember({
			email: 'gone@example.com',
			firstName: 'Gone',
			lastName: 'Away',
			memberType: 'View',
			isArchived: true,
		});
		const item = [{ email: 'gone@example.com', first: 'Gone', last: 'Back', type: 'View' }];

		const kept = await run(sigma, upsert, item);
		expect(kept[0].json).toMatchObject({
			action: 'updated',
			memberId: archived.memberId,
			changes: [{ field: 'lastName', previous: 'Away', current: 'Back' }],
			note: expect.stringMatching(/Reactivate Deactivated Members/),
		});
		expect(sigma.emulator.org.getMember(archived.memberId)?.isArchived).toBe(true);

		const revived = await run(sigma, { ...upsert, options: { reactivateArchived: true } }, item);
		expect(revived[0].json).toMatchObject({
			action: 'updated',
			changes: [{ field: 'isArchived', previous: true, current: false }],
		});
		expect(revived[0].json.note).toBeUndefined();
		expect(sigma.emulator.org.getMember(archived.memberId)?.isArchived).toBe(false);
		expect(sigma.emulator.org.members.filter((m) => m.email === 'gone@example.com')).toHaveLength(
			1,
		);
	});

	it('creates one member when the same new email appears twice in a batch', async () => {
		const items = [
			{ email: 'twice@example.com', first: 'Two', last: 'Times', type: 'View' },
			{ email: 'TWICE@example.com', first: 'Two', last: 'Times', type: 'Build' },
		];

		const output = await run(sigma, upsert, items);

		expect(output.map((item) => item.json.action)).toEqual(['created', 'updated']);
		expect(output[1].json.memberId).toBe(output[0].json.memberId);
		const member = sigma.emulator.org.findMemberByEmail('twice@example.com');
		expect(member?.memberType).toBe('Build');
		expect(sigma.emulator.org.members.filter((m) => m.email.startsWith('twice'))).toHaveLength(1);
	});

	it('returns the whole member with Simplify off and applies User Kind', async () => {
		const output = await run(sigma, {
			...upsert,
			email: 'full@example.com',
			firstName: 'Full',
			lastName: 'Record',
			memberType: 'View',
			additionalFields: { userKind: 'guest' },
			simplify: false,
		});

		expect(output[0].json.member).toEqual(sigma.emulator.org.findMemberByEmail('full@example.com'));
		expect((output[0].json.member as { userKind: string }).userKind).toBe('guest');
	});
});
