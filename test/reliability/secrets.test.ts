import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SigmaTrigger } from '../../nodes/SigmaTrigger/SigmaTrigger.node';
import type { Fault, SigmaEmulator } from '../emulator';
import { logLines } from '../harness/runtime';
import type { SigmaTestbed } from '../harness/sigma';
import { startSigma } from '../harness/sigma';
import { locator, node, reportFigure } from './helpers';

/** Every request but the token exchange and the emulator's control routes. */
const API = /^\/(v2\/(?!auth\/)|scim\/)/;

type Kind =
	| 'server'
	| 'unauthorized'
	| 'missing'
	| 'dropped'
	| 'lost'
	| 'tokenRefused'
	| 'tokenDown';

interface Operation {
	name: string;
	parameters: INodeParameters;
	/** Parameters that make Sigma refuse the request (unknown ID, taken name), if any. */
	missing?: INodeParameters;
	/** Whether the operation writes with a POST, which the transport never repeats. */
	posts?: boolean;
}

const id = (value: string) => locator('id', value);
const UNKNOWN = id('m000unknown');
const UNKNOWN_TEAM = id('t000unknown');

/**
 * Refresh tokens issued by the emulator: the credential never keeps them, nothing may show them.
 */
function refreshTokens(emulator: SigmaEmulator): string[] {
	const tokens = (emulator as unknown as { tokens: { refresh: Map<string, string> } }).tokens;
	return [...tokens.refresh.keys()];
}

