import {
	allowedDeactivations,
	parseDeactivationLimit,
	parseEmailDomains,
	planSync,
	resolveTeams,
} from '../../../../nodes/Sigma/resources/member/sync/plan';
import type {
	ManagedTeam,
	Person,
	PlanInput,
} from '../../../../nodes/Sigma/resources/member/sync/plan';
import type { SigmaMember } from '../../../../nodes/Sigma/shared/members';

let nextId = 0;
function member(email: string, fields: Partial<SigmaMember> = {}): SigmaMember {
	return {
		memberId: `m${++nextId}`,
		email,
		firstName: 'Ann',
		lastName: 'Lee',
		memberType: 'View',
		userKind: 'internal',
		isArchived: false,
		isInactive: false,
		...fields,
	};
}

const owner = member('owner@example.com', { memberType: 'Admin' });

function person(itemIndex: number, email: string, fields: Partial<Person> = {}): Person {
	return { itemIndex, email, firstName: 'Ann', lastName: 'Lee', memberType: 'View', ...fields };
}

function plan(overrides: Partial<PlanInput>) {
	return planSync({
		people: [],
		heldBack: new Set(),
		members: [owner],
		ownerId: owner.memberId,
		deactivateMissing: false,
		scope: { emailDomains: [], accountTypes: [], userKinds: [] },
		maxDeactivations: { percent: 10 },
		...overrides,
	});
}

