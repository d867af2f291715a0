import {
	DEFAULT_RETRY_POLICY,
	isRetryable,
	parseRetryAfter,
	retryDelay,
} from '../../nodes/transport/retry';

describe('retry decisions', () => {
	it('retries a 429 even for a request that is not safe to repeat', () => {
		expect(isRetryable({ status: 429 }, false)).toBe(true);
	});

	it('retries 502, 503, 504 and dropped connections only when the request may be repeated', () => {
		for (const failure of [
			{ status: 502 },
			{ status: 503 },
			{ status: 504 },
			{ connectionError: 'ECONNRESET' },
		]) {
			expect(isRetryable(failure, true)).toBe(true);
			expect(isRetryable(failure, false)).toBe(false);
		}
	});

	it('never retries client errors or a 500', () => {
		for (const status of [400, 401, 403, 404, 409, 500]) {
			expect(isRetryable({ status }, true)).toBe(false);
		}
	});
});

describe('Retry-After', () => {
	it('reads seconds', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('0')).toBe(0);
	});

	it('reads an HTTP date relative to now', () => {
		const now = Date.parse('2026-12-03T10:00:00Z');
		expect(parseRetryAfter('Thu, 03 Dec 2026 10:00:05 GMT', now)).toBe(5000);
	});

	it('ignores an absent or unreadable value', () => {
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});

describe('backoff', () => {
	const noJitter = () => 1;

	it('waits what Retry-After asks, capped by the policy', () => {
		expect(retryDelay({ status: 429, retryAfter: '4' }, 1, DEFAULT_RETRY_POLICY, () => 0)).toBe(
			4000,
		);
		expect(retryDelay({ status: 429, retryAfter: '600' }, 1, DEFAULT_RETRY_POLICY, () => 0)).toBe(
			DEFAULT_RETRY_POLICY.maxRetryAfterMs,
		);
	});

	it('keeps a floor of two seconds for a 429 without Retry-After', () => {
		expect(retryDelay({ status: 429 }, 1, DEFAULT_RETRY_POLICY, () => 0)).toBe(2000);
	});

	it('doubles the wait with each attempt, with jitter below the exponential step', () => {
		const first = retryDelay({ status: 503 }, 1, DEFAULT_RETRY_POLICY, noJitter);
		const third = retryDelay({ status: 503 }, 3, DEFAULT_RETRY_POLICY, noJitter);
		expect(first).toBe(500);
		expect(third).toBe(2000);
		expect(retryDelay({ status: 503 }, 3, DEFAULT_RETRY_POLICY, () => 0)).toBe(1000);
	});

	it('never waits longer than the policy maximum', () => {
		expect(retryDelay({ status: 503 }, 30, DEFAULT_RETRY_POLICY, noJitter)).toBe(
			DEFAULT_RETRY_POLICY.maxDelayMs,
		);
	});
});
