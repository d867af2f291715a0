import { request } from 'undici';

import type { SigmaEmulator } from './index';

/** Test-only: response bodies are checked field by field, so a loose type reads best. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface HttpResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Json;
	text: string;
}

export interface HttpOptions {
	token?: string;
	json?: unknown;
	form?: Record<string, string>;
	headers?: Record<string, string>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request over real HTTP; the body is parsed as JSON when there is one. */
export async function http(
	method: Method,
	url: string,
	options: HttpOptions = {},
): Promise<HttpResult> {
	const headers: Record<string, string> = { ...options.headers };
	let body: string | undefined;
	if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
	if (options.json !== undefined) {
		body = JSON.stringify(options.json);
		headers['content-type'] ??= 'application/json';
	}
	if (options.form !== undefined) {
		body = new URLSearchParams(options.form).toString();
		headers['content-type'] ??= 'application/x-www-form-urlencoded';
	}
	const response = await request(url, { method, headers, body });
	const text = await response.body.text();
	return {
		status: response.statusCode,
		headers: response.headers,
		body: text === '' ? undefined : (JSON.parse(text) as Json),
		text,
	};
}

export async function fetchToken(emulator: SigmaEmulator): Promise<string> {
	const result = await http('POST', `${emulator.url}/v2/auth/token`, {
		form: {
			grant_type: 'client_credentials',
			client_id: emulator.clientId,
			client_secret: emulator.clientSecret,
		},
	});
	if (result.status !== 200) throw new Error(`token request answered ${result.status}`);
	return (result.body as { access_token: string }).access_token;
}

/** A REST client bound to one emulator and one access token. */
export function restClient(emulator: SigmaEmulator, token: string) {
	const call = (method: Method, path: string, json?: unknown): Promise<HttpResult> =>
		http(method, `${emulator.url}${path}`, json === undefined ? { token } : { token, json });
	return {
		get: (path: string) => call('GET', path),
		post: (path: string, json: unknown) => call('POST', path, json),
		patch: (path: string, json: unknown) => call('PATCH', path, json),
		delete: (path: string) => call('DELETE', path),
	};
}

/** A SCIM client that sends the SCIM bearer token and content type. */
export function scimClient(emulator: SigmaEmulator) {
	const call = (method: Method, path: string, json?: unknown): Promise<HttpResult> => {
		const options: HttpOptions = {
			token: emulator.scimToken,
			headers: { 'content-type': 'application/scim+json' },
		};
		if (json !== undefined) options.json = json;
		return http(method, `${emulator.scimUrl}${path}`, options);
	};
	return {
		get: (path: string) => call('GET', path),
		post: (path: string, json: unknown) => call('POST', path, json),
		put: (path: string, json: unknown) => call('PUT', path, json),
		patch: (path: string, json: unknown) => call('PATCH', path, json),
		delete: (path: string) => call('DELETE', path),
	};
}

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
