import { decodeCursor, isRecord, parseJson, RestError, type RequestContext } from './http';

/** Validation of REST query parameters and JSON bodies; every failure names the field. */

function badRequest(message: string): RestError {
	return new RestError(400, 'bad_request', message);
}

/** Sigma answers 400 to unexpected query parameters, e.g. the invented `page_token`. */
export function allowQuery(ctx: RequestContext, allowed: readonly string[]): void {
	for (const key of ctx.query.keys()) {
		if (!allowed.includes(key)) throw badRequest(`Unknown query parameter: ${key}`);
	}
}

export function booleanQuery(ctx: RequestContext, name: string, fallback: boolean): boolean {
	const value = ctx.query.get(name);
	if (value === null) return fallback;
	const lower = value.toLowerCase();
	if (lower === 'true') return true;
	if (lower === 'false') return false;
	throw badRequest(`${name} must be true or false`);
}

/** An integer query parameter in 1..max, or undefined when it is absent. */
export function sizeQuery(ctx: RequestContext, name: string, max: number): number | undefined {
	const value = ctx.query.get(name);
	if (value === null) return undefined;
	const size = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
	if (!(size >= 1 && size <= max)) {
		throw badRequest(`${name} must be an integer between 1 and ${max}`);
	}
	return size;
}

/** The position in a cursor parameter (0 when absent); a cursor not made by us is a 400. */
export function cursorQuery(ctx: RequestContext, name: string, kind: string): number {
	const value = ctx.query.get(name);
	if (value === null || value === '') return 0;
	const position = decodeCursor(kind, value);
	if (position === undefined) throw badRequest(`${name} is not a valid cursor`);
	return position;
}

export function objectBody(
	ctx: RequestContext,
	allowed: readonly string[],
): Record<string, unknown> {
	const body = parseJson(ctx.body);
	if (!isRecord(body)) throw badRequest('Request body must be a JSON object');
	for (const key of Object.keys(body)) {
		if (!allowed.includes(key)) throw badRequest(`Unknown field: ${key}`);
	}
	return body;
}

export function requiredString(body: Record<string, unknown>, name: string): string {
	const value = body[name];
	if (value === undefined || value === null || value === '') {
		throw badRequest(`Missing required field: ${name}`);
	}
	if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
	return value;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
	return value;
}

export function nullableString(
	body: Record<string, unknown>,
	name: string,
): string | null | undefined {
	return body[name] === null ? null : optionalString(body, name);
}

export function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'boolean') throw badRequest(`${name} must be true or false`);
	return value;
}

export function optionalEnum<T extends string>(
	body: Record<string, unknown>,
	name: string,
	allowed: readonly T[],
): T | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw badRequest(`${name} must be one of: ${allowed.join(', ')}`);
	}
	return value as T;
}

export function optionalStringArray(
	body: Record<string, unknown>,
	name: string,
): string[] | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
		throw badRequest(`${name} must be an array of member IDs (strings)`);
	}
	return value as string[];
}
