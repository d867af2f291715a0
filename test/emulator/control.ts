import type { Fault, Faults } from './faults';
import {
	findRoute,
	isRecord,
	ok,
	parseJson,
	RestError,
	restErrorReply,
	route,
	type Reply,
	type RequestContext,
	type Route,
} from './http';
import type { RequestLog, RouteMatch } from './log';
import type { Org } from './org';

export interface ControlDeps {
	org: Org;
	log: RequestLog;
	faults: Faults;
	expireTokens(): void;
	tokensIssued(): number;
}

type Handler = (ctx: RequestContext) => Reply;

function readMatch(value: unknown): RouteMatch | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isRecord(value)) throw new Error('match must be an object');
	const match: RouteMatch = {};
	if (value.method !== undefined) {
		if (typeof value.method !== 'string') throw new Error('match.method must be a string');
		match.method = value.method;
	}
	if (value.path !== undefined) {
		if (typeof value.path !== 'string') throw new Error('match.path must be a string');
		match.path = value.path;
	}
	if (value.pathPattern !== undefined) {
		if (typeof value.pathPattern !== 'string') {
			throw new Error('match.pathPattern must be a regular expression source string');
		}
		match.path = new RegExp(value.pathPattern);
	}
	return match;
}

/**
 * Endpoints for a harness in another process (an n8n end-to-end run, the demo). No auth:
 * the emulator only listens on 127.0.0.1.
 */
export class ControlApi {
	private readonly routes: ReadonlyArray<Route<Handler>>;

	constructor(private readonly deps: ControlDeps) {
		const base = '/__emulator';
		this.routes = [
			route<Handler>('GET', `${base}/log`, () => ok(this.deps.log.entries.slice())),
			route<Handler>('POST', `${base}/log/clear`, () => ({
				...ok({}),
				afterLog: () => this.deps.log.clear(),
			})),
			route<Handler>('POST', `${base}/expire-tokens`, () => {
				this.deps.expireTokens();
				return ok({});
			}),
			route<Handler>('GET', `${base}/stats`, () =>
				ok({
					tokensIssued: this.deps.tokensIssued(),
					members: this.deps.org.members.length,
					teams: this.deps.org.teams.length,
				}),
			),
			route<Handler>('GET', `${base}/org`, () => ok(this.orgSnapshot())),
			route<Handler>('POST', `${base}/faults`, (ctx) => this.injectFault(ctx)),
			route<Handler>('POST', `${base}/faults/clear`, () => {
				this.deps.faults.clear();
				return ok({});
			}),
		];
	}

	handle(ctx: RequestContext): Reply {
		try {
			const found = findRoute(this.routes, ctx.method, ctx.path);
			if (!found) return restErrorReply(404, 'not_found', `Cannot ${ctx.method} ${ctx.path}`);
			return found.handler(ctx);
		} catch (error) {
			if (error instanceof RestError)
				return restErrorReply(error.status, error.code, error.message);
			throw error;
		}
	}

	private orgSnapshot(): unknown {
		const org = this.deps.org;
		return {
			organizationId: org.organizationId,
			ownerId: org.owner.memberId,
			members: org.members,
			teams: org.teams.map((team) => ({ ...team, members: org.teamMembers(team.teamId) })),
			accountTypes: org.accountTypes,
			handoffs: org.handoffs,
			invitesSent: org.invitesSent,
		};
	}

	private injectFault(ctx: RequestContext): Reply {
		const body = parseJson(ctx.body);
		if (!isRecord(body)) throw new RestError(400, 'bad_request', 'Body must be a JSON object');
		try {
			const times = body.times === undefined || body.times === null ? 1 : body.times;
			if (typeof times !== 'number') throw new Error('times must be a number');
			const match = readMatch(body.match);
			this.deps.faults.inject(body.fault as Fault, match ? { match, times } : { times });
		} catch (error) {
			if (error instanceof RestError) throw error;
			throw new RestError(400, 'bad_request', (error as Error).message);
		}
		return ok({ pending: this.deps.faults.pending() });
	}
}