describe('planSync', () => {
	it('creates a person who is not a member, with every field as a change from nothing', () => {
		const result = plan({ people: [person(0, 'new@example.com', { memberType: 'Build' })] });

		expect(result.entries).toEqual([
			{
				action: 'create',
				email: 'new@example.com',
				itemIndex: 0,
				changes: [
					{ field: 'firstName', previous: null, current: 'Ann' },
					{ field: 'lastName', previous: null, current: 'Lee' },
					{ field: 'memberType', previous: null, current: 'Build' },
				],
			},
		]);
		expect(result.counts.create).toBe(1);
	});

	const matchesEmailsWithoutCase =
		'matches emails case-insensitively and reports a member who already matches as unchanged';
	it(matchesEmailsWithoutCase, () => {
		const ann = member('Ann.Lee@Example.com');
		const result = plan({ members: [owner, ann], people: [person(0, 'ann.lee@example.COM')] });

		expect(result.entries).toEqual([
			{ action: 'unchanged', email: ann.email, memberId: ann.memberId, itemIndex: 0 },
		]);
	});

	it('updates only the fields that differ, and leaves a field the item does not give', () => {
		const ann = member('ann@example.com', { memberType: 'Build' });
		const result = plan({
			members: [owner, ann],
			people: [person(3, 'ann@example.com', { lastName: 'Lee-Smith', memberType: undefined })],
		});

		expect(result.entries).toEqual([
			{
				action: 'update',
				email: 'ann@example.com',
				memberId: ann.memberId,
				itemIndex: 3,
				changes: [{ field: 'lastName', previous: 'Lee', current: 'Lee-Smith' }],
			},
		]);
	});

	it('reactivates a returning member instead of creating them, with their changed fields', () => {
		const ann = member('ann@example.com', { isArchived: true });
		const result = plan({
			members: [owner, ann],
			people: [person(0, 'ann@example.com', { memberType: 'Analyze' })],
		});

		expect(result.entries).toEqual([
			{
				action: 'reactivate',
				email: 'ann@example.com',
				memberId: ann.memberId,
				itemIndex: 0,
				changes: [
					{ field: 'isArchived', previous: true, current: false },
					{ field: 'memberType', previous: 'View', current: 'Analyze' },
				],
			},
		]);
	});

	it('deactivates active members missing from the list only when asked to', () => {
		const stays = member('stays@example.com');
		const leaves = member('leaves@example.com');
		const gone = member('gone@example.com', { isArchived: true });
		const input = {
			members: [owner, stays, leaves, gone],
			people: [person(0, 'stays@example.com')],
		};

		expect(plan(input).counts.deactivate).toBe(0);
		const result = plan({ ...input, deactivateMissing: true });
		expect(result.entries.filter((entry) => entry.action === 'deactivate')).toEqual([
			{
				action: 'deactivate',
				email: 'leaves@example.com',
				memberId: leaves.memberId,
				changes: [{ field: 'isArchived', previous: false, current: true }],
			},
		]);
		expect(result.managedMembers).toBe(2);
	});

	it('never deactivates or changes the owner of the API credentials', () => {
		expect(plan({ deactivateMissing: true }).entries).toEqual([]);

		const result = plan({ people: [person(0, 'OWNER@example.com', { lastName: 'Renamed' })] });
		expect(result.entries).toEqual([
			expect.objectContaining({ action: 'skipped', memberId: owner.memberId }),
		]);
		expect(result.entries[0].reason).toMatch(/owns the API credentials/);
		expect(result.managedMembers).toBe(0);
	});

	it('leaves members deactivated through SCIM alone and reports them as skipped', () => {
		const scim = member('scim@example.com', { isInactive: true });
		const result = plan({
			members: [owner, scim],
			people: [person(0, 'scim@example.com', { lastName: 'Changed' })],
		});
		expect(result.entries).toEqual([expect.objectContaining({ action: 'skipped' })]);
		expect(result.entries[0].reason).toMatch(/SCIM/);

		const missing = plan({ members: [owner, scim], deactivateMissing: true });
		expect(missing.entries).toEqual([]);
	});

	it('does not touch members outside the scope, and says which rule keeps them out', () => {
		const contractor = member('sam@agency.example', { lastName: 'Old' });
		const guest = member('gus@example.com', { userKind: 'guest' });
		const admin = member('ada@example.com', { memberType: 'Admin' });
		const scope = { emailDomains: ['example.com'], accountTypes: [], userKinds: ['internal'] };
		const result = plan({
			members: [owner, contractor, guest, admin],
			people: [person(0, 'sam@agency.example', { lastName: 'New' }), person(1, 'gus@example.com')],
			scope,
			deactivateMissing: true,
		});

		expect(result.entries.map((entry) => [entry.action, entry.email])).toEqual([
			['skipped', 'sam@agency.example'],
			['skipped', 'gus@example.com'],
			['deactivate', 'ada@example.com'],
		]);
		expect(result.entries[0].reason).toBe(
			'Out of scope: the email domain "agency.example" is not in Scope > Email Domains.',
		);
		expect(result.entries[1].reason).toBe(
			'Out of scope: the user kind "guest" is not in Scope > User Kinds.',
		);
		expect(result.managedMembers).toBe(1);
	});

	it('neither creates nor moves a member outside the scope', () => {
		const ann = member('ann@example.com', { memberType: 'View' });
		const scope = { emailDomains: [], accountTypes: ['View', 'Analyze'], userKinds: [] };
		const result = plan({
			members: [owner, ann],
			scope,
			people: [
				person(0, 'ann@example.com', { memberType: 'Admin' }),
				person(1, 'new@example.com', { memberType: 'Build' }),
				person(2, 'untyped@example.com', { memberType: undefined }),
				person(3, 'ok@example.com', { memberType: 'Analyze' }),
			],
		});

		expect(result.entries.map((entry) => [entry.action, entry.reason])).toEqual([
			[
				'skipped',
				'The change would move this member out of scope: ' +
					'the account type "Admin" is not in Scope > Account Types.',
			],
			[
				'skipped',
				'Not created, out of scope: the account type "Build" is not in Scope > Account Types.',
			],
			[
				'skipped',
				'Not created, out of scope: ' +
					'the item gives no account type, and Scope > Account Types is set.',
			],
			['create', undefined],
		]);
	});

	const keepsMembersOfFailedItems =
		'keeps members whose items failed validation, even when they are missing from the plan';
	it(keepsMembersOfFailedItems, () => {
		const ann = member('ann@example.com');
		const result = plan({
			members: [owner, ann],
			heldBack: new Set(['ann@example.com']),
			deactivateMissing: true,
		});
		expect(result.entries).toEqual([]);
	});

	it('cannot create a new person without both names, and says which is missing', () => {
		const result = plan({
			people: [person(4, 'new@example.com', { firstName: undefined, lastName: undefined })],
		});
		expect(result.entries).toEqual([]);
		expect(result.unplannable).toEqual([
			{
				itemIndex: 4,
				message:
					'"new@example.com" is not in Sigma yet, and creating a member needs ' +
					'a first and a last name, but the item has no first name and no last name; ' +
					'fill it in the list, or map the field that holds it in Input Fields',
			},
		]);
	});

	describe('managed teams', () => {
		const ann = member('ann@example.com');
		const bob = member('bob@example.com');
		const cy = member('cy@example.com');
		const finance: ManagedTeam = {
			teamId: 't1',
			name: 'Finance',
			memberIds: new Set([bob.memberId, cy.memberId]),
		};
		const sales: ManagedTeam = { teamId: 't2', name: 'Sales EMEA', memberIds: new Set() };

		const addsToListedManagedTeams =
			'adds people to the managed teams their list names ' +
			'(by name in any case, or by ID) and ignores other teams';
		it(addsToListedManagedTeams, () => {
			const result = plan({
				members: [owner, ann, bob, cy],
				managedTeams: [finance, sales],
				people: [
					person(0, 'ann@example.com', { teams: ['finance', 't2', 'Marketing'] }),
					person(1, 'new@example.com', { teams: ['SALES emea'] }),
				],
			});

			expect(result.entries.map((entry) => [entry.action, entry.email, entry.teamName])).toEqual([
				['teamAdd', 'ann@example.com', 'Finance'],
				['teamAdd', 'ann@example.com', 'Sales EMEA'],
				['create', 'new@example.com', undefined],
				['teamAdd', 'new@example.com', 'Sales EMEA'],
			]);
			expect(result.entries[0]).toMatchObject({ teamId: 't1', memberId: ann.memberId });
		});

		const removesFromUnlistedTeams =
			'removes a listed person whose teams no longer ' +
			'name the team, but not members absent from the list';
		it(removesFromUnlistedTeams, () => {
			const result = plan({
				members: [owner, ann, bob, cy],
				managedTeams: [finance],
				people: [person(0, 'bob@example.com', { teams: [] })],
			});

			expect(result.entries).toEqual([
				{
					action: 'teamRemove',
					email: 'bob@example.com',
					memberId: bob.memberId,
					itemIndex: 0,
					teamId: 't1',
					teamName: 'Finance',
				},
			]);
		});

		it('plans no team action at all when the sync manages no teams', () => {
			const result = plan({
				members: [owner, ann, bob],
				people: [person(0, 'bob@example.com', { teams: ['Sales EMEA'] })],
			});
			expect(result.entries.map((entry) => entry.action)).toEqual(['unchanged']);
		});
	});
});

