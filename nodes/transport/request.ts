import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { parseBaseUrl, restBaseUrl } from '../../credentials/sigmaHosts';
import type { SigmaApiKind } from './errors';
import { sigmaApiError } from './errors';
import type { AttemptFailure, RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, isRetryable, parseRetryAfter, retryDelay } from './retry';

export type SigmaContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface SigmaRequest {
	method: IHttpRequestMethods;
	/** Built with `endpoint`, so every ID in it is encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/**
	 * Whether sending the request twice does no harm. Defaults to true for every method but POST.
	 * A request that is not repeatable is still retried after a 429, which Sigma never applies.
	 */
	repeatable?: boolean;
	itemIndex?: number;
	policy?: RetryPolicy;
}

const CREDENTIAL_TYPE: Record<SigmaApiKind, string> = { rest: 'sigmaApi', scim: 'sigmaScimApi' };

const SCIM_CONTENT_TYPE = 'application/scim+json';

/** Joins a path template, encoding each interpolated value as one path segment. */
export function endpoint(strings: TemplateStringsArray, ...values: Array<string | number>): string {
	return strings.reduce(
		(path, text, index) =>
			path + text + (index < values.length ? encodeURIComponent(String(values[index])) : ''),
		'',
	);
}

// Not generic on purpose: `fn.call(this, ...)` erases a generic's default to `unknown`.

/** A request to Sigma's REST API with the `sigmaApi` credential. */
export async function sigmaApiRequest(
	this: SigmaContext,
	request: SigmaRequest,
): Promise<IDataObject> {
	return await send(this, 'rest', request);
}

/** A request to Sigma's SCIM API with the `sigmaScimApi` credential. */
export async function scimApiRequest(
	this: SigmaContext,
	request: SigmaRequest,
): Promise<IDataObject> {
	return await send(this, 'scim', request);
}

// Base URLs are cached per execution context: a 100-page listing should not decrypt the
// credential 100 times. Nothing outlives the context, so no state is shared across executions.
const baseUrls = new WeakMap<SigmaContext, Partial<Record<SigmaApiKind, string>>>();

async function baseUrl(context: SigmaContext, api: SigmaApiKind, itemIndex?: number) {
	const cached = baseUrls.get(context)?.[api];
	if (cached) return cached;

	const credentials = await context.getCredentials(CREDENTIAL_TYPE[api]);
	const result = api === 'rest' ? restBaseUrl(credentials) : scimBaseUrl(credentials);
	if ('problem' in result) {
		const credentialName = api === 'rest' ? 'Sigma API' : 'Sigma SCIM API';
		throw new NodeOperationError(
			context.getNode(),
			`${credentialName} credential: ${result.problem}`,
			{
				itemIndex,
			},
		);
	}
	baseUrls.set(context, { ...baseUrls.get(context), [api]: result.url });
	return result.url;
}

/** The SCIM token is sent as it is, so a blank or padded one is refused before any request. */
function scimBaseUrl(credentials: IDataObject): { url: string } | { problem: string } {
	const result = parseBaseUrl(credentials.baseUrl, 'Directory Base URL');
	if ('problem' in result) return result;
	const token = typeof credentials.token === 'string' ? credentials.token : '';
	if (token.trim() === '') {
		return {
			problem:
				'Bearer Token is empty: copy the token Sigma showed with the Directory Base URL, ' +
				'or generate a new one under Administration > Authentication',
		};
	}
	if (token !== token.trim()) {
		return { problem: 'Bearer Token has spaces or line breaks around it: remove them' };
	}
	return result;
}

async function send(
	context: SigmaContext,
	api: SigmaApiKind,
	request: SigmaRequest,
): Promise<IDataObject> {
	const policy = request.policy ?? DEFAULT_RETRY_POLICY;
	const repeatable = request.repeatable ?? request.method !== 'POST';
	const base = await baseUrl(context, api, request.itemIndex);
	const contentType = api === 'scim' ? SCIM_CONTENT_TYPE : 'application/json';

	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${base}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		headers: {
			Accept: api === 'scim' ? `${SCIM_CONTENT_TYPE}, application/json` : 'application/json',
			...(request.body === undefined ? {} : { 'Content-Type': contentType }),
		},
		// Redirects could carry the Authorization header to another host; Sigma does not redirect.
		disableFollowRedirect: true,
	};

	for (let attempt = 1; ; attempt++) {
		try {
			const response = await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE[api],
				{ ...options, headers: { ...options.headers } },
			);
			return parseBody(response) as IDataObject;
		} catch (error) {
			const failure = describeFailure(error);
			const askedMs = parseRetryAfter(failure.retryAfter);
			const waitable = askedMs === undefined || askedMs <= policy.maxRetryAfterMs;
			if (attempt < policy.attempts && waitable && isRetryable(failure, repeatable)) {
				const delay = retryDelay(failure, attempt, policy);
				context.logger.debug(
					`Sigma ${api === 'scim' ? 'SCIM ' : ''}answered ` +
						`${failure.status ?? failure.connectionError} to ${request.method} ${request.path}; ` +
						`retrying in ${(delay / 1000).toFixed(1)} s, ` +
						`attempt ${attempt + 1} of ${policy.attempts}`,
				);
				await sleep(delay);
				continue;
			}
			// Parallel requests that all met an expired token refresh at once, and Sigma's
			// one-token-per-second limit refuses most of them; one more try after a pause finds the
			// token that the winner stored in the credential.
			if (failure.tokenRateLimited && attempt === 1) {
				const delay = retryDelay({ status: 429 }, attempt, policy);
				context.logger.debug(
					"Sigma's token endpoint was busy; " +
						`retrying ${request.method} ${request.path} in ${(delay / 1000).toFixed(1)} s`,
				);
				await sleep(delay);
				continue;
			}
			if (failure.message !== undefined) {
				throw new NodeOperationError(context.getNode(), failure.message, {
					itemIndex: request.itemIndex,
				});
			}
			throw sigmaApiError(context.getNode(), failure, api, {
				method: request.method,
				path: request.path,
				itemIndex: request.itemIndex,
				attempts: attempt,
			});
		}
	}
}

/** SCIM servers may answer `application/scim+json`, which n8n does not parse as JSON. */
function parseBody(response: unknown): unknown {
	if (typeof response !== 'string') return response;
	const text = response.trim();
	if (text === '') return {};
	try {
		return JSON.parse(text);
	} catch {
		return response;
	}
}

/** Reads status, Retry-After and body from the error n8n throws, keeping nothing else. */
export function describeFailure(error: unknown): AttemptFailure {
	const cause = (error as { cause?: unknown }).cause ?? error;
	const response = (cause as { response?: { status?: unknown; headers?: unknown; data?: unknown } })
		.response;
	if (response && typeof response.status === 'number') {
		const headers = (response.headers ?? {}) as Record<string, unknown>;
		const retryAfter = headers['retry-after'];
		return {
			status: response.status,
			retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
			body: response.data,
		};
	}

	const code = (cause as { code?: unknown }).code;
	if (typeof code === 'string' && code !== '' && !code.startsWith('ERR_BAD')) {
		return { connectionError: code };
	}
	// No response and no socket error: the credential's own preAuthentication refused (its
	// messages are ours and hold no secret), or something failed before the request was sent.
	const message = (cause as { message?: unknown }).message;
	const extra = (cause as { extra?: { tokenRateLimited?: unknown } }).extra;
	return {
		message: typeof message === 'string' ? message : 'The request to Sigma failed',
		// Nothing was sent: worth another try, by when another request may have stored a token.
		tokenRateLimited: extra?.tokenRateLimited === true || undefined,
	};
}
