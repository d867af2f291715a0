import { fetchToken, http, restClient, scimClient } from './helpers';
import { SigmaEmulator } from './index';

describe('injected faults', () => {
	let emulator: SigmaEmulator;
	let token: string;
	let api: ReturnType<typeof restClient>;

	beforeEach(async () => {
		emulator = await SigmaEmulator.start({ tokenRateLimit: false });
		token = await fetchToken(emulator);
		api = restClient(emulator, token);
	});

	afterEach(async () => {
		await emulator.stop();
	});

	const ann = { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' };

	it('answers an injected 429 with Retry-After seconds and the error envelope', async () => {
		emulator.faults.inject({ kind: 'status', status: 429, retryAfter: 2 });

		const faulted = await api.get('/v2/members?limit=10');
		const next = await api.get('/v2/members?limit=10');

		expect(faulted.status).toBe(429);
		expect(faulted.headers['retry-after']).toBe('2');
		expect(faulted.body).toEqual({
			requestId: expect.any(String),
			message: expect.any(String),
			code: 'rate_limited',
		});
		expect(next.status).toBe(200);
		expect(emulator.faults.pending()).toBe(0);
	});

	it('sends a Retry-After HTTP date as given, and a SCIM error body on SCIM routes', async () => {
		const date = new Date(Date.now() + 3000).toUTCString();
		emulator.faults.inject(
			{ kind: 'status', status: 503, retryAfter: date },
			{ match: { path: '/scim/v2/Users' } },
		);

		const members = await api.get('/v2/members?limit=1');
		const users = await scimClient(emulator).get('/Users');

		expect(members.status).toBe(200);
		expect(users.status).toBe(503);
		expect(users.headers['retry-after']).toBe(date);
		expect(users.body).toMatchObject({
			schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
			status: '503',
		});
	});

	it('consumes faults in order, each for its number of times', async () => {
		emulator.faults.inject({ kind: 'status', status: 503 }, { times: 2 });
		emulator.faults.inject({ kind: 'status', status: 500 });
		expect(emulator.faults.pending()).toBe(3);

		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await api.get('/v2/whoami')).status);

		expect(statuses).toEqual([503, 503, 500, 200]);
	});

	it('applies a fault only to requests that match its method and path', async () => {
		emulator.faults.inject(
			{ kind: 'status', status: 502 },
			{ match: { method: 'POST', path: /^\/v2\/teams/ } },
		);

		const list = await api.get('/v2/teams?limit=1');
		const create = await api.post('/v2/teams', { name: 'Ops' });

		expect(list.status).toBe(200);
		expect(create.status).toBe(502);
		expect(create.body.code).toBe('bad_gateway');
		expect(emulator.org.findTeamByName('Ops')).toBeUndefined();
	});

	it('drop closes the socket before the request is applied', async () => {
		emulator.faults.inject({ kind: 'drop' }, { match: { method: 'POST', path: '/v2/members' } });

		await expect(api.post('/v2/members', ann)).rejects.toThrow();

		expect(emulator.org.findMemberByEmail(ann.email)).toBeUndefined();
		expect(emulator.log.entries[emulator.log.entries.length - 1]).toMatchObject({
			path: '/v2/members',
			status: 0,
			fault: 'drop',
		});
	});

	it('lost applies the write, then closes the socket without answering', async () => {
		emulator.faults.inject({ kind: 'lost' }, { match: { method: 'POST', path: '/v2/members' } });

		await expect(api.post('/v2/members', ann)).rejects.toThrow();
		const retry = await api.post('/v2/members', ann);

		expect(emulator.org.findMemberByEmail(ann.email)).toBeDefined();
		expect(retry.status).toBe(409);
		expect(emulator.log.entries[emulator.log.entries.length - 2]).toMatchObject({
			status: 200,
			fault: 'lost',
		});
	});

	it('a random storm is deterministic for a seed and leaves other requests alone', async () => {
		const runStorm = async (): Promise<number[]> => {
			const storm = await SigmaEmulator.start({ tokenRateLimit: false });
			try {
				const client = restClient(storm, await fetchToken(storm));
				storm.faults.random({
					probability: 0.4,
					kinds: [
						{ kind: 'status', status: 500 },
						{ kind: 'status', status: 503 },
					],
					seed: 7,
					match: { path: '/v2/whoami' },
				});
				const statuses = [];
				for (let i = 0; i < 30; i++) statuses.push((await client.get('/v2/whoami')).status);
				storm.faults.stopRandom();
				statuses.push((await client.get('/v2/whoami')).status);
				return statuses;
			} finally {
				await storm.stop();
			}
		};

		const first = await runStorm();
		const second = await runStorm();

		expect(first).toEqual(second);
		expect(first).toContain(200);
		expect(first).toContain(500);
		expect(first).toContain(503);
		expect(first[30]).toBe(200);
	});

	it('clear() removes pending faults', async () => {
		emulator.faults.inject({ kind: 'status', status: 500 }, { times: 5 });

		emulator.faults.clear();

		expect(emulator.faults.pending()).toBe(0);
		expect((await api.get('/v2/whoami')).status).toBe(200);
	});
});

