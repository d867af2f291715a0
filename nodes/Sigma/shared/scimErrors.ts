import { NodeApiError } from 'n8n-workflow';

/** What a failed SCIM answer said, as the transport kept it. */
export interface ScimFailure {
	status: string;
	/** SCIM's `scimType`, e.g. `uniqueness`, `invalidValue`, `invalidFilter`. */
	scimType?: string;
	/** SCIM's `detail`, lower-cased for matching. */
	detail: string;
}

/** Advice for one status of one operation; undefined keeps the transport's general advice. */
export type ScimHint = (failure: ScimFailure) => string | undefined;

/**
 * Replaces the transport's general advice on a failed SCIM request with advice specific to the
 * operation (which field to change, how to find the record), keeping Sigma's request ID. Any
 * other error is returned as it is.
 */
export function explainScimError(error: unknown, hint: ScimHint): unknown {
	if (!(error instanceof NodeApiError) || !error.httpCode) return error;

	const response = error.errorResponse ?? {};
	const failure: ScimFailure = {
		status: error.httpCode,
		scimType: typeof response.code === 'string' ? response.code : undefined,
		detail: typeof response.message === 'string' ? response.message.toLowerCase() : '',
	};
	const advice = hint(failure);
	if (advice === undefined) return error;

	const requestId = /Sigma request ID: \S+/.exec(error.description ?? '')?.[0];
	error.description = requestId ? `${advice} ${requestId}` : advice;
	return error;
}

export function isScimStatus(error: unknown, ...statuses: string[]): boolean {
	return error instanceof NodeApiError && statuses.includes(error.httpCode ?? '');
}
