import { logLines } from '../../../harness/runtime';
import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, restRequests, run } from './helpers';

const fromItems = {
	resource: 'member',
	operation: 'create',
	email: '={{ $json.email }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	memberType: '={{ $json.type }}',
};

function onboarding(count: number, type = 'Analyze') {
	return Array.from({ length: count }, (_, n) => ({
		email: `new.hire${n}@example.com`,
		first: 'New',
		last: `Hire ${n}`,
		type,
	}));
}

describe('Member > Create', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 20, teams: 3 });
	});
	afterEach(async () => await sigma.stop());

	const sendsCreateBodyAndInvite =
		"sends Sigma's create body, team memberships with admin flags, and sendInvite as a query";
	it(sendsCreateBodyAndInvite, async () => {
		const [finance, sales] = sigma.emulator.org.teams;
		const output = await run(sigma, {
			resource: 'member',
			operation: 'create',
			email: 'ann.lee@example.com',
			firstName: 'Ann',
			lastName: 'Lee',
			memberType: 'Build',
			additionalFields: {
				userKind: 'guest',
				addToTeams: {
					teams: [
						{ teamId: finance.teamId, isTeamAdmin: true },
						{ teamId: sales.teamId, isTeamAdmin: false },
					],
				},
			},
			options: { sendInvite: false },
		});

		const created = sigma.emulator.org.findMemberByEmail('ann.lee@example.com')!;
		expect(created).toMatchObject({
			firstName: 'Ann',
			lastName: 'Lee',
			memberType: 'Build',
			userKind: 'guest',
		});
		expect(output).toEqual([{ json: created, pairedItem: { item: 0 } }]);
		const membership = (teamId: string) =>
			sigma.emulator.org.teamMembers(teamId).find((entry) => entry.userId === created.memberId);
		expect(membership(finance.teamId)?.isTeamAdmin).toBe(true);
		expect(membership(sales.teamId)?.isTeamAdmin).toBe(false);
		expect(sigma.emulator.org.invitesSent).not.toContain('ann.lee@example.com');

		const post = sigma.emulator.log.filter({ method: 'POST', path: '/v2/members' });
		expect(post).toHaveLength(1);
		expect(post[0].query).toEqual({ sendInvite: 'false' });
		expect(sigma.emulator.log.count({ method: 'GET', path: '/v2/accountTypes' })).toBe(1);
	});

	const invitesByDefaultWithoutType =
		'invites by default and leaves the account type to Sigma when Member Type is empty';
	it(invitesByDefaultWithoutType, async () => {
		await run(sigma, {
			resource: 'member',
			operation: 'create',
			email: 'bo.kim@example.com',
			firstName: 'Bo',
			lastName: 'Kim',
			memberType: '',
		});

		expect(sigma.emulator.org.findMemberByEmail('bo.kim@example.com')?.memberType).toBe('View');
		expect(sigma.emulator.org.invitesSent).toContain('bo.kim@example.com');
		expect(sigma.emulator.log.count({ path: '/v2/accountTypes' })).toBe(0);
		expect(sigma.emulator.log.filter({ method: 'POST', path: '/v2/members' })[0].query).toEqual({
			sendInvite: 'true',
		});
	});

	it('checks every item for bad input before sending any request', async () => {
		const items = [
			{ email: 'ok@example.com', first: 'Ok', last: 'Item', type: 'View' },
			{ email: 'not-an-email', first: 'Bad', last: 'Item', type: 'View' },
		];

		const error = await failure(run(sigma, fromItems, items));

		expect(error.message).toBe(
			'Email "not-an-email" is not a valid email address; use the form name@example.com [item 1]',
		);
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});

	it('names the missing field when a required name is empty', async () => {
		const output = await run(
			sigma,
			fromItems,
			[{ email: 'x@example.com', first: ' ', last: 'Y', type: 'View' }],
			true,
		);

		expect(output).toEqual([
			{
				json: { error: 'First Name is empty; enter a value or map one from the input [item 0]' },
				pairedItem: { item: 0 },
			},
		]);
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});

	const failsTakenEmailWithoutRetry =
		'fails an item whose email is taken, naming the existing member, without a second POST';
	it(failsTakenEmailWithoutRetry, async () => {
		const existing = sigma.emulator.org.members[5];
		const items = [
			{ email: existing.email.toUpperCase(), first: 'Dup', last: 'Licate', type: 'View' },
			{ email: 'fresh@example.com', first: 'Fresh', last: 'Face', type: 'View' },
		];

		const output = await run(sigma, fromItems, items, true);

		expect(output[0].json.error).toBe(
			`A member with email "${existing.email}" already exists (member ID ${existing.memberId}, ` +
				`${existing.isArchived ? 'deactivated' : 'active'}) [item 0]`,
		);
		expect(output[0].json.description).toMatch(/Create or Update/);
		expect(output[1].json.email).toBe('fresh@example.com');
		expect(sigma.emulator.log.count({ method: 'POST', path: '/v2/members' })).toBe(2);
	});

	const resendsOnlyWhenNoMemberExists =
		'after a 502 sends the create again only once ' +
		'Sigma shows no such member, so none is duplicated';
	it(resendsOnlyWhenNoMemberExists, async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 502 },
			{ match: { method: 'POST', path: '/v2/members' } },
		);

		const output = await run(
			sigma,
			fromItems,
			[{ email: 'once@example.com', first: 'Once', last: 'Only', type: 'View' }],
			true,
		);

		expect(output[0].json).toEqual(sigma.emulator.org.findMemberByEmail('once@example.com'));
		expect(restRequests(sigma).map((entry) => `${entry.method} ${entry.status}`)).toEqual([
			'GET 200',
			'POST 502',
			'GET 200',
			'POST 200',
		]);
	});

	it('retries a 429 on POST with concurrency, and every member is created once', async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 429, retryAfter: 0 },
			{ match: { method: 'POST', path: '/v2/members' }, times: 3 },
		);

		const output = await run(sigma, { ...fromItems, options: { concurrency: 4 } }, onboarding(8));

		expect(output.map((item) => item.json.email)).toEqual(onboarding(8).map((item) => item.email));
		expect(sigma.emulator.log.count({ method: 'POST', path: '/v2/members' })).toBe(8 + 3);
		expect(sigma.emulator.tokensIssued()).toBe(1);
	});

	const warnsWhenTypesUnlisted =
		'warns once and lets Sigma judge each memberType when account types may not be listed';
	it(warnsWhenTypesUnlisted, async () => {
		sigma.emulator.options.accountTypesForbidden = true;
		const warningsBefore = logLines.filter((line) => line.level === 'warn').length;
		const items = onboarding(3);
		items[1].type = 'Nonsense';

		const output = await run(sigma, fromItems, items, true);

		const warnings = logLines.filter((line) => line.level === 'warn').slice(warningsBefore);
		expect(warnings).toHaveLength(1);
		expect(warnings[0].message).toMatch(/may not list account types/);
		expect(sigma.emulator.log.count({ method: 'GET', path: '/v2/accountTypes' })).toBe(1);
		expect(output[0].json.email).toBe('new.hire0@example.com');
		expect(output[1].json.error).toMatch(/HTTP 404 \(not_found\): Member type name is not found/);
		expect(output[2].json.email).toBe('new.hire2@example.com');
	});
});
