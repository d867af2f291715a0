import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type Api = 'rest' | 'scim' | 'token' | 'control';

export interface RequestContext {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** What a route answers; the server writes it (or, for a 'lost' fault, drops it). */
export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	contentType?: string;
	/** Runs once the request is logged, e.g. clearing the log leaves no trace of the clear. */
	afterLog?: () => void;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const SCIM_TYPE = 'application/scim+json; charset=utf-8';

/** A REST failure, answered with Sigma's `{ requestId, message, code }` envelope. */
export class RestError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly headers?: Record<string, string>,
	) {
		super(message);
		this.name = 'RestError';
	}
}

export function restErrorReply(
	status: number,
	code: string,
	message: string,
	headers?: Record<string, string>,
): Reply {
	const reply: Reply = { status, body: { requestId: randomUUID(), message, code } };
	if (headers) reply.headers = headers;
	return reply;
}

const CODES_BY_STATUS: Record<number, string> = {
	400: 'bad_request',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	409: 'conflict',
	413: 'payload_too_large',
	429: 'rate_limited',
	500: 'internal_error',
	502: 'bad_gateway',
	503: 'service_unavailable',
	504: 'gateway_timeout',
};

export function codeForStatus(status: number): string {
	return CODES_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'error');
}

export function ok(body: unknown, status = 200): Reply {
	return { status, body };
}

/** Parses a JSON request body; an empty body reads as `{}`. */
export function parseJson(body: Buffer): unknown {
	const text = body.toString('utf8');
	if (text.trim() === '') return {};
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new RestError(400, 'bad_request', 'Request body is not valid JSON');
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Route<Handler> {
	method: string;
	pattern: RegExp;
	handler: Handler;
}

/** `template` uses `:name` for one path segment, e.g. '/v2/members/:id'. */
export function route<Handler>(method: string, template: string, handler: Handler): Route<Handler> {
	const source = template
		.split('/')
		.map((segment) => (segment.startsWith(':') ? '([^/]+)' : escapeRegExp(segment)))
		.join('/');
	return { method, pattern: new RegExp(`^${source}$`), handler };
}

export function findRoute<Handler>(
	routes: ReadonlyArray<Route<Handler>>,
	method: string,
	path: string,
): { handler: Handler; params: string[] } | undefined {
	for (const candidate of routes) {
		if (candidate.method !== method) continue;
		const found = candidate.pattern.exec(path);
		if (!found) continue;
		try {
			return { handler: candidate.handler, params: found.slice(1).map(decodeURIComponent) };
		} catch {
			return undefined;
		}
	}
	return undefined;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opaque cursor: base64url of '<kind>:<position>'; the kind stops cursors crossing lists. */
export function encodeCursor(kind: string, position: number): string {
	return Buffer.from(`${kind}:${position}`, 'utf8').toString('base64url');
}

/** The position in a cursor made by `encodeCursor(kind, …)`, or undefined if it is not one. */
export function decodeCursor(kind: string, cursor: string): number | undefined {
	const text = Buffer.from(cursor, 'base64url').toString('utf8');
	const found = /^([A-Za-z]+):(\d{1,15})$/.exec(text);
	if (!found || found[1] !== kind) return undefined;
	const position = Number(found[2]);
	return encodeCursor(kind, position) === cursor ? position : undefined;
}

/** Index of the first item whose key is >= `key`, in items sorted by ascending key. */
export function lowerBound<T>(
	items: readonly T[],
	key: number,
	keyOf: (item: T) => number,
): number {
	let low = 0;
	let high = items.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		const item = items[middle] as T;
		if (keyOf(item) < key) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * Collects up to `limit` accepted items from `start`, then looks ahead for the next accepted one
 * so the caller can tell the last page apart. Costs O(page) when most items are accepted.
 */
export function scan<T>(
	items: readonly T[],
	start: number,
	limit: number,
	accept: (item: T) => boolean,
): { entries: T[]; nextIndex: number | null } {
	const entries: T[] = [];
	let index = start;
	for (; index < items.length && entries.length < limit; index++) {
		const item = items[index] as T;
		if (accept(item)) entries.push(item);
	}
	for (; index < items.length; index++) {
		if (accept(items[index] as T)) return { entries, nextIndex: index };
	}
	return { entries, nextIndex: null };
}
