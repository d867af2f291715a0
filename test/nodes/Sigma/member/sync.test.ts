import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { deepFreeze, run } from './helpers';
import type { ExpectedPlan, HrPerson } from './syncData';
import { hrListWithDifferences, isActive, minimumPlanRequests } from './syncData';

function sync(mode: 'plan' | 'apply', options: IDataObject = {}): INodeParameters {
	return { resource: 'member', operation: 'sync', mode, options } as INodeParameters;
}

/** The output, by action: emails (or `email|team`), and the changes of updates. */
function byAction(output: IDataObject[]) {
	const of = (action: string) => output.filter((json) => json.action === action);
	const emails = (action: string) => of(action).map((json) => json.email as string);
	return {
		create: emails('create'),
		update: new Map(of('update').map((json) => [json.email as string, json.changes])),
		reactivate: emails('reactivate'),
		deactivate: emails('deactivate'),
		teamAdd: of('teamAdd').map((json) => `${json.email}|${json.teamName}`),
		teamRemove: of('teamRemove').map((json) => `${json.email}|${json.teamName}`),
		unchanged: emails('unchanged'),
		skipped: emails('skipped'),
	};
}

const sorted = (values: string[]) => [...values].sort();

describe('Member > Sync From List, a 2,000-person list against an org of 2,000', () => {
	let sigma: SigmaTestbed;
	let list: HrPerson[];
	let expected: ExpectedPlan;
	let teamNames: string[];

	beforeEach(async () => {
		sigma = await startSigma({ members: 2000, teams: 10, seed: 9 });
		({ list, expected } = hrListWithDifferences(sigma.emulator.org, 40));
		teamNames = sigma.emulator.org.teams.map((team) => team.name);
		sigma.emulator.log.clear();
	});
	afterEach(async () => await sigma.stop());

	const options = () => ({ deactivateMissing: true, manageTeams: teamNames });
	const writes = () => sigma.emulator.log.entries.filter((entry) => entry.method !== 'GET');
	const restWrites = () => writes().filter((entry) => entry.api === 'rest');

	const plansExactDifferences =
		'plans exactly the differences (2% of each kind) with the minimum of requests and no write';
	it(plansExactDifferences, async () => {
		const output = (await run(sigma, sync('plan', options()), deepFreeze(list))).map(
			(item) => item.json,
		);

		const actions = byAction(output);
		expect(sorted(actions.create)).toEqual(sorted(expected.create));
		expect(actions.update).toEqual(expected.update);
		expect(sorted(actions.reactivate)).toEqual(sorted(expected.reactivate));
		expect(sorted(actions.deactivate)).toEqual(sorted(expected.deactivate));
		expect(sorted(actions.teamAdd)).toEqual(sorted(expected.teamAdd));
		expect(sorted(actions.teamRemove)).toEqual(sorted(expected.teamRemove));
		expect(sorted(actions.unchanged)).toEqual(sorted(expected.unchanged));
		expect(actions.skipped).toEqual([]);
		expect(output[output.length - 1]).toMatchObject({
			action: 'summary',
			mode: 'plan',
			people: list.length,
			invalid: 0,
			counts: {
				create: 40,
				update: 80,
				reactivate: 40,
				deactivate: 40,
				teamAdd: 80,
				teamRemove: 40,
				unchanged: expected.unchanged.length,
				skipped: 0,
			},
			changes: 320,
		});

		// Only the token exchange is a POST; nothing else but reads.
		expect(writes()).toEqual([expect.objectContaining({ method: 'POST', api: 'token' })]);
		const org = sigma.emulator.org;
		const reads = sigma.emulator.log.entries.filter((entry) => entry.api === 'rest');
		const minimum = minimumPlanRequests(
			org,
			org.teams.map((team) => team.teamId),
		);
		// 3 member pages (2,001 members), whoami, account types, the team list, 10 team lists.
		expect(minimum).toBe(16);
		expect(reads).toHaveLength(minimum);
		expect(sigma.emulator.log.count({ path: '/v2/members' })).toBe(
			Math.ceil(org.members.length / 1000),
		);
		for (const entry of sigma.emulator.log.entries.filter((e) => e.path === '/v2/members')) {
			expect(entry.query).toMatchObject({
				includeArchived: 'true',
				includeInactive: 'true',
				limit: '1000',
			});
		}
		expect(sigma.emulator.log.count({ path: '/v2/whoami' })).toBe(1);
		expect(sigma.emulator.log.count({ path: '/v2/accountTypes' })).toBe(1);
		expect(sigma.emulator.log.count({ path: '/v2/teams' })).toBe(1);
		expect(sigma.emulator.tokensIssued()).toBe(1);
	});

	const pairsItemsForN8n =
		'pairs every item of a person with their input item, and leavers and the summary as n8n needs';
	it(pairsItemsForN8n, async () => {
		const output = await run(sigma, sync('plan', options()), list);

		for (const item of output.slice(0, -1)) {
			const json = item.json;
			if (json.action === 'deactivate') {
				expect(item.pairedItem).toEqual({ item: 0 });
				continue;
			}
			const { item: index } = item.pairedItem as { item: number };
			expect((list[index] as HrPerson).email).toBe(json.email);
		}
		expect(output[output.length - 1].pairedItem).toHaveLength(list.length);
	});

	const appliesOneWritePerChange =
		'makes the org match in Apply mode with one write ' +
		'per change, and a second Apply reports all unchanged';
	it(appliesOneWritePerChange, async () => {
		const output = (
			await run(sigma, sync('apply', { ...options(), concurrency: 4 }), deepFreeze(list))
		).map((item) => item.json);

		const changes = output.filter(
			(json) => json.action !== 'unchanged' && json.action !== 'summary',
		);
		expect(changes).toHaveLength(320);
		expect(changes.every((json) => json.outcome === 'applied')).toBe(true);
		expect(output[output.length - 1]).toMatchObject({ mode: 'apply', applied: 320, failed: 0 });

		const org = sigma.emulator.org;
		for (const person of list) {
			const member = org.findMemberByEmail(person.email);
			expect(member).toBeDefined();
			expect(member && isActive(member)).toBe(true);
			expect(member).toMatchObject({
				firstName: person.firstName,
				lastName: person.lastName,
				memberType: person.memberType,
			});
			const teams = org.memberTeams(member!.memberId).map((team) => team.name);
			expect(sorted(teams)).toEqual(sorted(person.teams));
		}
		for (const email of expected.deactivate) {
			expect(org.findMemberByEmail(email)?.isArchived).toBe(true);
		}
		expect(org.findMemberByEmail('joiner.0@example.com')).toMatchObject({
			memberType: 'View',
			userKind: 'internal',
		});

		const count = (method: string, path: string | RegExp) =>
			sigma.emulator.log.count({ method, path });
		expect(count('POST', '/v2/members')).toBe(40);
		expect(count('PATCH', /^\/v2\/members\/[^/]+$/)).toBe(120);
		expect(count('DELETE', /^\/v2\/members\/[^/]+$/)).toBe(40);
		// One PATCH {add, remove} per team that changes, never one per person.
		const teamPatches = sigma.emulator.log.entries.filter(
			(entry) => entry.method === 'PATCH' && /^\/v2\/teams\/[^/]+\/members$/.test(entry.path),
		);
		const changedTeams = new Set(
			[...expected.teamAdd, ...expected.teamRemove].map((pair) => pair.split('|')[1]),
		);
		expect(teamPatches).toHaveLength(changedTeams.size);
		expect(new Set(teamPatches.map((entry) => entry.path)).size).toBe(teamPatches.length);

		sigma.emulator.log.clear();
		const again = (await run(sigma, sync('apply', options()), list)).map((item) => item.json);
		expect(again.slice(0, -1).every((json) => json.action === 'unchanged')).toBe(true);
		expect(again).toHaveLength(list.length + 1);
		expect(again[again.length - 1]).toMatchObject({ applied: 0, failed: 0 });
		expect(restWrites()).toEqual([]);
		expect(sigma.emulator.log.entries).toHaveLength(
			minimumPlanRequests(
				org,
				org.teams.map((team) => team.teamId),
			),
		);
	});
});
