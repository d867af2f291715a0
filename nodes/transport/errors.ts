import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { AttemptFailure } from './retry';

export type SigmaApiKind = 'rest' | 'scim';

/**
 * Sigma's error envelope, its MCP-style nested variant, and SCIM's error schema, read leniently.
 */
interface ErrorFields {
	message?: string;
	code?: string;
	requestId?: string;
	scimType?: string;
}

export function readErrorBody(body: unknown): ErrorFields {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('{')) {
			try {
				return readErrorBody(JSON.parse(text));
			} catch {
				return {};
			}
		}
		return /<html/i.test(text) ? {} : { message: text.slice(0, 300) || undefined };
	}
	if (typeof body !== 'object' || body === null) return {};

	const record = body as Record<string, unknown>;
	if (typeof record.error === 'object' && record.error !== null) return readErrorBody(record.error);

	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	return {
		message: text(record.message) ?? text(record.detail) ?? text(record.error_description),
		code: text(record.code) ?? text(record.error),
		requestId: text(record.requestId),
		scimType: text(record.scimType),
	};
}

/**
 * What the user can do about a failure, by status; the first line of the error says what happened.
 */
function hint(status: number | undefined, api: SigmaApiKind, fields: ErrorFields): string {
	const message = fields.message?.toLowerCase() ?? '';
	if (status === undefined) {
		return (
			'Sigma could not be reached. Try again later; if it persists, check the ' +
			'region or base URL in the credential, and that this n8n can reach it.'
		);
	}
	if (status === 401) {
		return api === 'scim'
			? 'The SCIM bearer token was refused. ' +
					'Generate a new one in Sigma under Administration > Authentication, ' +
					'and check that the admin who created it is still active.'
			: 'Sigma refused the access token even after a fresh one was requested. ' +
					'Check that the API credential still exists under Administration > Developer Access.';
	}
	if (status === 403) {
		return (
			'The owner of the credential lacks permission for this. ' +
			'Sigma runs API calls with the account type of the credential owner: ' +
			'use credentials owned by an Admin, or one with the Manage users permission.'
		);
	}
	if (status === 404 && message.includes('member type')) {
		return (
			'The account type (memberType) does not exist in this organization. ' +
			'Names are case-sensitive; pick one from the list or check Administration > Account Types.'
		);
	}
	if (status === 404) {
		return 'Check the ID: it may belong to another organization, or the record was deleted.';
	}
	if (status === 409) {
		return api === 'scim'
			? 'A user or group with this name already exists. Look it up first, or update it instead.'
			: 'The email (or name) is already used, possibly by a deactivated member. ' +
					'Use Create or Update, or reactivate that member.';
	}
	if (status === 429) {
		return (
			'Sigma kept rate-limiting after several attempts. ' +
			'Lower the concurrency, or run the workflow later.'
		);
	}
	if (status >= 500) {
		return (
			'Sigma had a problem handling the request. Try again later; ' +
			'if it persists, give Sigma support the request ID.'
		);
	}
	if (status >= 300 && status < 400) {
		return api === 'scim'
			? 'Sigma answered with a redirect, which is not followed so that the SCIM ' +
					'token goes nowhere else. Check the Directory Base URL in the credential: ' +
					'use the one Sigma shows under Administration > Authentication.'
			: 'Sigma answered with a redirect, which is not followed so that the access ' +
					'token goes nowhere else. Check the region or base URL in the credential: ' +
					'use the API host Sigma shows under Administration > Developer Access.';
	}
	return 'Check the values sent for this item.';
}

/**
 * In words, because n8n replaces any error message that contains a code such as ECONNRESET
 * with a generic sentence of its own, losing what we say about Sigma.
 */
function connectionInWords(code: string | undefined): string {
	const words: Record<string, string> = {
		ECONNRESET: 'connection closed before Sigma answered',
		ECONNREFUSED: 'connection refused',
		ECONNABORTED: 'connection aborted',
		ETIMEDOUT: 'timed out',
		ESOCKETTIMEDOUT: 'timed out',
		ENOTFOUND: 'host not found',
		EAI_AGAIN: 'host name lookup failed',
		EPIPE: 'connection closed while sending',
	};
	return (code && words[code]) || 'no response';
}

export function sigmaApiError(
	node: INode,
	failure: AttemptFailure,
	api: SigmaApiKind,
	context: { method: string; path: string; itemIndex?: number; attempts?: number },
): NodeApiError {
	const fields = readErrorBody(failure.body);
	const status = failure.status;
	const code = fields.code ?? fields.scimType;
	const what =
		status === undefined
			? `the connection failed (${connectionInWords(failure.connectionError)})`
			: `HTTP ${status}${code ? ` (${code})` : ''}`;
	const tries =
		context.attempts && context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
	const detail = fields.message ? `: ${fields.message}` : '';

	const description = [
		hint(status, api, fields),
		fields.requestId ? `Sigma request ID: ${fields.requestId}` : undefined,
	]
		.filter(Boolean)
		.join(' ');

	// Built from our own fields only: n8n's error carries the request, Authorization header included.
	// A socket code such as ECONNRESET is left out: n8n would swap our message for its own.
	const response: JsonObject = {
		status: status ?? null,
		code: fields.code ?? fields.scimType ?? null,
		message: fields.message ?? null,
		requestId: fields.requestId ?? null,
	};
	return new NodeApiError(node, response, {
		message:
			`Sigma ${api === 'scim' ? 'SCIM ' : ''}${context.method} ` +
			`${context.path} failed${tries}: ${what}${detail}`,
		description,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: context.itemIndex,
	});
}
