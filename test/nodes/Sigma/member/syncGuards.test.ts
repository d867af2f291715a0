import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Member } from '../../../emulator';
import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, node, run } from './helpers';
import type { HrPerson } from './syncData';
import { hrListOf, isActive, personOf } from './syncData';

function sync(mode: 'plan' | 'apply', options: IDataObject = {}): INodeParameters {
	return { resource: 'member', operation: 'sync', mode, options } as INodeParameters;
}

describe('Member > Sync From List, guards', () => {
	let sigma: SigmaTestbed;
	let list: HrPerson[];

	beforeEach(async () => {
		sigma = await startSigma({ members: 60, teams: 3, seed: 5 });
		list = hrListOf(sigma.emulator.org);
		sigma.emulator.log.clear();
	});
	afterEach(async () => await sigma.stop());

	const org = () => sigma.emulator.org;
	const restWrites = () =>
		sigma.emulator.log.entries.filter((entry) => entry.api === 'rest' && entry.method !== 'GET');
	const json = async (parameters: INodeParameters, items: IDataObject[] = list) =>
		(await run(sigma, parameters, items)).map((item) => item.json);
	const actionsOf = (output: IDataObject[], email: string) =>
		output.filter((item) => item.email === email).map((item) => item.action);

	const refusesOverMaxDeactivations =
		'refuses Apply and writes nothing when the plan deactivates ' +
		'more than Max Deactivations, saying how many and how to go on';
	it(refusesOverMaxDeactivations, async () => {
		const leaving = list.slice(0, 10).map((person) => person.email);
		const staying = list.slice(10);
		const managed = list.length;

		const error = await failure(run(sigma, sync('apply', { deactivateMissing: true }), staying));

		const limit = Math.floor(managed / 10);
		expect(error.message).toBe(
			'The plan deactivates 10 members, more than Max Deactivations allows ' +
				`(${limit}, of ${managed} active members in the scope). Nothing was changed.`,
		);
		expect(error.description).toBe(
			'Run the node in Plan mode and check the items with action "deactivate". ' +
				'If they are right, set Max Deactivations to 10 ' +
				`(or ${Math.ceil(1000 / managed)}%) and run Apply again; if not, fix the input: ` +
				'every member in the scope who is missing from it is deactivated.',
		);
		expect(restWrites()).toEqual([]);
		for (const email of leaving) expect(org().findMemberByEmail(email)?.isArchived).toBe(false);

		const plan = await json(sync('plan', { deactivateMissing: true }), staying);
		expect(plan.filter((item) => item.action === 'deactivate')).toHaveLength(10);
		expect(plan[plan.length - 1].warning).toMatch(/^Apply would refuse: The plan deactivates 10/);
	});

	const deactivatesWithinCountLimit =
		'deactivates the members missing from the list when their number is within a count limit';
	it(deactivatesWithinCountLimit, async () => {
		const leaving = list.slice(0, 10).map((person) => person.email);

		const output = await json(
			sync('apply', { deactivateMissing: true, maxDeactivations: '10' }),
			list.slice(10),
		);

		const deactivated = output.filter((item) => item.action === 'deactivate');
		expect(deactivated.map((item) => item.email).sort()).toEqual([...leaving].sort());
		expect(deactivated.every((item) => item.outcome === 'applied')).toBe(true);
		for (const email of leaving) expect(org().findMemberByEmail(email)?.isArchived).toBe(true);
		// Sigma's DELETE deactivates and hands the documents to the credential owner.
		expect(sigma.emulator.log.count({ method: 'DELETE' })).toBe(10);
		expect(
			org()
				.handoffs.slice(-10)
				.every((handoff) => handoff.to === org().owner.memberId),
		).toBe(true);
	});

	it('refuses any deactivation with Max Deactivations 0', async () => {
		const error = await failure(
			run(sigma, sync('apply', { deactivateMissing: true, maxDeactivations: '0' }), list.slice(1)),
		);
		expect(error.message).toMatch(
			/^The plan deactivates 1 member, more than Max Deactivations allows \(0,/,
		);
		expect(restWrites()).toEqual([]);
	});

	it('hands the documents of deactivated members to New Owner, given by email', async () => {
		const [heir, leaver] = list;
		const output = await json(
			sync('apply', {
				deactivateMissing: true,
				maxDeactivations: '1',
				newOwnerId: heir.email.toUpperCase(),
			}),
			list.filter((person) => person !== leaver),
		);

		const heirId = org().findMemberByEmail(heir.email)?.memberId;
		const leaverId = org().findMemberByEmail(leaver.email)?.memberId;
		expect(actionsOf(output, leaver.email)).toEqual(['deactivate']);
		expect(org().handoffs[org().handoffs.length - 1]).toEqual({ from: leaverId, to: heirId });
		expect(sigma.emulator.log.count({ method: 'PATCH', path: `/v2/members/${leaverId}` })).toBe(1);
	});

	it('refuses a New Owner who is among the members being deactivated', async () => {
		const leaver = list[0];
		const error = await failure(
			run(
				sigma,
				sync('plan', { deactivateMissing: true, newOwnerId: leaver.email }),
				list.slice(1),
			),
		);
		expect(error.message).toBe(
			`New Owner "${leaver.email}" is one of the members this sync deactivates: ` +
				'choose another. Nothing was changed.',
		);
	});

	it('never deactivates or changes the member who owns the API credentials', async () => {
		const owner = org().owner;
		const output = await json(
			sync('apply', { deactivateMissing: true, maxDeactivations: '100%' }),
			[{ ...personOf(org(), owner), lastName: 'Renamed', memberType: 'View' }],
		);

		expect(actionsOf(output, owner.email)).toEqual(['skipped']);
		expect(output[0].reason).toBe(
			'This member owns the API credentials; a sync never changes or deactivates them.',
		);
		expect(org().owner).toMatchObject({
			lastName: 'Owner',
			memberType: 'Admin',
			isArchived: false,
		});
		expect(sigma.emulator.log.count({ path: `/v2/members/${owner.memberId}` })).toBe(0);
		// Everyone else was missing from the list: all deactivated, the owner left alone.
		expect(output.filter((item) => item.action === 'deactivate')).toHaveLength(list.length);
		expect(sigma.emulator.log.count({ path: '/v2/whoami' })).toBe(1);
	});

	it('reports members deactivated through SCIM as skipped and never writes to them', async () => {
		const [listed, unlisted] = list;
		const scimListed = org().findMemberByEmail(listed.email) as Member;
		const scimUnlisted = org().findMemberByEmail(unlisted.email) as Member;
		org().updateMember(scimListed.memberId, { isInactive: true });
		org().updateMember(scimUnlisted.memberId, { isInactive: true });

		const output = await json(sync('apply', { deactivateMissing: true }), [
			{ ...listed, lastName: 'Changed' },
			...list.slice(2),
		]);

		expect(output[0]).toMatchObject({
			action: 'skipped',
			memberId: scimListed.memberId,
			reason:
				'This member was deactivated through SCIM: ' +
				'your identity provider manages them, so reactivate them there.',
		});
		expect(actionsOf(output, unlisted.email)).toEqual([]);
		expect(restWrites()).toEqual([]);
		expect(scimListed).toMatchObject({
			isInactive: true,
			isArchived: false,
			lastName: listed.lastName,
		});
	});

	const leavesOutsideScopeAlone =
		'leaves members outside the scope alone, whether in the ' +
		'list or missing from it, and creates no one outside it';
	it(leavesOutsideScopeAlone, async () => {
		const partner = org().addMember({
			email: 'pat.partner@partner.example',
			firstName: 'Pat',
			lastName: 'Partner',
		});
		const absentPartner = org().addMember({ email: 'al.absent@partner.example' });
		const scope = { rules: { emailDomains: 'example.com' } };

		const output = await json(sync('apply', { deactivateMissing: true, scope }), [
			...list,
			{ email: partner.email, firstName: 'Pat', lastName: 'Renamed', memberType: 'View' },
			{ email: 'new.partner@partner.example', firstName: 'New', lastName: 'Partner' },
		]);

		expect(actionsOf(output, partner.email)).toEqual(['skipped']);
		expect(actionsOf(output, 'new.partner@partner.example')).toEqual(['skipped']);
		expect(actionsOf(output, absentPartner.email)).toEqual([]);
		expect(output.find((item) => item.email === partner.email)?.reason).toBe(
			'Out of scope: the email domain "partner.example" is not in Scope > Email Domains.',
		);
		expect(partner.lastName).toBe('Partner');
		expect(isActive(absentPartner)).toBe(true);
		expect(org().findMemberByEmail('new.partner@partner.example')).toBeUndefined();
		expect(restWrites()).toEqual([]);
	});

	const scopesByAccountType =
		'limits the scope by account type: members of other types are neither changed nor deactivated';
	it(scopesByAccountType, async () => {
		const admins = list.filter((person) => person.memberType === 'Admin');
		const others = list.filter((person) => person.memberType !== 'Admin');
		expect(admins.length).toBeGreaterThan(0);
		const scope = { rules: { accountTypes: ['View', 'Analyze', 'Act', 'Build'] } };

		const output = await json(
			sync('plan', { deactivateMissing: true, maxDeactivations: '100%', scope }),
			[{ ...others[0], memberType: 'Admin' }],
		);

		expect(output[0].action).toBe('skipped');
		const deactivated = output.filter((item) => item.action === 'deactivate').map((i) => i.email);
		expect(deactivated.sort()).toEqual(
			others
				.slice(1)
				.map((person) => person.email)
				.sort(),
		);
		expect(output[output.length - 1]).toMatchObject({ managedMembers: others.length });
	});

	it('reactivates a returning employee rather than creating them again', async () => {
		const returning = org().members.find((member) => member.isArchived && !member.isInactive);
		expect(returning).toBeDefined();
		const person = { ...personOf(org(), returning!), lastName: 'Returned' };
		const previousLastName = returning!.lastName;

		const output = await json(sync('apply'), [...list, person]);

		expect(output.find((item) => item.email === returning!.email)).toEqual({
			action: 'reactivate',
			email: returning!.email,
			memberId: returning!.memberId,
			changes: [
				{ field: 'isArchived', previous: true, current: false },
				{ field: 'lastName', previous: previousLastName, current: 'Returned' },
			],
			outcome: 'applied',
		});
		expect(returning).toMatchObject({ isArchived: false, lastName: 'Returned' });
		expect(sigma.emulator.log.count({ method: 'POST', path: '/v2/members' })).toBe(0);
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(1);
	});
});

describe('Member > Sync From List, managed teams', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 40, seed: 3 });
	});
	afterEach(async () => await sigma.stop());

	const changesOnlyManagedTeams =
		'changes only managed teams, with one PATCH {add, remove} per team, ' +
		'removing only people in the list';
	it(changesOnlyManagedTeams, async () => {
		const org = sigma.emulator.org;
		const active = org.members.filter((member) => member !== org.owner && isActive(member));
		const [stays, leavesTeam, joins, notListed, other] = active;
		const finance = org.addTeam({
			name: 'Finance',
			members: [stays.memberId, leavesTeam.memberId, notListed.memberId],
		});
		const legal = org.addTeam({ name: 'Legal', members: [other.memberId] });
		const listed = [stays, leavesTeam, joins, other];
		const teamsOf = new Map([
			[stays, ['Finance']],
			[leavesTeam, []],
			[joins, ['finance', 'Legal']],
			[other, []],
		]);
		const items = listed.map((member) => ({
			...personOf(org, member),
			teams: (teamsOf.get(member) ?? []).join(', '),
		}));
		sigma.emulator.log.clear();

		const output = (await run(sigma, sync('apply', { manageTeams: [finance.teamId] }), items)).map(
			(item) => item.json,
		);

		expect(
			output.filter((item) => item.action !== 'unchanged' && item.action !== 'summary'),
		).toEqual([
			{
				action: 'teamRemove',
				email: leavesTeam.email,
				memberId: leavesTeam.memberId,
				teamId: finance.teamId,
				teamName: 'Finance',
				outcome: 'applied',
			},
			{
				action: 'teamAdd',
				email: joins.email,
				memberId: joins.memberId,
				teamId: finance.teamId,
				teamName: 'Finance',
				outcome: 'applied',
			},
		]);
		const financeMembers = org.teamMembers(finance.teamId).map((entry) => entry.userId);
		expect(financeMembers.sort()).toEqual(
			[stays.memberId, joins.memberId, notListed.memberId].sort(),
		);
		expect(org.teamMembers(legal.teamId).map((entry) => entry.userId)).toEqual([other.memberId]);
		expect(sigma.emulator.log.count({ method: 'PATCH' })).toBe(1);
		expect(
			sigma.emulator.log.count({ method: 'GET', path: `/v2/teams/${legal.teamId}/members` }),
		).toBe(0);
	});

	it('lists every team by name for Manage Teams, with the team ID as the value', async () => {
		const zeta = sigma.emulator.org.addTeam({ name: 'Zeta' });
		const alpha = sigma.emulator.org.addTeam({ name: 'alpha' });

		const options = await sigma.runtime.loadOptions(node, 'getTeams', {
			parameters: { resource: 'member', operation: 'sync' },
			credentials: sigma.credentials,
		});

		expect(options).toEqual([
			{ name: 'alpha', value: alpha.teamId },
			{ name: 'Zeta', value: zeta.teamId },
		]);
	});

	it('puts a new member into their managed teams after creating them', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Sales EMEA' });
		const output = (
			await run(sigma, sync('apply', { manageTeams: ['sales emea'] }), [
				{
					email: 'new.hire@example.com',
					firstName: 'New',
					lastName: 'Hire',
					teams: ['Sales EMEA'],
				},
			])
		).map((item) => item.json);

		const created = sigma.emulator.org.findMemberByEmail('new.hire@example.com');
		expect(output.slice(0, 2)).toEqual([
			expect.objectContaining({
				action: 'create',
				memberId: created?.memberId,
				outcome: 'applied',
			}),
			expect.objectContaining({
				action: 'teamAdd',
				memberId: created?.memberId,
				outcome: 'applied',
			}),
		]);
		expect(sigma.emulator.org.teamMembers(team.teamId).map((entry) => entry.userId)).toEqual([
			created?.memberId,
		]);
		expect(sigma.emulator.org.invitesSent).toEqual(['new.hire@example.com']);
	});
});
