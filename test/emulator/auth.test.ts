import { fetchToken, http } from './helpers';
import { SigmaEmulator } from './index';

describe('token endpoint and bearer checks', () => {
	let emulator: SigmaEmulator;

	beforeEach(async () => {
		emulator = await SigmaEmulator.start({ tokenRateLimit: false });
	});

	afterEach(async () => {
		await emulator.stop();
	});

	const tokenUrl = (): string => `${emulator.url}/v2/auth/token`;

	it('issues a bearer token for client credentials sent in the form body', async () => {
		const result = await http('POST', tokenUrl(), {
			form: {
				grant_type: 'client_credentials',
				client_id: emulator.clientId,
				client_secret: emulator.clientSecret,
			},
		});

		expect(result.status).toBe(200);
		expect(result.body).toEqual({
			access_token: expect.any(String),
			refresh_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 3600,
		});
		expect(result.body.access_token).not.toBe(result.body.refresh_token);
		expect(emulator.tokensIssued()).toBe(1);
	});

	it('accepts client credentials in an HTTP Basic header', async () => {
		const basic = Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString('base64');
		const result = await http('POST', tokenUrl(), {
			form: { grant_type: 'client_credentials' },
			headers: { authorization: `Basic ${basic}` },
		});

		expect(result.status).toBe(200);
		const whoami = await http('GET', `${emulator.url}/v2/whoami`, {
			token: result.body.access_token,
		});
		expect(whoami.status).toBe(200);
		expect(whoami.body).toMatchObject({ email: 'owner@example.com', accountType: 'Admin' });
	});

	it('exchanges a refresh token for a new access token', async () => {
		const first = await http('POST', tokenUrl(), {
			form: {
				grant_type: 'client_credentials',
				client_id: emulator.clientId,
				client_secret: emulator.clientSecret,
			},
		});
		emulator.expireTokens();

		const refreshed = await http('POST', tokenUrl(), {
			form: {
				grant_type: 'refresh_token',
				refresh_token: first.body.refresh_token,
				client_id: emulator.clientId,
				client_secret: emulator.clientSecret,
			},
		});

		expect(refreshed.status).toBe(200);
		expect(refreshed.body.access_token).not.toBe(first.body.access_token);
		const members = await http('GET', `${emulator.url}/v2/members?limit=10`, {
			token: refreshed.body.access_token,
		});
		expect(members.status).toBe(200);
		expect(emulator.tokensIssued()).toBe(2);
	});

	it('answers 401 to a wrong secret, an unknown client or an unknown refresh token', async () => {
		const wrongSecret = await http('POST', tokenUrl(), {
			form: {
				grant_type: 'client_credentials',
				client_id: emulator.clientId,
				client_secret: 'not-the-secret',
			},
		});
		const unknownClient = await http('POST', tokenUrl(), {
			form: {
				grant_type: 'client_credentials',
				client_id: 'someone-else',
				client_secret: emulator.clientSecret,
			},
		});
		const unknownRefresh = await http('POST', tokenUrl(), {
			form: {
				grant_type: 'refresh_token',
				refresh_token: 'never-issued',
				client_id: emulator.clientId,
				client_secret: emulator.clientSecret,
			},
		});

		for (const result of [wrongSecret, unknownClient, unknownRefresh]) {
			expect(result.status).toBe(401);
			expect(result.body).toEqual({
				requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				message: expect.any(String),
				code: 'unauthorized',
			});
		}
		expect(emulator.tokensIssued()).toBe(0);
	});

	it('answers 400 to an unknown grant type and to a JSON body', async () => {
		const unknownGrant = await http('POST', tokenUrl(), {
			form: {
				grant_type: 'password',
				client_id: emulator.clientId,
				client_secret: emulator.clientSecret,
			},
		});
		const jsonBody = await http('POST', tokenUrl(), {
			json: {
				grant_type: 'client_credentials',
				client_id: emulator.clientId,
				client_secret: emulator.clientSecret,
			},
		});

		expect(unknownGrant.status).toBe(400);
		expect(unknownGrant.body.message).toContain('grant_type');
		expect(jsonBody.status).toBe(400);
		expect(jsonBody.body.message).toContain('application/x-www-form-urlencoded');
	});

	it('answers 401 to no token, a made-up token or the SCIM token', async () => {
		const url = `${emulator.url}/v2/members`;
		const results = [
			await http('GET', url),
			await http('GET', url, { token: 'made-up' }),
			await http('GET', url, { token: emulator.scimToken }),
		];

		for (const result of results) {
			expect(result.status).toBe(401);
			expect(result.body).toMatchObject({
				code: 'unauthorized',
				message: 'Token missing or malformed',
			});
		}
	});

	it('rejects a token once expireTokens() is called', async () => {
		const token = await fetchToken(emulator);
		const before = await http('GET', `${emulator.url}/v2/whoami`, { token });

		emulator.expireTokens();
		const after = await http('GET', `${emulator.url}/v2/whoami`, { token });

		expect(before.status).toBe(200);
		expect(after.status).toBe(401);
		expect(after.body.code).toBe('unauthorized');
	});
});

describe('token lifetime and rate limit', () => {
	it('rejects a token after its lifetime has passed', async () => {
		const emulator = await SigmaEmulator.start({ tokenLifetimeSeconds: 0.2 });
		try {
			const token = await fetchToken(emulator);
			const fresh = await http('GET', `${emulator.url}/v2/whoami`, { token });
			await new Promise((resolve) => setTimeout(resolve, 250));
			const stale = await http('GET', `${emulator.url}/v2/whoami`, { token });

			expect(fresh.status).toBe(200);
			expect(stale.status).toBe(401);
		} finally {
			await emulator.stop();
		}
	});

	it('answers 429 with Retry-After 1 to a second token request within one second', async () => {
		const emulator = await SigmaEmulator.start();
		try {
			await fetchToken(emulator);
			const second = await http('POST', `${emulator.url}/v2/auth/token`, {
				form: {
					grant_type: 'client_credentials',
					client_id: emulator.clientId,
					client_secret: emulator.clientSecret,
				},
			});

			expect(second.status).toBe(429);
			expect(second.headers['retry-after']).toBe('1');
			expect(second.body.code).toBe('rate_limited');
			expect(emulator.tokensIssued()).toBe(1);
		} finally {
			await emulator.stop();
		}
	});

	it('does not rate-limit token requests when tokenRateLimit is off', async () => {
		const emulator = await SigmaEmulator.start({ tokenRateLimit: false });
		try {
			const tokens = [
				await fetchToken(emulator),
				await fetchToken(emulator),
				await fetchToken(emulator),
			];

			expect(new Set(tokens).size).toBe(3);
			expect(emulator.tokensIssued()).toBe(3);
		} finally {
			await emulator.stop();
		}
	});
});
