import type { Execution } from './harness/execution';
import { DEMO_ORG_OPTIONS, seedDemoOrg } from './harness/demoOrg';
import { describeRequests, PORTS, requestsDuring, startStack, type Stack } from './harness/stack';
import { loadExample } from './harness/workflows';

const ONBOARDING = loadExample('onboarding-from-hr-list.json');
const OFFBOARDING = loadExample('offboarding.json');

const HR_LIST = [
	{ email: 'ann.lee@example.com', lastName: 'Lee', team: 'Finance', memberType: 'Analyze' },
	{ email: 'ravi.patel@example.com', lastName: 'Patel', team: 'Sales EMEA', memberType: 'Analyze' },
	{ email: 'jonas.berg@example.com', lastName: 'Berg', team: 'Engineering', memberType: 'Build' },
	{ email: 'chloe.martin@example.com', lastName: 'Martin', team: 'Finance', memberType: 'View' },
];

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({
		label: 'examples',
		ports: PORTS.examples,
		emulator: DEMO_ORG_OPTIONS,
		workflows: [ONBOARDING, OFFBOARDING],
	});
	seedDemoOrg(stack.emulator.org);
});

afterAll(async () => {
	await stack?.stop();
});

function memberId(email: string): string {
	const member = stack.emulator.org.findMemberByEmail(email);
	if (!member) throw new Error(`${email} is not a member`);
	return member.memberId;
}

function teamId(name: string): string {
	const team = stack.emulator.org.findTeamByName(name);
	if (!team) throw new Error(`There is no team ${name}`);
	return team.teamId;
}

describe('the onboarding example', () => {
	const createsUpdatesAndAddsToTeams =
		'creates the new people, updates the existing one and adds everyone to their team';
	it(createsUpdatesAndAddsToTeams, async () => {
		const { emulator, n8n } = stack;
		let run: Execution | undefined;
		const requests = await requestsDuring(emulator, async () => {
			run = await n8n.executeOk(ONBOARDING.id);
		});
		const execution = run!;

		const upserts = execution.json('Create or update member');
		expect(upserts.map((item) => [item.member.email, item.action])).toEqual([
			['ann.lee@example.com', 'created'],
			['ravi.patel@example.com', 'updated'],
			['jonas.berg@example.com', 'created'],
			['chloe.martin@example.com', 'created'],
		]);
		expect(upserts[1]?.changes).toEqual([
			{ field: 'memberType', previous: 'View', current: 'Analyze' },
		]);
		for (const person of HR_LIST) {
			expect(emulator.org.findMemberByEmail(person.email)).toMatchObject({
				lastName: person.lastName,
				memberType: person.memberType,
				isArchived: false,
			});
		}

		expect(execution.json('Add to department team')).toEqual(
			HR_LIST.map((person) => ({
				teamId: teamId(person.team),
				memberId: memberId(person.email),
				added: true,
			})),
		);
		const teamMembers = (name: string) =>
			emulator.org.teamMembers(teamId(name)).map((membership) => membership.userId);
		expect(teamMembers('Finance')).toEqual([
			memberId('ann.lee@example.com'),
			memberId('chloe.martin@example.com'),
		]);
		expect(teamMembers('Sales EMEA')).toEqual([
			memberId('tom.becker@example.com'),
			memberId('ravi.patel@example.com'),
		]);
		expect(teamMembers('Engineering')).toContain(memberId('jonas.berg@example.com'));
		// One request per team, however many people join it.
		const teamPatches = describeRequests(requests).filter((line) =>
			/^PATCH \/v2\/teams/.test(line),
		);
		expect(teamPatches).toHaveLength(3);
	});

	it('changes nothing in Sigma when it runs again with the same list', async () => {
		const { emulator, n8n } = stack;
		let run: Execution | undefined;
		const requests = await requestsDuring(emulator, async () => {
			run = await n8n.executeOk(ONBOARDING.id);
		});

		const actions = run!.json('Create or update member').map((item) => item.action);
		expect(actions).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
		const memberWrites = requests.filter(
			(entry) => entry.path.startsWith('/v2/members') && entry.method !== 'GET',
		);
		expect(memberWrites).toEqual([]);
	});
});

describe('the offboarding example', () => {
	it('deactivates each leaver and hands their documents to their manager', async () => {
		const { emulator, n8n } = stack;
		const tom = memberId('tom.becker@example.com');
		const li = memberId('li.wei@example.com');
		const maria = memberId('maria.garcia@example.com');
		const sofia = memberId('sofia.rossi@example.com');

		const execution = await n8n.executeOk(OFFBOARDING.id);

		expect(execution.json('Find member').map((item) => item.memberId)).toEqual([tom, li]);
		expect(execution.json('Deactivate and hand over')).toEqual([
			{ memberId: tom, deactivated: true, newOwnerId: maria },
			{ memberId: li, deactivated: true, newOwnerId: sofia },
		]);
		expect(emulator.org.handoffs).toEqual([
			{ from: tom, to: maria },
			{ from: li, to: sofia },
		]);
		expect(emulator.org.getMember(tom)?.isArchived).toBe(true);
		expect(emulator.org.getMember(li)?.isArchived).toBe(true);
		expect(emulator.org.getMember(maria)?.isArchived).toBe(false);
	});
});
