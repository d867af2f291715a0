import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { bearerToken, Tokens } from './auth';
import { ControlApi } from './control';
import { Faults, type Fault } from './faults';
import { generateOrg } from './generate';
import {
	codeForStatus,
	JSON_TYPE,
	restErrorReply,
	type Api,
	type Reply,
	type RequestContext,
} from './http';
import { loggableQuery, matchesRoute, RequestLog, type LogEntry, type RouteMatch } from './log';
import type { Org } from './org';
import { RestApi } from './rest';
import { ScimApi, scimErrorReply } from './scim';

export { Faults } from './faults';
export type { Fault, InjectOptions, RandomFaultOptions, StatusFault } from './faults';
export { generateMembers, generateOrg, generateTeams } from './generate';
export type { GenerationOptions } from './generate';
export type { Api } from './http';
export { RequestLog } from './log';
export type { LogEntry, RouteMatch } from './log';
export { Org, OrgError, OWNER_EMAIL } from './org';
export type {
	AccountType,
	Handoff,
	Member,
	MemberPatch,
	NewMember,
	NewTeam,
	Team,
	TeamMembership,
	TeamPatch,
	TeamVisibility,
	UserKind,
} from './org';
export { createRandom } from './random';

export interface EmulatorOptions {
	/** Default 0: a random free port. The emulator always binds 127.0.0.1. */
	port?: number;
	/** Default 'emulator-client'. */
	clientId?: string;
	/** Default: random hex, new for each instance. */
	clientSecret?: string;
	/** Default: random hex, new for each instance. */
	scimToken?: string;
	/** Default 3600. Fractions are allowed, to test expiry without long waits. */
	tokenLifetimeSeconds?: number;
	/** Default true: more than one token request per second per client answers 429. */
	tokenRateLimit?: boolean;
	/** Members generated at start, besides the owner (default 0). */
	members?: number;
	/** Teams generated at start (default 0). */
	teams?: number;
	/** Seed of the generated data and of IDs (default 1). */
	seed?: number;
	/** Delay before every answer, in ms (default 0). */
	latencyMs?: number;
	/** /v2/accountTypes answers 403, as for credentials not owned by an Admin. */
	accountTypesForbidden?: boolean;
	/** Cap on the SCIM `count` parameter (default 1000). */
	maxScimCount?: number;
}

/** The options in force; tests may change them while the emulator runs. */
export type EmulatorSettings = Required<EmulatorOptions>;

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const TOKEN_PATH = '/v2/auth/token';

const FAULT_MESSAGES: Record<number, string> = {
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

function resolveOptions(options: EmulatorOptions): EmulatorSettings {
	const settings: EmulatorSettings = {
		port: options.port ?? 0,
		clientId: options.clientId ?? 'emulator-client',
		clientSecret: options.clientSecret ?? randomBytes(24).toString('hex'),
		scimToken: options.scimToken ?? randomBytes(24).toString('hex'),
		tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
		tokenRateLimit: options.tokenRateLimit ?? true,
		members: options.members ?? 0,
		teams: options.teams ?? 0,
		seed: options.seed ?? 1,
		latencyMs: options.latencyMs ?? 0,
		accountTypesForbidden: options.accountTypesForbidden ?? false,
		maxScimCount: options.maxScimCount ?? 1000,
	};
	for (const name of ['members', 'teams', 'port', 'latencyMs'] as const) {
		if (!Number.isInteger(settings[name]) || settings[name] < 0) {
			throw new Error(`EmulatorOptions.${name} must be a non-negative integer`);
		}
	}
	if (!(settings.tokenLifetimeSeconds > 0)) {
		throw new Error('EmulatorOptions.tokenLifetimeSeconds must be positive');
	}
	if (!Number.isInteger(settings.maxScimCount) || settings.maxScimCount < 1) {
		throw new Error('EmulatorOptions.maxScimCount must be a positive integer');
	}
	return settings;
}

function apiOf(path: string): Api {
	if (path === TOKEN_PATH) return 'token';
	if (path === '/scim/v2' || path.startsWith('/scim/v2/')) return 'scim';
	if (path.startsWith('/__emulator/')) return 'control';
	return 'rest';
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined));
		req.on('error', reject);
	});
}

function send(res: ServerResponse, reply: Reply): void {
	const headers: Record<string, string | number> = { ...reply.headers };
	let payload: string | undefined;
	if (reply.body !== undefined) {
		payload = JSON.stringify(reply.body);
		headers['Content-Type'] = reply.contentType ?? JSON_TYPE;
		headers['Content-Length'] = Buffer.byteLength(payload);
	}
	res.writeHead(reply.status, headers);
	res.end(payload);
}

/**
 * A local HTTP server that behaves like Sigma's REST API v2 and SCIM API, with an org whose
 * state tests can read and change directly, a request log, and fault injection.
 */
export class SigmaEmulator {
	readonly options: EmulatorSettings;
	readonly org: Org;
	readonly log = new RequestLog();
	readonly faults = new Faults();

	private readonly tokens: Tokens;
	private readonly rest: RestApi;
	private readonly scim: ScimApi;
	private readonly control: ControlApi;
	private readonly server: Server;
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly latencyRules: Array<{ ms: number; match: RouteMatch }> = [];
	private stopping: Promise<void> | undefined;

	private constructor(options: EmulatorSettings) {
		this.options = options;
		this.org = generateOrg({ members: options.members, teams: options.teams, seed: options.seed });
		this.tokens = new Tokens(() => this.options);
		this.rest = new RestApi(this.org, () => this.options);
		this.scim = new ScimApi(this.org, () => ({
			scimToken: this.options.scimToken,
			maxScimCount: this.options.maxScimCount,
			scimUrl: this.scimUrl,
		}));
		this.control = new ControlApi({
			org: this.org,
			log: this.log,
			faults: this.faults,
			expireTokens: () => this.expireTokens(),
			tokensIssued: () => this.tokensIssued(),
		});
		this.server = createServer((req, res) => this.serve(req, res));
	}

