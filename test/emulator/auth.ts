import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { ok, restErrorReply, type Reply, type RequestContext } from './http';

export interface TokenSettings {
	clientId: string;
	clientSecret: string;
	tokenLifetimeSeconds: number;
	tokenRateLimit: boolean;
}

interface AccessGrant {
	clientId: string;
	expiresAt: number;
}

/** Sigma's token endpoint documents a limit of one request per second per client. */
const TOKEN_INTERVAL_MS = 1000;

export function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
	const found = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
	return found?.[1];
}

function basicCredentials(
	headers: IncomingHttpHeaders,
): { id: string; secret: string } | undefined {
	const found = /^Basic\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
	if (!found?.[1]) return undefined;
	const decoded = Buffer.from(found[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Issues and checks OAuth tokens for `POST /v2/auth/token` and every `/v2/*` call. */
export class Tokens {
	private readonly access = new Map<string, AccessGrant>();
	private readonly refresh = new Map<string, string>();
	private readonly lastRequestAt = new Map<string, number>();
	private issuedCount = 0;

	constructor(private readonly settings: () => TokenSettings) {}

	get issued(): number {
		return this.issuedCount;
	}

	/** Every access token issued so far stops working; refresh tokens stay valid. */
	expireAll(): void {
		this.access.clear();
	}

	isValid(token: string | undefined): boolean {
		if (token === undefined) return false;
		const grant = this.access.get(token);
		if (!grant) return false;
		if (Date.now() >= grant.expiresAt) {
			this.access.delete(token);
			return false;
		}
		return grant.clientId === this.settings().clientId;
	}

	handleTokenRequest(ctx: RequestContext): Reply {
		const settings = this.settings();
		const contentType = (ctx.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
		if (contentType !== 'application/x-www-form-urlencoded') {
			return restErrorReply(
				400,
				'bad_request',
				'Content-Type must be application/x-www-form-urlencoded',
			);
		}
		const form = new URLSearchParams(ctx.body.toString('utf8'));
		const client = basicCredentials(ctx.headers) ?? {
			id: form.get('client_id') ?? '',
			secret: form.get('client_secret') ?? '',
		};
		if (
			!safeEqual(client.id, settings.clientId) ||
			!safeEqual(client.secret, settings.clientSecret)
		) {
			return restErrorReply(401, 'unauthorized', 'Invalid client credentials');
		}

		if (settings.tokenRateLimit) {
			const now = Date.now();
			const last = this.lastRequestAt.get(client.id);
			if (last !== undefined && now - last < TOKEN_INTERVAL_MS) {
				return restErrorReply(429, 'rate_limited', 'Too many token requests', {
					'Retry-After': '1',
				});
			}
			this.lastRequestAt.set(client.id, now);
		}

		const grantType = form.get('grant_type');
		if (!grantType) return restErrorReply(400, 'bad_request', 'grant_type is required');
		if (grantType === 'refresh_token') {
			const refreshToken = form.get('refresh_token');
			if (!refreshToken) return restErrorReply(400, 'bad_request', 'refresh_token is required');
			if (this.refresh.get(refreshToken) !== client.id) {
				return restErrorReply(401, 'unauthorized', 'Invalid refresh token');
			}
		} else if (grantType !== 'client_credentials') {
			return restErrorReply(400, 'bad_request', `Unsupported grant_type: ${grantType}`);
		}
		return this.issue(client.id, settings.tokenLifetimeSeconds);
	}

	private issue(clientId: string, lifetimeSeconds: number): Reply {
		const accessToken = newToken();
		const refreshToken = newToken();
		this.access.set(accessToken, { clientId, expiresAt: Date.now() + lifetimeSeconds * 1000 });
		this.refresh.set(refreshToken, clientId);
		this.issuedCount++;
		return ok({
			access_token: accessToken,
			refresh_token: refreshToken,
			token_type: 'bearer',
			expires_in: lifetimeSeconds,
		});
	}
}
