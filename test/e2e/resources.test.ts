import type { Execution } from './harness/execution';
import { describeRequests, PORTS, requestsDuring, startStack, type Stack } from './harness/stack';
import { chain, locator, manualTrigger, sigma, type WorkflowNode } from './harness/workflows';

const EMAIL = 'grace.hopper@example.com';
const CREATED_ID = "={{ $('Create member').item.json.memberId }}";

const MEMBER_LIFECYCLE = chain('e2eMemberLife001', 'e2e: member lifecycle', [
	manualTrigger(),
	sigma('Create member', {
		resource: 'member',
		operation: 'create',
		email: EMAIL,
		firstName: 'Grace',
		lastName: 'Hopper',
		memberType: 'Analyze',
		additionalFields: { userKind: 'internal' },
	}),
	sigma('Get member', {
		resource: 'member',
		operation: 'get',
		memberId: locator('id', '={{ $json.memberId }}'),
	}),
	sigma('Update member', {
		resource: 'member',
		operation: 'update',
		memberId: locator('id', CREATED_ID),
		updateFields: { lastName: 'Hopper-Murray', memberType: 'Build' },
	}),
	sigma('Deactivate member', {
		resource: 'member',
		operation: 'deactivate',
		memberId: locator('id', CREATED_ID),
		options: { newOwnerId: 'owner@example.com' },
	}),
	sigma('Reactivate member', {
		resource: 'member',
		operation: 'reactivate',
		memberId: locator('email', EMAIL),
	}),
]);

/** Runs once, however many items reach it. */
function once(node: WorkflowNode): WorkflowNode {
	return Object.assign(node, { executeOnce: true });
}

const TEAM_ROUND_TRIP = chain('e2eTeamRound0001', 'e2e: team round trip', [
	manualTrigger(),
	sigma('Create team', {
		resource: 'team',
		operation: 'create',
		name: 'Data Platform',
		additionalFields: { description: 'Owns the warehouse', visibility: 'public' },
	}),
	sigma('First three members', {
		resource: 'member',
		operation: 'getAll',
		returnAll: false,
		limit: 3,
	}),
	sigma('Add to team', {
		resource: 'team',
		operation: 'addMembers',
		teamId: locator('id', "={{ $('Create team').first().json.teamId }}"),
		memberId: locator('id', '={{ $json.memberId }}'),
	}),
	once(
		sigma('Get team members', {
			resource: 'team',
			operation: 'getMembers',
			teamId: locator('name', 'Data Platform'),
			returnAll: true,
		}),
	),
]);

const ACCOUNT_TYPES = chain('e2eAccountTypes1', 'e2e: account types', [
	manualTrigger(),
	sigma('List account types', { resource: 'accountType', operation: 'getAll', returnAll: true }),
]);

const SCIM_USER = 'ada.lovelace@example.com';
const SCIM_USER_ID = "={{ $('Create SCIM user').first().json.id }}";
const SCIM_GROUP_ID = "={{ $('Create SCIM group').first().json.id }}";

const SCIM_ROUND_TRIP = chain('e2eScimRound0001', 'e2e: SCIM user and group round trip', [
	manualTrigger(),
	sigma('Create SCIM user', {
		resource: 'scimUser',
		operation: 'create',
		userName: SCIM_USER,
		givenName: 'Ada',
		familyName: 'Lovelace',
		userType: 'View',
	}),
	sigma('Get SCIM user', {
		resource: 'scimUser',
		operation: 'get',
		userId: locator('userName', SCIM_USER),
	}),
	sigma('Update SCIM user', {
		resource: 'scimUser',
		operation: 'update',
		userId: locator('id', SCIM_USER_ID),
		updateFields: { userType: 'Analyze', familyName: 'King' },
	}),
	sigma('Create SCIM group', {
		resource: 'scimGroup',
		operation: 'create',
		displayName: 'Analytical Engines',
	}),
	sigma('Add SCIM member', {
		resource: 'scimGroup',
		operation: 'addMembers',
		groupId: locator('id', SCIM_GROUP_ID),
		userId: locator('id', SCIM_USER_ID),
	}),
	sigma('Get SCIM group', {
		resource: 'scimGroup',
		operation: 'get',
		groupId: locator('displayName', 'Analytical Engines'),
		simplify: false,
	}),
	sigma('Deactivate SCIM user', {
		resource: 'scimUser',
		operation: 'deactivate',
		userId: locator('id', SCIM_USER_ID),
	}),
]);

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({
		label: 'resources',
		ports: PORTS.resources,
		emulator: { members: 40, teams: 3 },
		workflows: [MEMBER_LIFECYCLE, TEAM_ROUND_TRIP, ACCOUNT_TYPES, SCIM_ROUND_TRIP],
	});
});

afterAll(async () => {
	await stack?.stop();
});

