import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, run } from './helpers';
import type { HrPerson } from './syncData';
import { hrListOf } from './syncData';

function sync(mode: 'plan' | 'apply', options: IDataObject = {}): INodeParameters {
	return { resource: 'member', operation: 'sync', mode, options } as INodeParameters;
}

const joiners = (count: number): HrPerson[] =>
	Array.from({ length: count }, (_, n) => ({
		email: `joiner.${n}@example.com`,
		firstName: 'Joiner',
		lastName: `Number${n}`,
		memberType: 'Analyze',
		teams: ['Finance'],
	}));

describe('Member > Sync From List, applying', () => {
	let sigma: SigmaTestbed;
	let list: HrPerson[];

	beforeEach(async () => {
		sigma = await startSigma({ members: 30, seed: 8 });
		sigma.emulator.org.addTeam({ name: 'Finance' });
		list = hrListOf(sigma.emulator.org);
		sigma.emulator.log.clear();
	});
	afterEach(async () => await sigma.stop());

	const json = async (parameters: INodeParameters, items: IDataObject[], continueOnFail = false) =>
		(await run(sigma, parameters, items, continueOnFail)).map((item) => item.json);
	const membersWith = (email: string) =>
		sigma.emulator.org.members.filter((member) => member.email === email);

	const lostCreateCountsAsApplied =
		'reports a create whose answer was lost as applied, ' +
		'without a duplicate, and a re-run as unchanged';
	it(lostCreateCountsAsApplied, async () => {
		const [joiner] = joiners(1);
		sigma.emulator.faults.inject(
			{ kind: 'lost' },
			{ match: { method: 'POST', path: '/v2/members' } },
		);

		const output = await json(sync('apply', { manageTeams: ['Finance'] }), [...list, joiner]);

		const created = membersWith(joiner.email);
		expect(created).toHaveLength(1);
		expect(output.filter((item) => item.email === joiner.email)).toEqual([
			{
				action: 'create',
				email: joiner.email,
				memberId: created[0].memberId,
				changes: [
					{ field: 'firstName', previous: null, current: 'Joiner' },
					{ field: 'lastName', previous: null, current: 'Number0' },
					{ field: 'memberType', previous: null, current: 'Analyze' },
				],
				outcome: 'applied',
				note: "Sigma's answer to the create was lost, but the member exists: found by email.",
			},
			expect.objectContaining({ action: 'teamAdd', outcome: 'applied' }),
		]);
		expect(sigma.emulator.log.entries.some((entry) => entry.fault === 'lost')).toBe(true);

		const again = await json(sync('apply', { manageTeams: ['Finance'] }), [...list, joiner]);
		expect(again.slice(0, -1).every((item) => item.action === 'unchanged')).toBe(true);
		expect(membersWith(joiner.email)).toHaveLength(1);
	});

	const continuesPastFailedWrite =
		'with Continue On Fail reports a failed write on its item, ' +
		'skips what depends on it, and applies the rest';
	it(continuesPastFailedWrite, async () => {
		const [failing, passing] = joiners(2);
		const renamed = { ...list[0], lastName: 'Renamed' };
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 400 },
			{ match: { method: 'POST', path: '/v2/members' } },
		);

		const output = await json(
			sync('apply', { manageTeams: ['Finance'] }),
			[renamed, ...list.slice(1), failing, passing],
			true,
		);

		const of = (email: string) => output.filter((item) => item.email === email);
		expect(of(failing.email)).toEqual([
			expect.objectContaining({
				action: 'create',
				outcome: 'failed',
				error: 'Sigma POST /v2/members failed: HTTP 400 (bad_request): HTTP 400',
			}),
			expect.objectContaining({
				action: 'teamAdd',
				outcome: 'failed',
				error: `Not attempted: the create of "${failing.email}" failed first`,
			}),
		]);
		expect(of(failing.email)[0].description).toMatch(/^Check the values sent for this item\./);
		expect(of(passing.email).map((item) => item.outcome)).toEqual(['applied', 'applied']);
		expect(of(renamed.email)).toEqual([expect.objectContaining({ outcome: 'applied' })]);
		expect(output[output.length - 1]).toMatchObject({ applied: 3, failed: 2 });
		expect(membersWith(failing.email)).toEqual([]);
		expect(sigma.emulator.org.findMemberByEmail(renamed.email)?.lastName).toBe('Renamed');
	});

	const stopsAtFirstFailedWrite =
		'without Continue On Fail stops at the first failed write, ' +
		'says how far it got, and a re-run finishes the job';
	it(stopsAtFirstFailedWrite, async () => {
		const people = [...list, ...joiners(3)];
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 400 },
			{ match: { method: 'POST', path: '/v2/members' } },
		);

		const error = await failure(run(sigma, sync('apply', { manageTeams: ['Finance'] }), people));

		expect(error.message).toBe(
			'Sync stopped: creating "joiner.0@example.com" failed: ' +
				'Sigma POST /v2/members failed: HTTP 400 (bad_request): HTTP 400',
		);
		expect(error.description).toMatch(
			new RegExp(
				"^0 of the plan's 6 changes had been applied; none is undone\\. " +
					'Fix the cause and run the sync again',
			),
		);
		expect(membersWith('joiner.0@example.com')).toEqual([]);

		const output = await json(sync('apply', { manageTeams: ['Finance'] }), people);
		expect(output[output.length - 1]).toMatchObject({
			applied: 6,
			failed: 0,
			counts: { create: 3, teamAdd: 3 },
		});
	});

	it('retries writes that Sigma rate-limits, and applies them', async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 429, retryAfter: 0 },
			{ match: { method: 'PATCH' }, times: 2 },
		);
		const renamed = { ...list[0], firstName: 'Renamed' };

		const output = await json(sync('apply'), [renamed, ...list.slice(1)]);

		expect(output[0]).toMatchObject({ action: 'update', outcome: 'applied' });
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(3);
		expect(sigma.emulator.org.findMemberByEmail(renamed.email)?.firstName).toBe('Renamed');
	});

	it('sends no invitation to new members when Send Invite is off', async () => {
		await json(sync('apply', { sendInvite: false }), [...list, ...joiners(2)]);

		expect(membersWith('joiner.1@example.com')).toHaveLength(1);
		expect(sigma.emulator.org.invitesSent).toEqual([]);
	});
});
