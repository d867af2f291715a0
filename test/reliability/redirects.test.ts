import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialTestRequest, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { SigmaApi } from '../../credentials/SigmaApi.credentials';
import { SigmaScimApi } from '../../credentials/SigmaScimApi.credentials';
import type { SigmaTestbed } from '../harness/sigma';
import { probeNode, startSigma } from '../harness/sigma';
import { run } from './helpers';

interface Seen {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

async function listen(server: Server): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Another host: it records everything that reaches it, and answers like Sigma would. */
async function startElsewhere() {
	const seen: Seen[] = [];
	const server = createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			seen.push({
				method: incoming.method ?? '',
				path: incoming.url ?? '',
				headers: incoming.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			outgoing.writeHead(200, { 'content-type': 'application/json' });
			outgoing.end(JSON.stringify({ access_token: 'stolen', entries: [], nextPage: null }));
		});
	});
	return { seen, url: await listen(server), stop: () => close(server) };
}

/**
 * The configured host: it passes requests on to the emulator, except those `redirects` picks,
 * which it answers with `status` and a Location on the other host.
 */
async function startRedirecting(
	sigma: SigmaTestbed,
	elsewhere: string,
	redirects: (path: string) => boolean,
	status: number,
) {
	const target = new URL(sigma.emulator.url);
	const server = createServer((incoming, outgoing) => {
		const path = incoming.url ?? '/';
		if (redirects(new URL(path, target).pathname)) {
			incoming.resume();
			outgoing.writeHead(status, { location: `${elsewhere}${path}` }).end();
			return;
		}
		const upstream = request(
			{
				host: target.hostname,
				port: target.port,
				method: incoming.method,
				path,
				headers: incoming.headers,
			},
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		upstream.on('error', () => outgoing.destroy());
		incoming.pipe(upstream);
	});
	return { url: await listen(server), stop: () => close(server) };
}

/**
 * Sends a credential's test request the way n8n's credential test does: its base URL resolved
 * against the credential, then through httpRequestWithAuthentication with that credential.
 */
function credentialTest(type: 'sigmaApi' | 'sigmaScimApi', test: ICredentialTestRequest) {
	return probeNode(async function (this: IExecuteFunctions) {
		const data = await this.getCredentials(type);
		const workflow = (this as unknown as { workflow: { expression: unknown } }).workflow;
		const expression = workflow.expression as {
			getSimpleParameterValue: (...args: unknown[]) => unknown;
		};
		const baseURL = expression.getSimpleParameterValue(
			this.getNode(),
			test.request.baseURL,
			'internal',
			{ $credentials: data },
		);
		const options = { ...test.request, baseURL } as IHttpRequestOptions;
		try {
			await this.helpers.httpRequestWithAuthentication.call(this, type, options);
			return { ok: true };
		} catch (error) {
			return { ok: false, status: (error as { httpCode?: string }).httpCode ?? null };
		}
	});
}

const TOKEN = '/v2/auth/token';
const listMembers = { resource: 'member', operation: 'getAll', returnAll: true };
const listUsers = { resource: 'scimUser', operation: 'getAll', returnAll: true };

describe('credentials never follow a redirect to another host', () => {
	let sigma: SigmaTestbed;
	let elsewhere: Awaited<ReturnType<typeof startElsewhere>>;
	let configured: Awaited<ReturnType<typeof startRedirecting>> | undefined;

	beforeEach(async () => {
		sigma = await startSigma({ members: 3, tokenRateLimit: false });
		elsewhere = await startElsewhere();
	});
	afterEach(async () => {
		await configured?.stop();
		configured = undefined;
		await elsewhere.stop();
		await sigma.stop();
	});

	const pointAt = async (redirects: (path: string) => boolean, status: number) => {
		configured = await startRedirecting(sigma, elsewhere.url, redirects, status);
		sigma.store.edit(sigma.credentials.sigmaApi.id, { baseUrl: configured.url, accessToken: '' });
		sigma.store.edit(sigma.credentials.sigmaScimApi.id, { baseUrl: `${configured.url}/scim/v2` });
	};

	it.each([301, 302, 303, 307, 308])(
		'keeps the client secret to the configured host when the token endpoint answers %i',
		async (status) => {
			await pointAt((path) => path === TOKEN, status);

			const [item] = await run(sigma, listMembers, undefined, true);

			expect(elsewhere.seen).toEqual([]);
			expect(String(item.json.error)).toContain('redirect');
			expect(sigma.emulator.log.count({ path: '/v2/members' })).toBe(0);
		},
	);

	it.each([302, 307])(
		'keeps the access token to the configured host when an API request is answered %i',
		async (status) => {
			await pointAt((path) => path.startsWith('/v2/members'), status);

			const [item] = await run(sigma, listMembers, undefined, true);

			expect(elsewhere.seen).toEqual([]);
			expect(sigma.emulator.log.count({ path: TOKEN })).toBe(1);
			expect(String(item.json.error)).toContain(`HTTP ${status}`);
			expect(String(item.json.description)).toContain('redirect');
		},
	);

	it.each([302, 308])(
		'keeps the SCIM token to the configured host when a SCIM request is answered %i',
		async (status) => {
			await pointAt((path) => path.startsWith('/scim/'), status);

			const [item] = await run(sigma, listUsers, undefined, true);

			expect(elsewhere.seen).toEqual([]);
			expect(String(item.json.error)).toContain(`HTTP ${status}`);
			expect(String(item.json.description)).toContain('Directory Base URL');
		},
	);

	it("sends the credentials' test requests to the configured host only", async () => {
		await pointAt((path) => path === '/v2/whoami' || path === '/scim/v2/Users', 302);

		const [rest] = await sigma.json(credentialTest('sigmaApi', new SigmaApi().test), {
			parameters: {},
		});
		const [scim] = await sigma.json(credentialTest('sigmaScimApi', new SigmaScimApi().test), {
			parameters: {},
		});

		expect(rest.ok).toBe(false);
		expect(scim.ok).toBe(false);
		expect(elsewhere.seen).toEqual([]);
	});

	it('reaches Sigma through the configured host when nothing redirects', async () => {
		await pointAt(() => false, 302);

		const members = await run(sigma, listMembers);
		const users = await run(sigma, listUsers);

		expect(members.length).toBeGreaterThan(0);
		expect(users.length).toBe(sigma.emulator.org.members.length);
		expect(elsewhere.seen).toEqual([]);
	});
});