	static async start(options: EmulatorOptions = {}): Promise<SigmaEmulator> {
		const emulator = new SigmaEmulator(resolveOptions(options));
		await emulator.listen();
		return emulator;
	}

	/** REST base, without /v2, e.g. 'http://127.0.0.1:41234'. */
	get url(): string {
		return `http://127.0.0.1:${this.options.port}`;
	}

	get scimUrl(): string {
		return `${this.url}/scim/v2`;
	}

	get clientId(): string {
		return this.options.clientId;
	}

	get clientSecret(): string {
		return this.options.clientSecret;
	}

	get scimToken(): string {
		return this.options.scimToken;
	}

	/** Every access token issued so far becomes invalid now (refresh tokens keep working). */
	expireTokens(): void {
		this.tokens.expireAll();
	}

	/** Successful token responses so far, for any grant. */
	tokensIssued(): number {
		return this.tokens.issued;
	}

	/** Without `match`, sets the delay of every request; with it, of the matching ones only. */
	setLatency(ms: number, match?: RouteMatch): void {
		if (!(ms >= 0)) throw new Error('latency must be a non-negative number of ms');
		if (!match) {
			this.options.latencyMs = ms;
			return;
		}
		this.latencyRules.push({ ms, match });
	}

	/** Closes the server and every open socket; pending delayed answers are dropped. */
	stop(): Promise<void> {
		if (!this.stopping) {
			for (const timer of this.timers) clearTimeout(timer);
			this.timers.clear();
			this.stopping = new Promise((resolve) => {
				this.server.close(() => resolve());
				this.server.closeAllConnections();
			});
		}
		return this.stopping;
	}

	private listen(): Promise<void> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, '127.0.0.1', () => {
				this.server.off('error', reject);
				const address = this.server.address();
				if (address && typeof address === 'object') this.options.port = address.port;
				resolve();
			});
		});
	}

	private latencyFor(method: string, path: string): number {
		for (let i = this.latencyRules.length - 1; i >= 0; i--) {
			const rule = this.latencyRules[i];
			if (rule && matchesRoute(rule.match, method, path)) return rule.ms;
		}
		return this.options.latencyMs;
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	private serve(req: IncomingMessage, res: ServerResponse): void {
		this.process(req, res).catch((error: unknown) => {
			if (res.headersSent || res.destroyed) {
				res.destroy();
				return;
			}
			const message = error instanceof Error ? error.message : String(error);
			send(res, restErrorReply(500, 'internal_error', `Emulator error: ${message}`));
		});
	}

	private async process(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const at = Date.now();
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname;
		const api = apiOf(path);
		const entry: LogEntry = {
			method,
			path,
			query: api === 'token' ? {} : loggableQuery(url.searchParams),
			status: 0,
			api,
			at,
		};
		const body = await readBody(req);
		if (body === undefined) {
			this.finish(res, entry, restErrorReply(413, 'payload_too_large', 'Request body too large'));
			return;
		}
		const ctx: RequestContext = {
			method,
			path,
			query: url.searchParams,
			headers: req.headers,
			body,
		};

		let lost = false;
		if (api !== 'control') {
			const delay = this.latencyFor(method, path);
			if (delay > 0) await this.sleep(delay);
			const fault = this.faults.take(method, path);
			if (fault?.kind === 'drop') {
				entry.fault = 'drop';
				this.log.record(entry);
				req.socket.destroy();
				return;
			}
			if (fault?.kind === 'status') {
				entry.fault = 'status';
				this.finish(res, entry, this.faultReply(api, fault));
				return;
			}
			lost = fault?.kind === 'lost';
		}

		const reply = this.dispatch(api, ctx);
		if (lost) {
			entry.fault = 'lost';
			entry.status = reply.status;
			this.log.record(entry);
			req.socket.destroy();
			return;
		}
		this.finish(res, entry, reply);
	}

	private finish(res: ServerResponse, entry: LogEntry, reply: Reply): void {
		entry.status = reply.status;
		this.log.record(entry);
		reply.afterLog?.();
		send(res, reply);
	}

	private dispatch(api: Api, ctx: RequestContext): Reply {
		if (api === 'control') return this.control.handle(ctx);
		if (api === 'scim') return this.scim.handle(ctx);
		if (api === 'token') {
			if (ctx.method !== 'POST')
				return restErrorReply(404, 'not_found', `Cannot ${ctx.method} ${ctx.path}`);
			return this.tokens.handleTokenRequest(ctx);
		}
		if (!ctx.path.startsWith('/v2/')) {
			return restErrorReply(404, 'not_found', `Cannot ${ctx.method} ${ctx.path}`);
		}
		if (!this.tokens.isValid(bearerToken(ctx.headers))) {
			return restErrorReply(401, 'unauthorized', 'Token missing or malformed');
		}
		return this.rest.handle(ctx);
	}

	private faultReply(api: Api, fault: Extract<Fault, { kind: 'status' }>): Reply {
		const headers =
			fault.retryAfter === undefined ? undefined : { 'Retry-After': String(fault.retryAfter) };
		const message = FAULT_MESSAGES[fault.status] ?? `HTTP ${fault.status}`;
		if (api === 'scim') return scimErrorReply(fault.status, message, undefined, headers);
		return restErrorReply(fault.status, codeForStatus(fault.status), message, headers);
	}
}
