import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { deepFreeze, failure, locator, restRequests, run } from './helpers';

describe('Member > Update', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 20 });
	});
	afterEach(async () => await sigma.stop());

	const active = () =>
		sigma.emulator.org.members.filter(
			(m) => !m.isArchived && !m.isInactive && m !== sigma.emulator.org.owner,
		);

	it('patches only the given fields of a member found by email', async () => {
		const member = active()[0];
		const before = { ...member };

		const output = await run(sigma, {
			resource: 'member',
			operation: 'update',
			memberId: locator('email', member.email),
			updateFields: { lastName: 'Renamed', memberType: 'Act', userKind: 'guest' },
		});

		expect(output[0].json).toEqual(sigma.emulator.org.getMember(member.memberId));
		expect(sigma.emulator.org.getMember(member.memberId)).toMatchObject({
			firstName: before.firstName,
			email: before.email,
			lastName: 'Renamed',
			memberType: 'Act',
			userKind: 'guest',
		});
		expect(restRequests(sigma).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET /v2/accountTypes',
			'GET /v2/members',
			`PATCH /v2/members/${member.memberId}`,
		]);
	});

	it('checks every memberType first, then updates many members concurrently', async () => {
		const targets = active().slice(0, 12);
		const items = deepFreeze(
			targets.map((m, n) => ({ id: m.memberId, type: n === 11 ? 'Builder' : 'Build' })),
		);
		const parameters = {
			resource: 'member',
			operation: 'update',
			memberId: '={{ $json.id }}',
			updateFields: { memberType: '={{ $json.type }}' },
			options: { concurrency: 4 },
		};

		const error = await failure(run(sigma, parameters, items));
		expect(error.message).toMatch(/^memberType "Builder" is not an account type/);
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(0);

		const output = await run(sigma, parameters, items, true);
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(11);
		expect(output.slice(0, 11).map((item) => item.json.memberType)).toEqual(
			Array(11).fill('Build'),
		);
		expect(output[11]).toEqual({
			json: expect.objectContaining({ error: expect.stringMatching(/"Builder"/) }),
			pairedItem: { item: 11 },
		});
	});

	it('refuses an empty Update Fields before sending anything', async () => {
		const error = await failure(
			run(sigma, {
				resource: 'member',
				operation: 'update',
				memberId: locator('id', active()[0].memberId),
				updateFields: { firstName: '' },
			}),
		);

		expect(error.message).toMatch(/^Update Fields is empty/);
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});

	it("reports Sigma's 409 when the new email belongs to another member", async () => {
		const [member, other] = active();
		const output = await run(
			sigma,
			{
				resource: 'member',
				operation: 'update',
				memberId: locator('id', member.memberId),
				updateFields: { email: other.email },
			},
			undefined,
			true,
		);

		expect(output[0].json.error).toMatch(
			/PATCH .* failed: HTTP 409 \(conflict\): Duplicate record/,
		);
		expect(output[0].json.description).toMatch(/already used/);
	});
});
