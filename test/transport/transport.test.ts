import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RetryPolicy } from '../../nodes/transport';
import {
	collect,
	cursorPages,
	endpoint,
	scimPages,
	sigmaApiRequest,
	tokenPages,
} from '../../nodes/transport';
import type { SigmaTestbed } from '../harness/sigma';
import { probeNode, startSigma } from '../harness/sigma';

/** The default policy's shape with short waits, so that retry tests take milliseconds. */
const FAST: RetryPolicy = {
	attempts: 4,
	baseDelayMs: 5,
	maxDelayMs: 20,
	rateLimitFloorMs: 5,
	maxRetryAfterMs: 60_000,
};

// Generated orgs hold some archived and SCIM-inactive members, which Sigma hides by default.
const EVERYONE: IDataObject = { includeArchived: true, includeInactive: true };

const listMembers = (qs: IDataObject = EVERYONE) =>
	probeNode(async function (this: IExecuteFunctions) {
		const members = await collect(cursorPages.call(this, '/v2/members', { qs }));
		return { count: members.length, ids: members.map((member) => member.memberId as string) };
	});

describe('transport against the emulator, through n8n-core', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 2499 });
	});
	afterEach(async () => await sigma.stop());

	const tokenRequests = () => sigma.emulator.log.count({ path: '/v2/auth/token' });

	const exchangesOneToken =
		'exchanges exactly one token on the first request and stores it in the credential';
	it(exchangesOneToken, async () => {
		await sigma.json(listMembers(), { parameters: {} });

		expect(tokenRequests()).toBe(1);
		expect(sigma.store.preAuthentications).toEqual([{ type: 'sigmaApi', expired: false }]);
		expect(sigma.store.stored(sigma.credentials.sigmaApi.id).accessToken).toMatch(/.+/);
	});

	it('reuses the stored token in a second execution', async () => {
		await sigma.json(listMembers(), { parameters: {} });
		sigma.emulator.log.clear();

		await sigma.json(listMembers(), { parameters: {} });

		expect(tokenRequests()).toBe(0);
		expect(sigma.emulator.tokensIssued()).toBe(1);
	});

	it('refreshes an expired token exactly once and retries the request', async () => {
		await sigma.json(listMembers(), { parameters: {} });
		const firstToken = sigma.store.stored(sigma.credentials.sigmaApi.id).accessToken;
		sigma.emulator.expireTokens();
		sigma.emulator.log.clear();

		const [result] = await sigma.json(listMembers(), { parameters: {} });

		expect(result.count).toBe(2500);
		// The refresh comes within a second of the first exchange, so Sigma's 1 request/s limit
		// may answer 429 first; the credential waits and asks again, and one token is issued.
		expect(sigma.emulator.tokensIssued()).toBe(2);
		expect(sigma.store.preAuthentications).toEqual([
			{ type: 'sigmaApi', expired: false },
			{ type: 'sigmaApi', expired: true },
		]);
		expect(sigma.store.stored(sigma.credentials.sigmaApi.id).accessToken).not.toBe(firstToken);
		const statuses = sigma.emulator.log.entries
			.filter((entry) => entry.path === '/v2/members')
			.map((entry) => entry.status);
		expect(statuses).toEqual([401, 200, 200, 200]);
	});

	it('reads 2,500 members in exactly 3 page requests at limit=1000', async () => {
		const [result] = await sigma.json(listMembers(), { parameters: {} });

		expect(result.count).toBe(2500);
		expect(new Set(result.ids as string[]).size).toBe(2500);
		const pages = sigma.emulator.log.entries.filter((entry) => entry.path === '/v2/members');
		expect(pages.map((entry) => entry.query.limit)).toEqual(['1000', '1000', '1000']);
		expect(pages[0].query.page).toBeUndefined();
		expect(pages[1].query.page).toEqual(expect.any(String));
	});

	it('stops after the page that reaches a limit', async () => {
		const node = probeNode(async function (this: IExecuteFunctions) {
			const members = await collect(
				cursorPages.call(this, '/v2/members', { qs: EVERYONE, limit: 1200 }),
			);
			return { count: members.length };
		});

		const [result] = await sigma.json(node, { parameters: {} });

		expect(result.count).toBe(1200);
		const pages = sigma.emulator.log.entries.filter((entry) => entry.path === '/v2/members');
		expect(pages.map((entry) => entry.query.limit)).toEqual(['1000', '200']);
	});

	it('reads the legacy bare-array list shape', async () => {
		const node = probeNode(async function (this: IExecuteFunctions) {
			// Without `limit` Sigma answered /v2/members with a bare array until June 2026.
			const legacy = await sigmaApiRequest.call(this, {
				method: 'GET',
				path: '/v2/members',
				qs: EVERYONE,
			});
			return { isArray: Array.isArray(legacy), count: (legacy as unknown as unknown[]).length };
		});

		const [result] = await sigma.json(node, { parameters: {} });

		expect(result).toEqual({ isArray: true, count: 2500 });
	});

	it('pages account types with pageSize and pageToken until nextPageToken is absent', async () => {
		for (let index = 0; index < 1200; index++) sigma.emulator.org.addAccountType(`Custom ${index}`);
		const node = probeNode(async function (this: IExecuteFunctions) {
			const types = await collect(tokenPages.call(this, '/v2/accountTypes'));
			return { count: types.length };
		});

		const [result] = await sigma.json(node, { parameters: {} });

		expect(result.count).toBe(1205);
		const pages = sigma.emulator.log.entries.filter((entry) => entry.path === '/v2/accountTypes');
		expect(pages.map((entry) => entry.query.pageSize)).toEqual(['1000', '1000']);
		expect(pages[1].query.pageToken).toEqual(expect.any(String));
	});

	it('pages SCIM users with the SCIM token until totalResults is reached', async () => {
		const node = probeNode(async function (this: IExecuteFunctions) {
			const users = await collect(scimPages.call(this, '/Users'));
			return { count: users.length };
		});

		const [result] = await sigma.json(node, { parameters: {} });

		expect(result.count).toBe(2500);
		const pages = sigma.emulator.log.entries.filter((entry) => entry.api === 'scim');
		expect(pages.map((entry) => entry.query.startIndex)).toEqual(['1', '1001', '2001']);
		expect(tokenRequests()).toBe(0);
	});

	it('builds paths with encoded IDs', async () => {
		const node = probeNode(async function (this: IExecuteFunctions) {
			try {
				await sigmaApiRequest.call(this, {
					method: 'GET',
					path: endpoint`/v2/members/${'../teams'}`,
				});
				return { failed: false };
			} catch (error) {
				return { failed: true, message: (error as Error).message };
			}
		});

		const [result] = await sigma.json(node, { parameters: {} });

		expect(result.failed).toBe(true);
		expect(sigma.emulator.log.entries.at(-1)?.path).toBe('/v2/members/..%2Fteams');
	});
});