function operations(sigma: SigmaTestbed): Operation[] {
	const org = sigma.emulator.org;
	const active = org.members.filter((m) => m !== org.owner && !m.isArchived && !m.isInactive);
	const [ann, bob] = active;
	const archived = org.members.find((m) => m.isArchived) ?? org.archiveMember(active[2].memberId);
	const [finance] = org.teams;
	const member = { memberId: id(ann.memberId) };
	const team = { teamId: id(finance.teamId) };
	const user = { userId: id(ann.memberId) };
	const group = { groupId: id(finance.teamId) };
	const person = { givenName: 'Ann', familyName: 'Lee' };
	return [
		{
			name: 'member create',
			parameters: {
				resource: 'member',
				operation: 'create',
				email: 'new.person@example.com',
				firstName: 'New',
				lastName: 'Person',
				memberType: 'Build',
			},
			missing: { email: bob.email },
			posts: true,
		},
		{
			name: 'member upsert',
			parameters: {
				resource: 'member',
				operation: 'upsert',
				email: 'upsert.person@example.com',
				firstName: 'Up',
				lastName: 'Sert',
			},
			missing: { memberType: 'Creator' },
			posts: true,
		},
		{
			name: 'member get',
			parameters: { resource: 'member', operation: 'get', ...member },
			missing: { memberId: UNKNOWN },
		},
		{
			name: 'member get many',
			parameters: { resource: 'member', operation: 'getAll', returnAll: true },
		},
		{
			name: 'member update',
			parameters: {
				resource: 'member',
				operation: 'update',
				...member,
				updateFields: { firstName: 'Annie' },
			},
			missing: { updateFields: { email: bob.email } },
		},
		{
			name: 'member deactivate',
			parameters: { resource: 'member', operation: 'deactivate', memberId: id(bob.memberId) },
			missing: { memberId: UNKNOWN },
		},
		{
			name: 'member reactivate',
			parameters: {
				resource: 'member',
				operation: 'reactivate',
				memberId: id(archived.memberId),
			},
			missing: { memberId: UNKNOWN },
		},
		{
			name: 'member get teams',
			parameters: { resource: 'member', operation: 'getTeams', ...member, returnAll: true },
			missing: { memberId: UNKNOWN },
		},
		{
			name: 'team create',
			parameters: { resource: 'team', operation: 'create', name: 'Brand New Team' },
			missing: { name: finance.name.toUpperCase() },
			posts: true,
		},
		{
			name: 'team get',
			parameters: { resource: 'team', operation: 'get', ...team },
			missing: { teamId: UNKNOWN_TEAM },
		},
		{
			name: 'team get many',
			parameters: { resource: 'team', operation: 'getAll', returnAll: true },
		},
		{
			name: 'team update',
			parameters: {
				resource: 'team',
				operation: 'update',
				...team,
				updateFields: { description: 'Numbers' },
			},
			missing: { teamId: UNKNOWN_TEAM },
		},
		{
			name: 'team delete',
			parameters: { resource: 'team', operation: 'delete', teamId: UNKNOWN_TEAM },
		},
		{
			name: 'team add members',
			parameters: { resource: 'team', operation: 'addMembers', ...team, ...member },
			missing: { teamId: UNKNOWN_TEAM },
		},
		{
			name: 'team remove members',
			parameters: { resource: 'team', operation: 'removeMembers', ...team, ...member },
			missing: { memberId: UNKNOWN },
		},
		{
			name: 'team get members',
			parameters: { resource: 'team', operation: 'getMembers', ...team, returnAll: true },
			missing: { teamId: UNKNOWN_TEAM },
		},
		{
			name: 'account type get many',
			parameters: { resource: 'accountType', operation: 'getAll', returnAll: true },
		},
		{
			name: 'SCIM user create',
			parameters: {
				resource: 'scimUser',
				operation: 'create',
				userName: 'scim.person@example.com',
				...person,
			},
			missing: { userName: bob.email },
			posts: true,
		},
		{
			name: 'SCIM user get',
			parameters: { resource: 'scimUser', operation: 'get', ...user },
			missing: { userId: UNKNOWN },
		},
		{
			name: 'SCIM user get many',
			parameters: { resource: 'scimUser', operation: 'getAll', returnAll: true },
			missing: { filters: { filter: 'title eq "x"' } },
		},
		{
			name: 'SCIM user update',
			parameters: {
				resource: 'scimUser',
				operation: 'update',
				...user,
				updateFields: { givenName: 'Annie' },
			},
			missing: { userId: UNKNOWN },
		},
		{
			name: 'SCIM user replace',
			parameters: {
				resource: 'scimUser',
				operation: 'replace',
				...user,
				userName: ann.email,
				...person,
				userType: 'Act',
			},
			missing: { userType: 'Creator' },
		},
		{
			name: 'SCIM user deactivate',
			parameters: { resource: 'scimUser', operation: 'deactivate', userId: UNKNOWN },
		},
		{
			name: 'SCIM user delete',
			parameters: { resource: 'scimUser', operation: 'delete', userId: UNKNOWN },
		},
		{
			name: 'SCIM group create',
			parameters: { resource: 'scimGroup', operation: 'create', displayName: 'New Group' },
			missing: { displayName: finance.name },
			posts: true,
		},
		{
			name: 'SCIM group get',
			parameters: { resource: 'scimGroup', operation: 'get', ...group },
			missing: { groupId: UNKNOWN_TEAM },
		},
		{
			name: 'SCIM group get many',
			parameters: { resource: 'scimGroup', operation: 'getAll', returnAll: true },
		},
		{
			name: 'SCIM group update',
			parameters: {
				resource: 'scimGroup',
				operation: 'update',
				...group,
				displayName: 'Finance and Control',
			},
			missing: { groupId: UNKNOWN_TEAM },
		},
		{
			name: 'SCIM group delete',
			parameters: { resource: 'scimGroup', operation: 'delete', groupId: UNKNOWN_TEAM },
		},
		{
			name: 'SCIM group add members',
			parameters: { resource: 'scimGroup', operation: 'addMembers', ...group, ...user },
			missing: { userId: locator('userName', 'nobody@example.com') },
		},
		{
			name: 'SCIM group remove members',
			parameters: { resource: 'scimGroup', operation: 'removeMembers', ...group, ...user },
			missing: { groupId: UNKNOWN_TEAM },
		},
	];
}