describe('member operations in a real n8n', () => {
	it('create, get, update, deactivate and reactivate a member, output by output', async () => {
		const { emulator, n8n } = stack;
		const owner = emulator.org.owner;
		let run: Execution | undefined;
		const requests = await requestsDuring(emulator, async () => {
			run = await n8n.executeOk(MEMBER_LIFECYCLE.id);
		});
		const execution = run!;

		const [created] = execution.json('Create member');
		const memberId = created?.memberId as string;
		expect(memberId).toEqual(expect.any(String));
		expect(created).toEqual({
			organizationId: emulator.org.organizationId,
			memberId,
			memberType: 'Analyze',
			firstName: 'Grace',
			lastName: 'Hopper',
			email: EMAIL,
			profileImgUrl: null,
			createdBy: owner.memberId,
			updatedBy: owner.memberId,
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
			homeFolderId: expect.any(String),
			userKind: 'internal',
			isArchived: false,
			isInactive: false,
		});
		expect(emulator.org.invitesSent).toContain(EMAIL);

		expect(execution.json('Get member')).toEqual([
			{
				memberId,
				email: EMAIL,
				firstName: 'Grace',
				lastName: 'Hopper',
				memberType: 'Analyze',
				userKind: 'internal',
				isArchived: false,
				isInactive: false,
				createdAt: created?.createdAt,
				updatedAt: created?.updatedAt,
			},
		]);

		const [updated] = execution.json('Update member');
		expect(updated).toMatchObject({
			memberId,
			email: EMAIL,
			firstName: 'Grace',
			lastName: 'Hopper-Murray',
			memberType: 'Build',
			isArchived: false,
		});

		expect(execution.json('Deactivate member')).toEqual([
			{ memberId, deactivated: true, newOwnerId: owner.memberId },
		]);
		expect(emulator.org.handoffs).toContainEqual({ from: memberId, to: owner.memberId });

		const [reactivated] = execution.json('Reactivate member');
		expect(reactivated).toMatchObject({
			memberId,
			reactivated: true,
			member: { memberId, isArchived: false, lastName: 'Hopper-Murray', memberType: 'Build' },
		});

		expect(emulator.org.getMember(memberId)).toMatchObject({
			email: EMAIL,
			lastName: 'Hopper-Murray',
			memberType: 'Build',
			isArchived: false,
			isInactive: false,
		});
		expect(requests.filter((entry) => entry.status >= 400)).toEqual([]);
	});
});

describe('team operations in a real n8n', () => {
	it('create a team, add three members in one request and list them', async () => {
		const { emulator, n8n } = stack;
		const owner = emulator.org.owner;
		let run: Execution | undefined;
		const requests = await requestsDuring(emulator, async () => {
			run = await n8n.executeOk(TEAM_ROUND_TRIP.id);
		});
		const execution = run!;

		const [team] = execution.json('Create team');
		const teamId = team?.teamId as string;
		expect(team).toMatchObject({
			teamId: expect.any(String),
			name: 'Data Platform',
			description: 'Owns the warehouse',
			visibility: 'public',
			members: [],
		});

		const firstThree = emulator.org.members
			.filter((member) => !member.isArchived && !member.isInactive)
			.slice(0, 3)
			.map((member) => member.memberId);
		expect(execution.json('First three members').map((m) => m.memberId)).toEqual(firstThree);
		expect(execution.json('Add to team')).toEqual(
			firstThree.map((memberId) => ({ teamId, memberId, added: true })),
		);
		const patches = describeRequests(requests).filter((line) => line.startsWith('PATCH'));
		expect(patches).toEqual([`PATCH /v2/teams/${teamId}/members 200`]);

		expect(execution.json('Get team members')).toEqual(
			firstThree.map((memberId) => ({
				memberId,
				teamId,
				isTeamAdmin: false,
				addedBy: owner.memberId,
			})),
		);
		expect(emulator.org.teamMembers(teamId).map((membership) => membership.userId)).toEqual(
			firstThree,
		);
	});
});

describe('account types in a real n8n', () => {
	it('lists every account type of the organization, custom ones included', async () => {
		const { emulator, n8n } = stack;
		emulator.org.addAccountType('Finance Analyst', 'Reads finance workbooks');

		const execution = await n8n.executeOk(ACCOUNT_TYPES.id);

		const listed = execution.json('List account types');
		expect(listed).toEqual(emulator.org.accountTypes.map((type) => ({ ...type })));
		expect(listed.map((type) => type.accountTypeName)).toEqual([
			'View',
			'Act',
			'Analyze',
			'Build',
			'Admin',
			'Finance Analyst',
		]);
		expect(listed[5]).toMatchObject({ isCustom: true, description: 'Reads finance workbooks' });
	});
});

describe('SCIM operations in a real n8n', () => {
	it('provision a user, change them, put them in a group and deactivate them', async () => {
		const { emulator, n8n } = stack;
		const execution = await n8n.executeOk(SCIM_ROUND_TRIP.id);

		const [user] = execution.json('Create SCIM user');
		const userId = user?.id as string;
		const simplifiedUser = {
			id: userId,
			userName: SCIM_USER,
			givenName: 'Ada',
			familyName: 'Lovelace',
			email: SCIM_USER,
			userType: 'View',
			active: true,
		};
		expect(user).toEqual(simplifiedUser);
		expect(execution.json('Get SCIM user')).toEqual([simplifiedUser]);
		expect(execution.json('Update SCIM user')).toEqual([
			{ ...simplifiedUser, familyName: 'King', userType: 'Analyze' },
		]);

		const [group] = execution.json('Create SCIM group');
		const groupId = group?.id as string;
		expect(group).toEqual({ id: groupId, displayName: 'Analytical Engines', memberCount: 0 });
		expect(execution.json('Add SCIM member')).toEqual([{ groupId, userId, added: true }]);
		const [fullGroup] = execution.json('Get SCIM group');
		expect(fullGroup).toMatchObject({
			id: groupId,
			displayName: 'Analytical Engines',
			members: [{ value: userId }],
		});
		expect(execution.json('Deactivate SCIM user')).toEqual([{ id: userId, deactivated: true }]);

		// The REST side of the same org sees what SCIM did.
		expect(emulator.org.getMember(userId)).toMatchObject({
			email: SCIM_USER,
			lastName: 'King',
			memberType: 'Analyze',
			isInactive: true,
		});
		expect(emulator.org.teamMembers(groupId).map((membership) => membership.userId)).toEqual([
			userId,
		]);
		expect(emulator.org.getTeam(groupId)?.name).toBe('Analytical Engines');
	});
});