describe('latency, log and stop', () => {
	it('delays only the matching route when latency is set with a match', async () => {
		const emulator = await SigmaEmulator.start({ tokenRateLimit: false });
		try {
			const api = restClient(emulator, await fetchToken(emulator));
			emulator.setLatency(150, { path: '/v2/whoami' });

			const slowStart = Date.now();
			await api.get('/v2/whoami');
			const slow = Date.now() - slowStart;
			const fastStart = Date.now();
			await api.get('/v2/members?limit=1');
			const fast = Date.now() - fastStart;

			expect(slow).toBeGreaterThanOrEqual(140);
			expect(fast).toBeLessThan(100);
		} finally {
			await emulator.stop();
		}
	});

	it('logs method, path, query, status and api but never a secret or token', async () => {
		const emulator = await SigmaEmulator.start({ tokenRateLimit: false });
		try {
			const tokenResponse = await http('POST', `${emulator.url}/v2/auth/token`, {
				form: {
					grant_type: 'client_credentials',
					client_id: emulator.clientId,
					client_secret: emulator.clientSecret,
				},
			});
			const { access_token: accessToken, refresh_token: refreshToken } = tokenResponse.body;
			await http('GET', `${emulator.url}/v2/members?limit=5&email=ann%40example.com`, {
				token: accessToken,
			});
			await http('GET', `${emulator.url}/v2/members?client_secret=${emulator.clientSecret}`, {
				token: accessToken,
			});
			await scimClient(emulator).get('/Users?count=1');

			const logged = JSON.stringify(emulator.log.entries);

			for (const secret of [emulator.clientSecret, accessToken, refreshToken, emulator.scimToken]) {
				expect(logged).not.toContain(secret);
			}
			expect(
				emulator.log.entries.map(({ method, path, query, status, api }) => ({
					method,
					path,
					query,
					status,
					api,
				})),
			).toEqual([
				{ method: 'POST', path: '/v2/auth/token', query: {}, status: 200, api: 'token' },
				{
					method: 'GET',
					path: '/v2/members',
					query: { limit: '5', email: 'ann@example.com' },
					status: 200,
					api: 'rest',
				},
				{
					method: 'GET',
					path: '/v2/members',
					query: { client_secret: '[redacted]' },
					status: 400,
					api: 'rest',
				},
				{ method: 'GET', path: '/scim/v2/Users', query: { count: '1' }, status: 200, api: 'scim' },
			]);
			expect(emulator.log.count({ path: '/v2/members' })).toBe(2);
			expect(emulator.log.count({ method: 'post' })).toBe(1);
			emulator.log.clear();
			expect(emulator.log.count()).toBe(0);
		} finally {
			await emulator.stop();
		}
	});

	it('stop() returns promptly with a delayed request and a keep-alive socket open', async () => {
		const emulator = await SigmaEmulator.start({ tokenRateLimit: false });
		const token = await fetchToken(emulator);
		emulator.setLatency(5000);
		const pending = http('GET', `${emulator.url}/v2/whoami`, { token });
		await new Promise((resolve) => setTimeout(resolve, 50));

		const started = Date.now();
		await emulator.stop();

		expect(Date.now() - started).toBeLessThan(500);
		await expect(pending).rejects.toThrow();
	});
});

describe('control endpoints', () => {
	let emulator: SigmaEmulator;

	beforeEach(async () => {
		emulator = await SigmaEmulator.start({ members: 3, teams: 2, tokenRateLimit: false });
	});

	afterEach(async () => {
		await emulator.stop();
	});

	const control = (path: string): string => `${emulator.url}/__emulator${path}`;

	it('reports stats and the org, and lists the log without auth', async () => {
		await fetchToken(emulator);

		const stats = await http('GET', control('/stats'));
		const org = await http('GET', control('/org'));
		const log = await http('GET', control('/log'));

		expect(stats.body).toEqual({ tokensIssued: 1, members: 4, teams: 2 });
		expect(org.body.members).toHaveLength(4);
		expect(org.body.teams[0]).toMatchObject({ name: 'Finance', members: expect.any(Array) });
		expect(log.body.map((entry: { api: string }) => entry.api)).toEqual([
			'token',
			'control',
			'control',
		]);
	});

	it('injects a fault over HTTP that applies to the next matching request', async () => {
		const token = await fetchToken(emulator);

		const injected = await http('POST', control('/faults'), {
			json: {
				fault: { kind: 'status', status: 503, retryAfter: 1 },
				times: 1,
				match: { method: 'GET', path: '/v2/whoami' },
			},
		});
		const faulted = await http('GET', `${emulator.url}/v2/whoami`, { token });
		const invalid = await http('POST', control('/faults'), {
			json: { fault: { kind: 'explode' } },
		});

		expect(injected.body).toEqual({ pending: 1 });
		expect(faulted.status).toBe(503);
		expect(faulted.headers['retry-after']).toBe('1');
		expect(invalid.status).toBe(400);
	});

	it('expires tokens and clears the log over HTTP; faults skip control routes', async () => {
		const token = await fetchToken(emulator);
		emulator.faults.inject({ kind: 'status', status: 500 }, { times: Infinity });

		const expired = await http('POST', control('/expire-tokens'));
		emulator.faults.clear();
		const whoami = await http('GET', `${emulator.url}/v2/whoami`, { token });
		const cleared = await http('POST', control('/log/clear'));

		expect(expired.status).toBe(200);
		expect(whoami.status).toBe(401);
		expect(cleared.status).toBe(200);
		expect(emulator.log.entries).toEqual([]);
	});
});