const FAULTS: Partial<Record<Kind, { fault: Fault; method?: string }>> = {
	server: { fault: { kind: 'status', status: 500 } },
	unauthorized: { fault: { kind: 'status', status: 401 } },
	// On POSTs only: the transport never repeats those, so nothing waits out a backoff.
	dropped: { fault: { kind: 'drop' }, method: 'POST' },
	lost: { fault: { kind: 'lost' }, method: 'POST' },
};

describe('no secret in any error, output or log line', () => {
	let sigma: SigmaTestbed;
	const texts: string[] = [];
	const secrets = new Set<string>();
	let failuresSeen = 0;

	beforeAll(async () => {
		sigma = await startSigma({ members: 12, teams: 3, tokenRateLimit: false });
		logLines.length = 0;
	});
	afterAll(async () => await sigma.stop());

	const rememberSecrets = () => {
		const stored = sigma.store.stored(sigma.credentials.sigmaApi.id);
		for (const value of [
			sigma.emulator.clientSecret,
			sigma.emulator.scimToken,
			stored.accessToken,
			stored.clientSecret,
			sigma.store.stored(sigma.credentials.sigmaScimApi.id).token,
			...refreshTokens(sigma.emulator),
		]) {
			if (typeof value === 'string' && value !== '') secrets.add(value);
		}
	};

	/** Runs the node with and without Continue On Fail and keeps everything a user could see. */
	const runBoth = async (parameters: INodeParameters) => {
		for (const continueOnFail of [true, false]) {
			try {
				const output = await sigma.execute(node, { parameters, continueOnFail });
				const items = output.flat();
				failuresSeen += items.filter((item) => item.json.error !== undefined).length;
				texts.push(JSON.stringify(output));
			} catch (error) {
				failuresSeen++;
				const { message, description } = error as { message?: string; description?: string };
				texts.push(String(message), String(description), JSON.stringify(error));
			}
			rememberSecrets();
		}
	};

	const withKind = async (kind: Kind, work: () => Promise<void>) => {
		const apiId = sigma.credentials.sigmaApi.id;
		const scimId = sigma.credentials.sigmaScimApi.id;
		const saved = { api: sigma.store.stored(apiId), scim: sigma.store.stored(scimId) };
		const fault = FAULTS[kind];
		if (fault) {
			const match = { path: API, method: fault.method };
			sigma.emulator.faults.inject(fault.fault, { match, times: Infinity });
		}
		if (kind === 'unauthorized') {
			// A wrong SCIM token is a secret too: the one typed in must not show either.
			sigma.store.edit(scimId, { token: 'typed-in-scim-token-3f9a1c7e55' });
		}
		if (kind === 'tokenRefused') {
			sigma.store.edit(apiId, {
				clientSecret: 'typed-in-client-secret-8b2d4e6f10',
				accessToken: '',
			});
		}
		if (kind === 'tokenDown') {
			sigma.store.edit(apiId, { accessToken: '' });
			sigma.emulator.faults.inject(
				{ kind: 'status', status: 503 },
				{ match: { path: '/v2/auth/token' }, times: Infinity },
			);
		}
		rememberSecrets();
		try {
			await work();
		} finally {
			sigma.emulator.faults.clear();
			sigma.store.edit(apiId, saved.api);
			sigma.store.edit(scimId, saved.scim);
		}
	};

	it.each<[Kind]>([['server'], ['unauthorized'], ['missing'], ['tokenRefused'], ['tokenDown']])(
		'runs the failure paths of every operation (%s)',
		async (kind) => {
			const before = failuresSeen;
			const list = operations(sigma);
			await withKind(kind, async () => {
				for (const operation of list) {
					if (kind === 'missing' && !operation.missing) continue;
					const rest = !String(operation.parameters.resource).startsWith('scim');
					if ((kind === 'tokenRefused' || kind === 'tokenDown') && !rest) continue;
					const parameters =
						kind === 'missing'
							? { ...operation.parameters, ...operation.missing }
							: operation.parameters;
					await runBoth(parameters);
				}
			});
			expect(failuresSeen - before).toBeGreaterThanOrEqual(list.length);
		},
	);

	const runsWriteFailurePaths =
		'runs the failure paths of writes whose connection drops or whose answer is lost';
	it(runsWriteFailurePaths, async () => {
		const before = failuresSeen;
		const writes = operations(sigma).filter((operation) => operation.posts);
		for (const kind of ['dropped', 'lost'] as const) {
			await withKind(kind, async () => {
				for (const operation of writes) await runBoth(operation.parameters);
			});
		}
		expect(failuresSeen - before).toBeGreaterThanOrEqual(writes.length * 2);
	});

	const runsLoggingPaths =
		'runs the paths that log: retries after 429, refreshes, and a forbidden account type list';
	it(runsLoggingPaths, async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 429, retryAfter: 0 },
			{ match: { path: API }, times: 6 },
		);
		await runBoth({ resource: 'member', operation: 'getAll', returnAll: true });
		sigma.emulator.expireTokens();
		await runBoth({ resource: 'team', operation: 'getAll', returnAll: true });
		sigma.emulator.options.accountTypesForbidden = true;
		await runBoth({
			resource: 'member',
			operation: 'create',
			email: 'forbidden.types@example.com',
			firstName: 'No',
			lastName: 'Types',
			memberType: 'Creator',
		});
		sigma.emulator.options.accountTypesForbidden = false;

		expect(logLines.some((line) => line.message.includes('retrying'))).toBe(true);
		expect(logLines.some((line) => line.level === 'warn')).toBe(true);
	});

	it('runs the failure paths of the trigger', async () => {
		const trigger = new SigmaTrigger();
		const staticData: IDataObject = {};
		const poll = async () => {
			try {
				const { output } = await sigma.runtime.poll(trigger, {
					parameters: { events: ['memberAdded', 'memberChanged', 'memberRemoved'], options: {} },
					credentials: sigma.credentials,
					staticData,
				});
				texts.push(JSON.stringify(output), JSON.stringify(staticData));
			} catch (error) {
				failuresSeen++;
				const { message, description } = error as { message?: string; description?: string };
				texts.push(String(message), String(description), JSON.stringify(error));
			}
			rememberSecrets();
		};
		await poll();
		for (const kind of ['server', 'unauthorized', 'tokenRefused', 'tokenDown'] as const) {
			await withKind(kind, poll);
		}
		const org = sigma.emulator.org;
		for (const member of org.members.filter((m) => m !== org.owner && !m.isArchived)) {
			org.archiveMember(member.memberId);
		}
		await poll();

		expect(texts.at(-3)).toContain('Mass Removal Guard');
	});

	const findsNoSecret =
		'finds none of the client secret, access tokens, refresh tokens or SCIM tokens anywhere';
	it(findsNoSecret, () => {
		const logged = logLines.map((line) => `${line.message} ${JSON.stringify(line.metadata)}`);
		const haystack = [...texts, ...logged].join('\n');
		const found = [...secrets].filter((secret) => haystack.includes(secret));

		// The search is only as good as what it searched: many failures, every kind of secret.
		expect(failuresSeen).toBeGreaterThan(200);
		expect(secrets.has(sigma.emulator.clientSecret)).toBe(true);
		expect(secrets.has(sigma.emulator.scimToken)).toBe(true);
		expect(refreshTokens(sigma.emulator).length).toBeGreaterThan(1);
		expect(secrets.size).toBeGreaterThan(6);
		expect(haystack.length).toBeGreaterThan(100_000);
		expect(found).toEqual([]);
		reportFigure('secret scan: failures run', failuresSeen);
		reportFigure('secret scan: distinct secrets', secrets.size);
		reportFigure('secret scan: characters searched', haystack.length);
		reportFigure('secret scan: log lines', logLines.length);
	});
});
