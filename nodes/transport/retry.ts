/** How the transport backs off when Sigma (or the edge in front of it) pushes back. */
export interface RetryPolicy {
	attempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * Cloudflare's 429 (error 1015) often carries no Retry-After; waiting less only earns another.
	 */
	rateLimitFloorMs: number;
	/** A Retry-After above this is not waited out: the error says how long Sigma asked for. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	attempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	rateLimitFloorMs: 2_000,
	maxRetryAfterMs: 60_000,
};

export const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

export const CONNECTION_ERRORS = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
]);

/** What went wrong with one attempt, reduced to what retry and error decisions need. */
export interface AttemptFailure {
	status?: number;
	/** A connection-level error code such as ECONNRESET. */
	connectionError?: string;
	retryAfter?: string;
	body?: unknown;
	/** Neither a response nor a socket error: a refusal raised before anything was sent. */
	message?: string;
	/** The credential's token request was rate-limited, so the request itself was never sent. */
	tokenRateLimited?: boolean;
}

/**
 * Whether another attempt may help and is safe. A 429 means Sigma did not act on the request, so
 * any method may be repeated; after a 5xx or a dropped connection the request may have been
 * applied, so only requests that are safe to repeat are sent again.
 */
export function isRetryable(failure: AttemptFailure, repeatable: boolean): boolean {
	if (failure.status === 429) return true;
	if (!repeatable) return false;
	if (failure.status !== undefined) return RETRYABLE_STATUSES.has(failure.status);
	return failure.connectionError !== undefined && CONNECTION_ERRORS.has(failure.connectionError);
}

/** Milliseconds Sigma asked us to wait, from a Retry-After of seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before attempt `attempt + 1`: exponential backoff with full jitter, replaced by the
 * server's Retry-After when it sent one, and never under the floor for a bare 429.
 */
export function retryDelay(
	failure: AttemptFailure,
	attempt: number,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	random: () => number = Math.random,
): number {
	const asked = parseRetryAfter(failure.retryAfter);
	if (asked !== undefined) return Math.min(asked, policy.maxRetryAfterMs) + random() * 100;

	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	const jittered = exponential / 2 + random() * (exponential / 2);
	if (failure.status === 429) return Math.max(policy.rateLimitFloorMs, jittered);
	return jittered;
}