describe('deactivation limits', () => {
	it('reads a count or a percentage, and refuses anything else', () => {
		expect(parseDeactivationLimit('10')).toEqual({ count: 10 });
		expect(parseDeactivationLimit(0)).toEqual({ count: 0 });
		expect(parseDeactivationLimit(' 2.5 % ')).toEqual({ percent: 2.5 });
		expect(parseDeactivationLimit('100%')).toEqual({ percent: 100 });
		for (const bad of ['150%', '-1', 'ten', '1.5', 3.5, '', null, undefined]) {
			expect(parseDeactivationLimit(bad)).toBeUndefined();
		}
	});

	it('takes a percentage of the managed members, rounded down', () => {
		expect(allowedDeactivations({ percent: 10 }, 1939)).toBe(193);
		expect(allowedDeactivations({ percent: 10 }, 9)).toBe(0);
		expect(allowedDeactivations({ count: 25 }, 9)).toBe(25);
	});
});

describe('scope and team settings', () => {
	it('reads email domains separated by commas or spaces, without "@" and in lower case', () => {
		expect(parseEmailDomains(' Example.com, @example.org;x.io  y.io ')).toEqual([
			'example.com',
			'example.org',
			'x.io',
			'y.io',
		]);
		expect(parseEmailDomains(undefined)).toEqual([]);
	});

	it('resolves managed teams by ID or name once each and lists the values that match none', () => {
		const teams = [
			{ teamId: 't1', name: 'Finance' },
			{ teamId: 't2', name: 'Sales' },
		];
		expect(resolveTeams(['FINANCE', 't1', 't2', 'Legal'], teams)).toEqual({
			found: teams,
			unknown: ['Legal'],
		});
	});
});
