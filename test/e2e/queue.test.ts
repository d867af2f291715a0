import { SigmaEmulator } from '../emulator';
import { emulatorCredentials, N8n, runtimeDir } from './harness/n8n';
import type { Background } from './harness/processes';
import { Postgres, PostgresDatabase, Redis } from './harness/queue';
import { describeRequests, packedTarball, PORTS } from './harness/stack';
import { chain, locator, manualTrigger, sigma, type WorkflowJson } from './harness/workflows';

/**
 * Queue mode, the way n8n scales past one machine: the main process receives the webhook and
 * puts the execution on a Redis queue, a worker process runs it, both share PostgreSQL.
 */
const WEBHOOK_PATH = 'sigma-onboarding';

const ONBOARD_BY_WEBHOOK: WorkflowJson = {
	id: 'e2eQueueOnboard1',
	name: 'e2e: onboard a member posted to a webhook',
	active: false,
	nodes: [
		{
			id: '0e2e0000-0000-4000-8000-000000000001',
			name: 'New hire',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '0e2e0000-0000-4000-8000-0000000000aa',
			parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', options: {} },
		},
		{
			...sigma('Create or update member', {
				resource: 'member',
				operation: 'upsert',
				email: '={{ $json.body.email }}',
				firstName: '={{ $json.body.firstName }}',
				lastName: '={{ $json.body.lastName }}',
				memberType: '={{ $json.body.accountType }}',
			}),
			position: [240, 0],
		},
	],
	connections: {
		'New hire': { main: [[{ node: 'Create or update member', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const GET_OWNER = chain('e2eQueueOwner001', 'e2e: get the owner (queue mode)', [
	manualTrigger(),
	sigma('Get owner', {
		resource: 'member',
		operation: 'get',
		memberId: locator('email', 'owner@example.com'),
	}),
]);

let emulator: SigmaEmulator | undefined;
let postgres: Postgres | undefined;
let redis: Redis | undefined;
let n8n: N8n | undefined;
let main: Background;
let worker: Background;

beforeAll(async () => {
	emulator = await SigmaEmulator.start({ members: 5 });
	postgres = await Postgres.start();
	redis = await Redis.start();
	n8n = await N8n.create({
		label: 'queue',
		tarball: await packedTarball(),
		ports: PORTS.queueMain,
		env: { ...postgres.n8nEnv, ...redis.n8nEnv, EXECUTIONS_MODE: 'queue' },
		database: new PostgresDatabase(postgres, runtimeDir()),
	});
	await n8n.importCredentials(emulatorCredentials(emulator));
	await n8n.importWorkflows([ONBOARD_BY_WEBHOOK, GET_OWNER]);
	await n8n.publish(ONBOARD_BY_WEBHOOK.id);

	// Each process starts a task-runner broker, so the worker needs ports of its own.
	worker = n8n.spawn(
		['worker', '--concurrency=2'],
		{
			N8N_PORT: String(PORTS.queueWorker.http),
			QUEUE_HEALTH_CHECK_PORT: String(PORTS.queueWorker.http),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(PORTS.queueWorker.broker),
		},
		'worker',
	);
	const [started] = await Promise.all([
		n8n.start(),
		worker.waitForOutput(/n8n worker is now ready/, 90_000),
	]);
	main = started;
	// n8n 2.40 publishes workflows in the background after start-up: wait for the webhook.
	await main.waitFor(
		async () => {
			const sql = 'SELECT count(*) FROM webhook_entity WHERE "workflowId" = $1';
			const count = Number(await postgres!.psql('n8n', sql, ONBOARD_BY_WEBHOOK.id));
			return count > 0 ? count : undefined;
		},
		60_000,
		'registered webhook',
	);
});

afterAll(async () => {
	await n8n?.dispose();
	await Promise.all([redis?.stop(), postgres?.stop(), emulator?.stop()]);
});

async function postNewHire(
	body: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
	const response = await fetch(`http://127.0.0.1:${PORTS.queueMain.http}/webhook/${WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	return { status: response.status, json: await response.json() };
}

describe('the Sigma node in n8n queue mode (one main, one worker)', () => {
	it('runs webhook executions in the worker, which exchanges one token for both', async () => {
		const ann = await postNewHire({
			email: 'ann.queue@example.com',
			firstName: 'Ann',
			lastName: 'Queue',
			accountType: 'Build',
		});
		const bob = await postNewHire({
			email: 'bob.queue@example.com',
			firstName: 'Bob',
			lastName: 'Queue',
			accountType: 'View',
		});

		for (const [answer, email, memberType] of [
			[ann, 'ann.queue@example.com', 'Build'],
			[bob, 'bob.queue@example.com', 'View'],
		] as const) {
			expect(answer.status).toBe(200);
			const member = emulator!.org.findMemberByEmail(email);
			expect(member).toMatchObject({ memberType, isArchived: false });
			expect(answer.json).toMatchObject({
				action: 'created',
				memberId: member!.memberId,
				member: { email, memberType },
			});
		}

		const enqueued = [...main.output.matchAll(/Enqueued execution (\d+)/g)].map((m) => m[1]);
		expect(enqueued).toHaveLength(2);
		for (const executionId of enqueued) {
			expect(worker.output).toContain(`Worker started execution ${executionId} `);
			expect(worker.output).toContain(`Worker finished execution ${executionId} `);
		}

		const stored = await n8n!.database().executions(ONBOARD_BY_WEBHOOK.id);
		expect(stored.map(({ id, mode, status }) => ({ id: String(id), mode, status }))).toEqual(
			enqueued.map((id) => ({ id, mode: 'webhook', status: 'success' })),
		);

		expect(emulator!.tokensIssued()).toBe(1);
		const tokenRequests = describeRequests(emulator!.log.entries).filter((line) =>
			line.startsWith('POST /v2/auth/token'),
		);
		expect(tokenRequests).toEqual(['POST /v2/auth/token 200']);
	});

	it('reuses the token the worker stored in PostgreSQL from a third process', async () => {
		emulator!.log.clear();

		const execution = await n8n!.executeOk(GET_OWNER.id);

		expect(execution.json('Get owner')[0]).toMatchObject({ email: 'owner@example.com' });
		expect(describeRequests(emulator!.log.entries)).toEqual(['GET /v2/members 200']);
		expect(emulator!.tokensIssued()).toBe(1);
	});
});