describe('retries', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 10 });
	});
	afterEach(async () => await sigma.stop());

	const getWhoami = (policy = FAST, method: 'GET' | 'POST' = 'GET') =>
		probeNode(async function (this: IExecuteFunctions) {
			try {
				const whoami = (await sigmaApiRequest.call(this, {
					method,
					path: '/v2/whoami',
					policy,
				})) as IDataObject;
				return { ok: true, userId: whoami.userId as string };
			} catch (error) {
				const { message, description } = error as { message: string; description: string };
				return { ok: false, message, description };
			}
		});

	const whoamiStatuses = () =>
		sigma.emulator.log.entries.filter((entry) => entry.path === '/v2/whoami').map((e) => e.status);

	it('recovers from a 429 with Retry-After, a 503 and a dropped connection', async () => {
		const match = { path: '/v2/whoami' };
		sigma.emulator.faults.inject({ kind: 'status', status: 429, retryAfter: 0 }, { match });
		sigma.emulator.faults.inject({ kind: 'status', status: 503 }, { match });
		sigma.emulator.faults.inject({ kind: 'drop' }, { match });

		const [result] = await sigma.json(getWhoami(), { parameters: {} });

		expect(result).toMatchObject({ ok: true, userId: sigma.emulator.org.owner.memberId });
		expect(sigma.emulator.log.count({ path: '/v2/whoami' })).toBe(4);
	});

	it('honours Retry-After in seconds', async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 429, retryAfter: 1 },
			{ match: { path: '/v2/whoami' } },
		);
		const started = Date.now();

		const [result] = await sigma.json(getWhoami(), { parameters: {} });

		expect(result.ok).toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	it('gives up after the attempt bound with an error that says so', async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 503 },
			{ match: { path: '/v2/whoami' }, times: 10 },
		);

		const [result] = await sigma.json(getWhoami(), { parameters: {} });

		expect(result.ok).toBe(false);
		expect(result.message).toMatch(/^Sigma GET \/v2\/whoami failed after 4 attempts: HTTP 503\b/);
		expect(result.description).toContain('Try again later');
		expect(whoamiStatuses()).toEqual([503, 503, 503, 503]);
	});

	it('does not repeat a POST after a 503, since Sigma may have applied it', async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 503 },
			{ match: { path: '/v2/whoami' } },
		);

		const [result] = await sigma.json(getWhoami(FAST, 'POST'), { parameters: {} });

		expect(result.ok).toBe(false);
		expect(sigma.emulator.log.count({ path: '/v2/whoami' })).toBe(1);
	});

	it('repeats a POST after a 429, which Sigma never applies', async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 429, retryAfter: 0 },
			{ match: { path: '/v2/whoami' } },
		);

		await sigma.json(getWhoami(FAST, 'POST'), { parameters: {} });

		expect(sigma.emulator.log.count({ path: '/v2/whoami' })).toBe(2);
	});

	it('does not wait out a Retry-After longer than a minute', async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 429, retryAfter: 3600 },
			{ match: { path: '/v2/whoami' } },
		);

		const [result] = await sigma.json(getWhoami(), { parameters: {} });

		expect(result.ok).toBe(false);
		expect(result.message).toContain('HTTP 429');
		expect(sigma.emulator.log.count({ path: '/v2/whoami' })).toBe(1);
	});

	it("maps Sigma's error envelope to a message with the fix and the request ID", async () => {
		const node = probeNode(async function (this: IExecuteFunctions) {
			try {
				await sigmaApiRequest.call(this, { method: 'GET', path: endpoint`/v2/members/${'nope'}` });
				return { ok: true };
			} catch (error) {
				const { message, description } = error as { message: string; description: string };
				return { ok: false, message, description };
			}
		});

		const [result] = await sigma.json(node, { parameters: {} });

		expect(result.message).toMatch(/^Sigma GET \/v2\/members\/nope failed: HTTP 404 \(not_found\)/);
		expect(result.description).toMatch(/Check the ID.*Sigma request ID: [0-9a-f-]{36}/);
	});
});
