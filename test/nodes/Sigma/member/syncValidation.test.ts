import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { deepFreeze, failure, run } from './helpers';
import type { HrPerson } from './syncData';
import { hrListOf } from './syncData';

function sync(mode: 'plan' | 'apply', options: IDataObject = {}, more: IDataObject = {}) {
	return { resource: 'member', operation: 'sync', mode, options, ...more } as INodeParameters;
}

describe('Member > Sync From List, input validation', () => {
	let sigma: SigmaTestbed;
	let list: HrPerson[];

	beforeEach(async () => {
		sigma = await startSigma({ members: 30, teams: 2, seed: 4 });
		list = hrListOf(sigma.emulator.org);
		sigma.emulator.log.clear();
	});
	afterEach(async () => await sigma.stop());

	const requests = () => sigma.emulator.log.entries;
	const restWrites = () =>
		requests().filter((entry) => entry.api === 'rest' && entry.method !== 'GET');

	it.each([
		[
			'a bad email',
			{ email: 'ann.example.com' },
			'Email (field "email") "ann.example.com" is not a valid email address; ' +
				'use the form name@example.com [item 3]',
		],
		[
			'a missing email',
			{ email: undefined },
			'The item has no email in field "email", the key of the sync; fill it in the list, ' +
				'or map the field that holds the email in Input Fields > Email Field [item 3]',
		],
		[
			'an email that is an object',
			{ email: { work: 'ann@example.com' } },
			'Field "email" is an object, not text; ' +
				'point Input Fields > Email Field at the field that holds the email [item 3]',
		],
	])(
		'fails the run on %s, naming the item and the fix, before any request',
		async (_, change, message) => {
			const items: IDataObject[] = [...list];
			items[3] = { ...list[3], ...change };

			const error = await failure(run(sigma, sync('apply', { deactivateMissing: true }), items));

			expect(error.message).toBe(message);
			expect(requests()).toEqual([]);
		},
	);

	it('fails the run on a duplicate email, naming both items, before any request', async () => {
		const items = [...list, { ...list[1], email: list[1].email.toUpperCase() }];

		const error = await failure(run(sigma, sync('plan'), items));

		expect(error.message).toBe(
			`Email "${list[1].email.toUpperCase()}" is also in item 1; each person must be in ` +
				`the list once. Remove the duplicate, or correct the email [item ${list.length}]`,
		);
		expect(requests()).toEqual([]);
	});

	const failsOnUnknownAccountType =
		'fails the run on an unknown account type before any write, and suggests the right case';
	it(failsOnUnknownAccountType, async () => {
		const items = [...list];
		items[2] = { ...list[2], memberType: 'build' };

		const error = await failure(run(sigma, sync('apply', { deactivateMissing: true }), items));

		expect(error.message).toBe(
			'memberType "build" is not an account type in this organization; ' +
				'did you mean "Build"? Valid: View, Act, Analyze, Build, Admin [item 2]',
		);
		expect(restWrites()).toEqual([]);
		expect(sigma.emulator.log.count({ path: '/v2/accountTypes' })).toBe(1);
		expect(sigma.emulator.log.count({ path: '/v2/members' })).toBe(0);
	});

	it('fails the run when a person must be created but has no last name', async () => {
		const items = [...list, { email: 'new@example.com', firstName: 'New' }];

		const error = await failure(run(sigma, sync('apply'), items));

		expect(error.message).toBe(
			'"new@example.com" is not in Sigma yet, and creating a member needs a first ' +
				'and a last name, but the item has no last name; fill it in the list, ' +
				`or map the field that holds it in Input Fields [item ${list.length}]`,
		);
		expect(restWrites()).toEqual([]);
	});

	const failsOnlyInvalidPeople =
		'with Continue On Fail fails only the invalid people, and never deactivates their members';
	it(failsOnlyInvalidPeople, async () => {
		const items: IDataObject[] = deepFreeze([
			{ ...list[0], memberType: 'Superuser' },
			{ ...list[1], email: list[1].email.replace('@', '@@') },
			{ ...list[2], lastName: 'Renamed' },
			{ ...list[3] },
			{ ...list[3] },
			...list.slice(5),
		]);

		const output = await run(
			sigma,
			sync('apply', { deactivateMissing: true, maxDeactivations: '100%' }),
			items,
			true,
		);

		const json = output.map((item) => item.json);
		expect(json[0].error).toMatch(/^memberType "Superuser" is not an account type/);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(json[1].error).toMatch(/is not a valid email address/);
		expect(json[2]).toMatchObject({ action: 'update', email: list[2].email, outcome: 'applied' });
		expect(json[3].error).toMatch(/is also in item 4; each person must be in the list once/);
		expect(json[4].error).toMatch(/is also in item 3; each person must be in the list once/);
		expect(json[json.length - 1]).toMatchObject({
			action: 'summary',
			invalid: 4,
			people: list.length - 4,
			counts: { deactivate: 0, update: 1 },
		});
		// list[4] is missing, but item 1 has no valid email and could be anyone: no deactivation.
		for (const person of list.slice(0, 5)) {
			expect(sigma.emulator.org.findMemberByEmail(person.email)?.isArchived).toBe(false);
		}
		expect(json.filter((item) => item.action === 'deactivate')).toEqual([]);
		expect(json[json.length - 1].warning).toBe(
			'No member was deactivated: 1 item has no valid email, so the sync cannot ' +
				'tell whose it is. Fix it (see the error items) and run the sync again.',
		);
	});

	const deactivatesLeaversDespiteInvalidItems =
		'with Continue On Fail still deactivates leavers when every invalid item has a valid email';
	it(deactivatesLeaversDespiteInvalidItems, async () => {
		const items = [{ ...list[0], memberType: 'Superuser' }, ...list.slice(2)];

		const output = await run(
			sigma,
			sync('apply', { deactivateMissing: true, maxDeactivations: '1' }),
			items,
			true,
		);

		const json = output.map((item) => item.json);
		expect(json.filter((item) => item.action === 'deactivate').map((item) => item.email)).toEqual([
			list[1].email,
		]);
		expect(sigma.emulator.org.findMemberByEmail(list[0].email)?.isArchived).toBe(false);
		expect(sigma.emulator.org.findMemberByEmail(list[1].email)?.isArchived).toBe(true);
	});

	it.each([
		['no items', []],
		['the single empty item of Always Output Data', [{}]],
	])('refuses %s with Deactivate Missing Members on, before any request', async (_, items) => {
		const error = await failure(run(sigma, sync('apply', { deactivateMissing: true }), items));

		expect(error.message).toBe(
			'The input is empty, and Deactivate Missing Members is on: ' +
				'that would deactivate every member in the scope. Nothing was changed.',
		);
		expect(requests()).toEqual([]);
	});

	const plansSummaryForEmptyInput =
		'plans nothing but the summary for an empty input without Deactivate Missing Members';
	it(plansSummaryForEmptyInput, async () => {
		const output = await run(sigma, sync('plan'), []);

		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ action: 'summary', people: 0, changes: 0 });
	});

	const refusesTeamsWithoutField =
		'refuses to manage teams when no item has the teams field, which would empty the teams';
	it(refusesTeamsWithoutField, async () => {
		const items = list.map(({ teams: _teams, ...rest }) => rest);
		const team = sigma.emulator.org.teams[0];

		const error = await failure(run(sigma, sync('apply', { manageTeams: [team.teamId] }), items));

		expect(error.message).toBe(
			'No input item has the field "teams", so every person would be ' +
				'removed from the managed teams; map the field that lists each ' +
				"person's teams in Input Fields > Teams Field. Nothing was changed.",
		);
		expect(requests()).toEqual([]);
	});

	it('fails the run, before any write, on a managed team that does not exist', async () => {
		const error = await failure(
			run(sigma, sync('apply', { manageTeams: ['Finance', 'Nonexistent'] }), list),
		);

		expect(error.message).toBe(
			'Manage Teams: no team has the name or ID "Nonexistent" in this Sigma organization; ' +
				'pick the teams from the list, or correct the expression. Nothing was changed.',
		);
		expect(restWrites()).toEqual([]);
	});

	it('refuses a Max Deactivations that is neither a count nor a percentage', async () => {
		const error = await failure(run(sigma, sync('plan', { maxDeactivations: 'ten' }), list));

		expect(error.message).toBe(
			'Max Deactivations "ten" is neither a count nor a percentage; ' +
				'enter e.g. 25 or 5% (0 refuses any deactivation)',
		);
		expect(requests()).toEqual([]);
	});

	it('reads mapped fields, dotted paths and comma-separated teams', async () => {
		const [member] = sigma.emulator.org.members.filter(
			(m) => m !== sigma.emulator.org.owner && !m.isArchived && !m.isInactive,
		);
		const [first, second] = sigma.emulator.org.teams;
		const fields = {
			email: 'person.mail',
			firstName: 'person.given',
			lastName: 'family name',
			memberType: 'type',
			teams: 'departments',
		};
		const item = {
			person: { mail: ` ${member.email.toUpperCase()} `, given: member.firstName },
			'family name': 'Changed',
			type: member.memberType,
			departments: `${first.name}, ${second.name}`,
		};

		const output = await run(
			sigma,
			sync('plan', { manageTeams: [first.teamId, second.teamId] }, { fields }),
			[item],
		);

		const json = output.map((entry) => entry.json);
		expect(json[0]).toEqual({
			action: 'update',
			email: member.email,
			memberId: member.memberId,
			changes: [{ field: 'lastName', previous: member.lastName, current: 'Changed' }],
		});
		const teams = sigma.emulator.org.memberTeams(member.memberId).map((team) => team.teamId);
		const adds = json.filter((entry) => entry.action === 'teamAdd').map((entry) => entry.teamId);
		expect(adds.sort()).toEqual(
			[first.teamId, second.teamId].filter((id) => !teams.includes(id)).sort(),
		);
	});
});
