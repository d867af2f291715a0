import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { SigmaApi } from '../../credentials/SigmaApi.credentials';
import { SigmaScimApi } from '../../credentials/SigmaScimApi.credentials';
import { scimApiRequest, sigmaApiRequest } from '../../nodes/transport';
import type { SigmaTestbed } from '../harness/sigma';
import { probeNode, startSigma } from '../harness/sigma';

const whoami = probeNode(async function (this: IExecuteFunctions) {
	try {
		const result = (await sigmaApiRequest.call(this, {
			method: 'GET',
			path: '/v2/whoami',
		})) as IDataObject;
		return { ok: true, userId: result.userId as string };
	} catch (error) {
		return { ok: false, message: (error as Error).message, serialized: JSON.stringify(error) };
	}
});

const scimUsers = probeNode(async function (this: IExecuteFunctions) {
	try {
		const result = (await scimApiRequest.call(this, {
			method: 'GET',
			path: '/Users',
			qs: { count: 1 },
		})) as IDataObject;
		return { ok: true, total: result.totalResults as number };
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
});

async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('Sigma API credential', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 3 });
	});
	afterEach(async () => await sigma.stop());

	const useCredential = (data: Record<string, string>) =>
		sigma.store.edit(sigma.credentials.sigmaApi.id, { ...data, accessToken: '' });

	const rejectedClientWithoutSecret =
		'says Sigma rejected the client and where to find the right one, without the secret';
	it(rejectedClientWithoutSecret, async () => {
		useCredential({ clientSecret: 'not-the-secret-123' });

		const [result] = await sigma.json(whoami, { parameters: {} });

		expect(result.ok).toBe(false);
		expect(result.message).toContain('Sigma rejected the client ID or secret');
		expect(result.message).toContain('Administration > Developer Access');
		expect(result.serialized).not.toContain('not-the-secret-123');
		expect(sigma.emulator.log.count({ path: '/v2/whoami' })).toBe(0);
	});

	it('says the region is probably wrong when nothing answers', async () => {
		useCredential({ baseUrl: `http://127.0.0.1:${await closedPort()}` });

		const [result] = await sigma.json(whoami, { parameters: {} });

		expect(result.message).toMatch(
			/^Could not reach Sigma at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/,
		);
		expect(result.message).toContain('region or base URL is probably wrong');
	});

	it('says the region is probably wrong when the host is not Sigma', async () => {
		const server = http.createServer((_request, response) => {
			response.writeHead(404, { 'content-type': 'text/html' });
			response.end('<html>Not found</html>');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		useCredential({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });

		const [result] = await sigma.json(whoami, { parameters: {} });
		await new Promise((resolve) => server.close(resolve));

		expect(result.message).toContain('has no Sigma token endpoint (HTTP 404)');
	});

	it('waits out a rate-limited token endpoint and then gets its token', async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 429 },
			{ match: { path: '/v2/auth/token' }, times: 2 },
		);

		const [result] = await sigma.json(whoami, { parameters: {} });

		expect(result.ok).toBe(true);
		expect(sigma.emulator.log.count({ path: '/v2/auth/token' })).toBe(3);
	});

	it('gives up on a token endpoint that keeps answering 429, with a clear error', async () => {
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 429, retryAfter: 0 },
			{ match: { path: '/v2/auth/token' }, times: 10 },
		);

		const [result] = await sigma.json(whoami, { parameters: {} });

		// Three token requests by the credential, then three more when the transport tries the
		// request once again after a pause.
		expect(result.message).toContain('429 (rate limited) after 3 attempts');
		expect(result.message).toContain('wait a minute and retry');
		expect(sigma.emulator.log.count({ path: '/v2/auth/token' })).toBe(6);
		expect(sigma.emulator.log.count({ path: '/v2/whoami' })).toBe(0);
	});

	it('refuses http:// to a non-loopback host before sending anything', async () => {
		useCredential({ baseUrl: 'http://sigma.example.com' });

		const [result] = await sigma.json(whoami, { parameters: {} });

		expect(result.message).toContain('uses http:// to sigma.example.com: use https://');
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});

	it('refuses a SCIM Directory Base URL pasted into the REST credential', async () => {
		useCredential({ baseUrl: `${sigma.emulator.url}/scim/v2` });

		const [result] = await sigma.json(whoami, { parameters: {} });

		expect(result.message).toContain('looks like a SCIM Directory Base URL');
		expect(sigma.emulator.log.entries).toHaveLength(0);
	});

	it('accepts a base URL pasted with /v2 and a trailing slash', async () => {
		useCredential({ baseUrl: `${sigma.emulator.url}/v2/` });

		const [result] = await sigma.json(whoami, { parameters: {} });

		expect(result).toMatchObject({ ok: true, userId: sigma.emulator.org.owner.memberId });
	});

	it("resolves its test request to the whoami endpoint with n8n's expression engine", async () => {
		useCredential({ baseUrl: `${sigma.emulator.url}/v2/` });
		const credential = new SigmaApi();
		const probe = probeNode(async function (this: IExecuteFunctions) {
			const data = await this.getCredentials('sigmaApi');
			const workflow = (this as unknown as { workflow: { expression: unknown } }).workflow;
			const expression = workflow.expression as {
				getSimpleParameterValue: (...args: unknown[]) => unknown;
			};
			const baseURL = expression.getSimpleParameterValue(
				this.getNode(),
				credential.test.request.baseURL,
				'internal',
				{ $credentials: data },
			);
			return { url: `${baseURL}${credential.test.request.url}` };
		});

		const [result] = await sigma.json(probe, { parameters: {} });

		expect(result.url).toBe(`${sigma.emulator.url}/v2/whoami`);
	});
});

describe('Sigma SCIM API credential', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 3 });
	});
	afterEach(async () => await sigma.stop());

	it('sends its static bearer token and never exchanges a REST token', async () => {
		const [result] = await sigma.json(scimUsers, { parameters: {} });

		expect(result).toEqual({ ok: true, total: 4 });
		expect(sigma.emulator.log.count({ path: '/v2/auth/token' })).toBe(0);
	});

	it('is refused by the REST API, and the REST token is refused by SCIM', async () => {
		sigma.store.edit(sigma.credentials.sigmaScimApi.id, { token: 'a-rest-token-is-not-scim' });

		const [result] = await sigma.json(scimUsers, { parameters: {} });

		expect(result.ok).toBe(false);
		expect(result.message).toMatch(/^Sigma SCIM GET \/Users failed: HTTP 401/);
		expect(result.message).not.toContain('a-rest-token-is-not-scim');
	});

	it("names its fields as a person sees them in Sigma's admin UI", () => {
		const names = new SigmaScimApi().properties.map((property) => property.displayName);
		expect(names).toEqual(['Directory Base URL', 'Bearer Token']);
	});
});
