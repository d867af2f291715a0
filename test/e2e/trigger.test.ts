import type { Member } from '../emulator';
import type { StoredExecution } from './harness/database';
import { ChatWebhook } from './harness/listener';
import { PORTS, startStack, type Stack } from './harness/stack';
import { findNode, loadExample, type WorkflowJson } from './harness/workflows';

/**
 * The license-change alerts example is published and n8n is started three times. n8n polls a
 * trigger once when it activates the workflow, that is at every start, so each start is one poll.
 */
let alerts: WorkflowJson;
let chat: ChatWebhook;
let stack: Stack;

const TRIGGER = 'Sigma Trigger';
/** n8n reports an activation that failed in these words, instead of polling. */
const ACTIVATION_FAILED =
	/(could not be activated|Issue on initial workflow activation|Unrecognized node type)/i;

beforeAll(async () => {
	chat = await ChatWebhook.start();
	alerts = loadExample('license-change-alerts.json');
	findNode(alerts, 'Post to chat').parameters.url = chat.url;
	stack = await startStack({
		label: 'trigger',
		ports: PORTS.trigger,
		emulator: { members: 30, seed: 3 },
		workflows: [alerts],
	});
	await stack.n8n.publish(alerts.id);
});

afterAll(async () => {
	await stack?.stop();
	await chat?.stop();
});

/**
 * What the trigger keeps in the workflow's static data, read from n8n's database, as text: its
 * format is the trigger's own business, but it has to name the members it lists.
 */
async function storedState(): Promise<string | undefined> {
	const staticData = await stack.n8n.database().staticData(alerts.id);
	const nodeData = staticData?.[`node:${TRIGGER}`];
	if (!nodeData || Object.keys(nodeData).length === 0) return undefined;
	return JSON.stringify(nodeData);
}

async function successfulExecutions(): Promise<StoredExecution[]> {
	const executions = await stack.n8n.database().executions(alerts.id);
	return executions.filter((execution) => execution.status === 'success');
}

/** Set when n8n could not activate the trigger, so that later polls fail at once. */
let activationFailure: Error | undefined;

/** One `n8n start`: waits until `done` gives a value (the poll's effect), then stops n8n. */
async function pollOnce<T>(done: () => Promise<T | undefined>, what: string): Promise<T> {
	if (activationFailure) throw activationFailure;
	const main = stack.n8n.spawn(['start']);
	try {
		return await main.waitFor(
			async () => {
				const failed = main.output.match(ACTIVATION_FAILED);
				if (failed) {
					const from = main.output.lastIndexOf('\n', failed.index) + 1;
					const lines = main.output.slice(from, from + 2000);
					activationFailure = new Error(`n8n could not activate the trigger: ${lines}`);
					throw activationFailure;
				}
				return await done();
			},
			90_000,
			what,
		);
	} finally {
		await main.stop();
	}
}

function activeMembers(): Member[] {
	const { org } = stack.emulator;
	return org.members.filter(
		(member) => !member.isArchived && !member.isInactive && member !== org.owner,
	);
}

function memberOfType(type: string, except: Member[] = []): Member {
	const member = activeMembers().find((m) => m.memberType === type && !except.includes(m));
	if (!member) throw new Error(`The generated org has no active ${type} member`);
	return member;
}

describe('the Sigma Trigger in a real n8n, over three starts', () => {
	let changed: Member;
	let removed: Member;
	let added: Member;

	it('records the member list on the first poll and emits nothing', async () => {
		const baseline = await pollOnce(storedState, 'stored member list');

		const listed = stack.emulator.org.members.filter((m) => !m.isArchived && !m.isInactive);
		for (const member of listed) {
			expect(baseline).toContain(member.memberId);
		}
		expect(await stack.n8n.database().executions(alerts.id)).toEqual([]);
		expect(chat.messages).toEqual([]);
	});

	it('emits exactly three events for an addition, a change and a removal', async () => {
		const { org } = stack.emulator;
		changed = memberOfType('View');
		removed = memberOfType('Analyze', [changed]);
		added = org.addMember({
			email: 'new.hire@example.com',
			firstName: 'Nia',
			lastName: 'Hire',
			memberType: 'Analyze',
		});
		org.updateMember(changed.memberId, { memberType: 'Build' });
		org.archiveMember(removed.memberId);

		const [execution] = await pollOnce(async () => {
			const executions = await successfulExecutions();
			return executions.length > 0 ? executions : undefined;
		}, 'execution of the trigger');

		expect(execution?.mode).toBe('trigger');
		const events = execution!.execution.json(TRIGGER);
		expect(events.map((event) => [event.event, event.memberId])).toEqual([
			['memberAdded', added.memberId],
			['memberChanged', changed.memberId],
			['memberRemoved', removed.memberId],
		]);
		expect(events[0]).toMatchObject({
			member: { email: 'new.hire@example.com', memberType: 'Analyze' },
			previous: null,
			changes: [],
		});
		expect(events[1]).toMatchObject({
			member: { email: changed.email, memberType: 'Build' },
			previous: { memberType: 'View' },
			changes: [{ field: 'memberType', previous: 'View', current: 'Build' }],
		});
		expect(events[2]).toMatchObject({ member: { email: removed.email } });
	});

	it('posts the account type change, and only that, to the chat webhook', async () => {
		expect(chat.messages).toEqual([
			{
				method: 'POST',
				path: '/hooks/sigma-alerts',
				contentType: expect.stringContaining('application/json'),
				body: {
					text:
						`Sigma license change: ${changed.firstName} ${changed.lastName} ` +
						`(${changed.email}) went from View to Build.`,
				},
			},
		]);
	});

	it('compares the third poll with the list the second one stored', async () => {
		const stored = await storedState();
		expect(stored).toContain(added.memberId);
		expect(stored).not.toContain(removed.memberId);

		const promoted = memberOfType('View', [changed]);
		stack.emulator.org.updateMember(promoted.memberId, { memberType: 'Admin' });

		const executions = await pollOnce(async () => {
			const found = await successfulExecutions();
			return found.length > 1 ? found : undefined;
		}, 'second execution of the trigger');

		// Against the baseline instead, the earlier three changes would be reported again.
		const events = executions[1]!.execution.json(TRIGGER);
		expect(events.map((event) => [event.event, event.memberId])).toEqual([
			['memberChanged', promoted.memberId],
		]);
		expect(chat.messages).toHaveLength(2);
		expect(chat.messages[1]?.body).toEqual({
			text:
				`Sigma license change: ${promoted.firstName} ${promoted.lastName} ` +
				`(${promoted.email}) went from View to Admin.`,
		});
	});
});
