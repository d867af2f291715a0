import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, locator, restRequests, run } from './helpers';

describe('Member > Get', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 20 });
	});
	afterEach(async () => await sigma.stop());

	it('reads a member by ID and simplifies it to the fields people map', async () => {
		const member = sigma.emulator.org.members[3];

		const output = await run(sigma, {
			resource: 'member',
			operation: 'get',
			memberId: locator('id', member.memberId),
		});

		expect(output).toEqual([
			{
				json: {
					memberId: member.memberId,
					email: member.email,
					firstName: member.firstName,
					lastName: member.lastName,
					memberType: member.memberType,
					userKind: member.userKind,
					isArchived: member.isArchived,
					isInactive: member.isInactive,
					createdAt: member.createdAt,
					updatedAt: member.updatedAt,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(restRequests(sigma).map((entry) => [entry.method, entry.path])).toEqual([
			['GET', `/v2/members/${member.memberId}`],
		]);
	});

	const findsByEmailUnsimplified =
		'finds a member by email, case-insensitively, and returns everything with Simplify off';
	it(findsByEmailUnsimplified, async () => {
		const member = sigma.emulator.org.members[7];

		const output = await run(sigma, {
			resource: 'member',
			operation: 'get',
			memberId: locator('email', member.email.toUpperCase()),
			simplify: false,
		});

		expect(output[0].json).toEqual(member);
		expect(restRequests(sigma).map((entry) => entry.query)).toEqual([
			{
				email: member.email.toUpperCase(),
				includeArchived: 'true',
				includeInactive: 'true',
				limit: '1',
			},
		]);
	});

	it('takes the member ID from a list pick', async () => {
		const member = sigma.emulator.org.members[2];

		const output = await run(sigma, {
			resource: 'member',
			operation: 'get',
			memberId: locator('list', member.memberId),
		});

		expect(output[0].json.email).toBe(member.email);
	});

	it('rejects an ID with a space before sending anything', async () => {
		const error = await failure(
			run(sigma, { resource: 'member', operation: 'get', memberId: locator('id', 'abc def') }),
		);

		expect(error.message).toMatch(/^Member ID "abc def" is not a valid Sigma ID/);
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});

	it('rejects a malformed email before sending anything', async () => {
		const error = await failure(
			run(sigma, { resource: 'member', operation: 'get', memberId: locator('email', 'ann@') }),
		);

		expect(error.message).toMatch(/^Member email "ann@" is not a valid email address/);
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});

	it('reports an unknown email and an unknown ID per item with Continue On Fail', async () => {
		const known = sigma.emulator.org.members[1];
		const output = await run(
			sigma,
			{ resource: 'member', operation: 'get', memberId: '={{ $json.member }}' },
			[{ member: 'nobody@example.com' }, { member: 'mDoesNotExist' }, { member: known.memberId }],
			true,
		);

		expect(output[0]).toEqual({
			json: {
				error:
					'No member with email "nobody@example.com" exists in this Sigma organization; ' +
					'check the spelling, or create the member first [item 0]',
			},
			pairedItem: { item: 0 },
		});
		expect(output[1].json.error).toMatch(/GET \/v2\/members\/mDoesNotExist failed: HTTP 404/);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[2].json.memberId).toBe(known.memberId);
	});
});
