import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { sleep, UserError } from 'n8n-workflow';

import { CUSTOM_REGION, restBaseUrl, SIGMA_REGIONS } from './sigmaHosts';

/** Sigma allows one token request per second per client; a few spaced retries ride that out. */
const TOKEN_ATTEMPTS = 3;
const TOKEN_RETRY_FLOOR_MS = 1100;
const TOKEN_RETRY_CEILING_MS = 10_000;

interface TokenResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export class SigmaApi implements ICredentialType {
	name = 'sigmaApi';

	displayName = 'Sigma API';

	icon: Icon = { light: 'file:../icons/sigma.svg', dark: 'file:../icons/sigma.dark.svg' };

	documentationUrl = 'https://help.sigmacomputing.com/reference/get-started-sigma-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: SIGMA_REGIONS,
			default: 'https://aws-api.sigmacomputing.com',
			description:
				'The cloud and region of your Sigma organization. ' +
				'Administration > Developer Access shows the API host.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api.example.sigmacomputing.com',
			description:
				'The API host, without /v2. https:// is required, ' +
				'except for localhost (such as the Sigma emulator).',
			displayOptions: { show: { region: [CUSTOM_REGION] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			// Filled by preAuthentication; n8n fetches a new one when it is empty or Sigma answers 401.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.region === "custom" ? ' +
				'$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/v2(\\.1)?$/, "") : ' +
				'$credentials.region}}',
			url: '/v2/whoami',
			// n8n would carry the Authorization header along a redirect to any other host.
			disableFollowRedirect: true,
		},
	};

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const base = restBaseUrl(credentials);
		if ('problem' in base) throw new UserError(base.problem);

		const clientId = String(credentials.clientId ?? '').trim();
		const clientSecret = String(credentials.clientSecret ?? '');
		if (!clientId || !clientSecret) {
			throw new UserError(
				'The Sigma API credential needs a Client ID and a Client Secret: ' +
					'create them under Administration > Developer Access in Sigma',
			);
		}

		const response = await requestToken(this, base.url, clientId, clientSecret);
		const token = (response.body as { access_token?: unknown } | undefined)?.access_token;
		if (typeof token !== 'string' || token === '') {
			throw new UserError(
				`${base.url} answered the token request without an access token: it is probably not ` +
					'a Sigma API host. Check the region under Administration > Developer Access in Sigma',
			);
		}
		return { accessToken: token };
	}
}

async function requestToken(
	helper: IHttpRequestHelper,
	baseUrl: string,
	clientId: string,
	clientSecret: string,
): Promise<TokenResponse> {
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: clientId,
		client_secret: clientSecret,
	}).toString();

	for (let attempt = 1; ; attempt++) {
		let response: TokenResponse;
		try {
			response = (await helper.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}/v2/auth/token`,
				body: form,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// A 307 or 308 would send the form, client secret included, on to another host.
				disableFollowRedirect: true,
			})) as TokenResponse;
		} catch (error) {
			// The original error carries the request (and so the secret): only its code is kept.
			throw new UserError(
				`Could not reach Sigma at ${baseUrl} (${describeConnectionError(error)}): ` +
					'the region or base URL is probably wrong. ' +
					'Administration > Developer Access in Sigma shows your API host',
			);
		}

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return response;

		if (statusCode === 429 && attempt < TOKEN_ATTEMPTS) {
			await sleep(tokenRetryDelay(response.headers['retry-after']));
			continue;
		}
		// The transport reads this flag: the node's request was never sent, so it may try again.
		throw new UserError(tokenFailureMessage(statusCode, baseUrl), {
			extra: { tokenRateLimited: statusCode === 429 },
		});
	}
}

/**
 * In words, because n8n replaces any error message that contains a code such as ECONNREFUSED
 * with its own generic sentence, which would hide the hint about the region.
 */
function describeConnectionError(error: unknown): string {
	const code = (error as { code?: unknown }).code;
	const words: Record<string, string> = {
		ECONNREFUSED: 'connection refused',
		ENOTFOUND: 'host not found',
		EAI_AGAIN: 'host name lookup failed',
		ETIMEDOUT: 'timed out',
		ECONNRESET: 'connection closed',
		CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	};
	return (typeof code === 'string' && words[code]) || 'network error';
}

/** Just over the one-second window, or what Retry-After asks if that is longer (bounded). */
function tokenRetryDelay(retryAfter: string | string[] | undefined): number {
	const value = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
	const seconds = Number(value);
	const asked = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value ?? '') - Date.now();
	return Math.min(TOKEN_RETRY_CEILING_MS, Math.max(TOKEN_RETRY_FLOOR_MS, asked || 0));
}

function tokenFailureMessage(statusCode: number, baseUrl: string): string {
	if (statusCode === 400 || statusCode === 401 || statusCode === 403) {
		return (
			'Sigma rejected the client ID or secret. Copy both from Administration > Developer Access ' +
			'in Sigma (a lost secret cannot be shown again: create a new API credential there)'
		);
	}
	if (statusCode === 429) {
		return (
			`Sigma kept refusing token requests with 429 (rate limited) after ${TOKEN_ATTEMPTS} ` +
			'attempts: the token endpoint allows one request per second; wait a minute and retry'
		);
	}
	if (statusCode >= 300 && statusCode < 400) {
		return (
			`${baseUrl} answered the token request with a redirect (HTTP ${statusCode}), ` +
			'which is not followed so that the client secret goes nowhere else: the region or base URL ' +
			'is probably wrong. Use the API host that Administration > Developer Access in Sigma shows'
		);
	}
	if (statusCode === 404 || statusCode === 405) {
		return (
			`${baseUrl} has no Sigma token endpoint (HTTP ${statusCode}): the region or base URL ` +
			'is probably wrong. Administration > Developer Access in Sigma shows your API host'
		);
	}
	return (
		`Sigma's token endpoint at ${baseUrl} answered HTTP ${statusCode}; ` +
		'try again later, and check the region if it persists'
	);
}
