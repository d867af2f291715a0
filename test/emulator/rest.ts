import {
	encodeCursor,
	findRoute,
	isRecord,
	lowerBound,
	ok,
	RestError,
	restErrorReply,
	route,
	scan,
	type Reply,
	type RequestContext,
	type Route,
} from './http';
import {
	DEFAULT_MEMBER_TYPE,
	isValidEmail,
	OrgError,
	TEAM_VISIBILITIES,
	USER_KINDS,
	type Member,
	type MemberPatch,
	type Org,
	type Team,
	type TeamPatch,
	type UserKind,
} from './org';
import {
	allowQuery,
	booleanQuery,
	cursorQuery,
	nullableString,
	objectBody,
	optionalBoolean,
	optionalEnum,
	optionalString,
	optionalStringArray,
	requiredString,
	sizeQuery,
} from './params';

export interface RestSettings {
	accountTypesForbidden: boolean;
}

type Handler = (ctx: RequestContext, params: string[]) => Reply;

const MAX_LIMIT = 1000;
/** Sigma does not document a default page size for these lists; 50 matches /v2/accountTypes. */
const DEFAULT_LIMIT = 50;
const MAX_TEAM_MEMBER_CHANGES = 1000;

const MEMBER_LIST_QUERY = [
	'page',
	'limit',
	'email',
	'search',
	'includeArchived',
	'includeInactive',
];
const CREATE_MEMBER_FIELDS = [
	'email',
	'firstName',
	'lastName',
	'memberType',
	'userKind',
	'isGuest',
	'addToTeams',
];
const UPDATE_MEMBER_FIELDS = [
	'memberType',
	'firstName',
	'lastName',
	'email',
	'profileImgUrl',
	'isArchived',
	'isInactive',
	'userKind',
	'isGuest',
	'newOwnerId',
	'archiveDocuments',
	'archiveScheduledExports',
];

function badRequest(message: string): RestError {
	return new RestError(400, 'bad_request', message);
}

function restStatusFor(error: OrgError): [number, string] {
	if (error.kind === 'not_found') return [404, 'not_found'];
	if (error.kind === 'conflict') return [409, 'conflict'];
	return [400, 'bad_request'];
}

function includes(text: string | null, needle: string): boolean {
	return text !== null && text.toLowerCase().includes(needle);
}

/** Sigma's REST API v2 (members, teams, account types, whoami); auth is checked by the caller. */
export class RestApi {
	private readonly routes: ReadonlyArray<Route<Handler>>;

	constructor(
		private readonly org: Org,
		private readonly settings: () => RestSettings,
	) {
		this.routes = [
			route<Handler>('GET', '/v2/whoami', () => this.whoami()),
			route<Handler>('GET', '/v2/members', (ctx) => this.listMembers(ctx)),
			route<Handler>('POST', '/v2/members', (ctx) => this.createMember(ctx)),
			route<Handler>('GET', '/v2/members/:id', (ctx, [id]) => this.getMember(ctx, id)),
			route<Handler>('PATCH', '/v2/members/:id', (ctx, [id]) => this.updateMember(ctx, id)),
			route<Handler>('DELETE', '/v2/members/:id', (ctx, [id]) => this.deleteMember(ctx, id)),
			route<Handler>('GET', '/v2/members/:id/teams', (ctx, [id]) => this.memberTeams(ctx, id)),
			route<Handler>('GET', '/v2/accountTypes', (ctx) => this.listAccountTypes(ctx)),
			route<Handler>('GET', '/v2/teams', (ctx) => this.listTeams(ctx)),
			route<Handler>('POST', '/v2/teams', (ctx) => this.createTeam(ctx)),
			route<Handler>('GET', '/v2/teams/:id', (ctx, [id]) => this.getTeam(ctx, id)),
			route<Handler>('PATCH', '/v2/teams/:id', (ctx, [id]) => this.updateTeam(ctx, id)),
			route<Handler>('DELETE', '/v2/teams/:id', (ctx, [id]) => this.deleteTeam(ctx, id)),
			route<Handler>('GET', '/v2/teams/:id/members', (ctx, [id]) => this.teamMembers(ctx, id)),
			route<Handler>('PATCH', '/v2/teams/:id/members', (ctx, [id]) =>
				this.updateTeamMembers(ctx, id),
			),
		];
	}

	handle(ctx: RequestContext): Reply {
		try {
			const found = findRoute(this.routes, ctx.method, ctx.path);
			if (!found) throw new RestError(404, 'not_found', `Cannot ${ctx.method} ${ctx.path}`);
			return found.handler(ctx, found.params);
		} catch (error) {
			if (error instanceof RestError) {
				return restErrorReply(error.status, error.code, error.message, error.headers);
			}
			if (error instanceof OrgError) {
				const [status, code] = restStatusFor(error);
				return restErrorReply(status, code, error.message);
			}
			throw error;
		}
	}

	private whoami(): Reply {
		const owner = this.org.owner;
		return ok({
			userId: owner.memberId,
			memberId: owner.memberId,
			organizationId: this.org.organizationId,
			accountType: owner.memberType,
			email: owner.email,
			firstName: owner.firstName,
			lastName: owner.lastName,
		});
	}

	private listMembers(ctx: RequestContext): Reply {
		allowQuery(ctx, MEMBER_LIST_QUERY);
		const includeArchived = booleanQuery(ctx, 'includeArchived', false);
		const includeInactive = booleanQuery(ctx, 'includeInactive', false);
		const search = ctx.query.get('search')?.toLowerCase();
		const email = ctx.query.get('email');
		const limit = sizeQuery(ctx, 'limit', MAX_LIMIT);
		const start = cursorQuery(ctx, 'page', 'members');

		const accept = (member: Member): boolean =>
			(includeArchived || !member.isArchived) &&
			(includeInactive || !member.isInactive) &&
			(search === undefined ||
				includes(member.email, search) ||
				includes(member.firstName, search) ||
				includes(member.lastName, search));

		if (email !== null) {
			const member = this.org.findMemberByEmail(email);
			const entries = member && accept(member) && start === 0 ? [member] : [];
			return ok(limit === undefined ? entries : { entries, nextPage: null });
		}
		const members = this.org.members;
		if (limit === undefined) return ok(members.filter(accept));
		const page = scan(members, start, limit, accept);
		return ok({
			entries: page.entries,
			nextPage: page.nextIndex === null ? null : encodeCursor('members', page.nextIndex),
		});
	}

	private getMember(ctx: RequestContext, id: string | undefined): Reply {
		allowQuery(ctx, []);
		return ok(this.org.requireMember(id ?? ''));
	}

	private createMember(ctx: RequestContext): Reply {
		allowQuery(ctx, ['sendInvite']);
		const sendInvite = booleanQuery(ctx, 'sendInvite', true);
		const body = objectBody(ctx, CREATE_MEMBER_FIELDS);
		const email = requiredString(body, 'email');
		const firstName = requiredString(body, 'firstName');
		const lastName = requiredString(body, 'lastName');
		if (!isValidEmail(email)) throw badRequest(`email is not a valid email address: ${email}`);
		const memberType = optionalString(body, 'memberType') ?? DEFAULT_MEMBER_TYPE;
		const isGuest = optionalBoolean(body, 'isGuest');
		const userKind: UserKind =
			optionalEnum(body, 'userKind', USER_KINDS) ?? (isGuest ? 'guest' : 'internal');
		const teams = this.readAddToTeams(body.addToTeams);
		if (!this.org.findAccountType(memberType)) {
			throw new RestError(404, 'not_found', 'Member type name is not found');
		}

		const member = this.org.addMember({ email, firstName, lastName, memberType, userKind });
		for (const team of teams) {
			this.org.addTeamMembers(team.teamId, [member.memberId], { isTeamAdmin: team.isTeamAdmin });
		}
		if (sendInvite && userKind !== 'embed') this.org.invitesSent.push(member.email);
		return ok(member);
	}

	private readAddToTeams(value: unknown): Array<{ teamId: string; isTeamAdmin: boolean }> {
		if (value === undefined) return [];
		if (!Array.isArray(value)) throw badRequest('addToTeams must be an array');
		return value.map((item: unknown, index) => {
			if (!isRecord(item) || typeof item.teamId !== 'string') {
				throw badRequest(`addToTeams[${index}].teamId must be a string`);
			}
			if (item.isTeamAdmin !== undefined && typeof item.isTeamAdmin !== 'boolean') {
				throw badRequest(`addToTeams[${index}].isTeamAdmin must be true or false`);
			}
			if (!this.org.getTeam(item.teamId)) {
				throw badRequest(`addToTeams[${index}].teamId ${item.teamId} is not a team`);
			}
			return { teamId: item.teamId, isTeamAdmin: item.isTeamAdmin === true };
		});
	}

	private updateMember(ctx: RequestContext, id: string | undefined): Reply {
		allowQuery(ctx, []);
		const member = this.org.requireMember(id ?? '');
		const body = objectBody(ctx, UPDATE_MEMBER_FIELDS);
		const patch: MemberPatch = {};
		const memberType = optionalString(body, 'memberType');
		const firstName = optionalString(body, 'firstName');
		const lastName = optionalString(body, 'lastName');
		const email = optionalString(body, 'email');
		const profileImgUrl = nullableString(body, 'profileImgUrl');
		const isArchived = optionalBoolean(body, 'isArchived');
		const isInactive = optionalBoolean(body, 'isInactive');
		const isGuest = optionalBoolean(body, 'isGuest');
		const userKind = optionalEnum(body, 'userKind', USER_KINDS);
		const newOwnerId = optionalString(body, 'newOwnerId');
		const archiveDocuments = optionalBoolean(body, 'archiveDocuments');
		const archiveScheduledExports = optionalBoolean(body, 'archiveScheduledExports');
		if (email !== undefined && !isValidEmail(email)) {
			throw badRequest(`email is not a valid email address: ${email}`);
		}
		const deactivating = isArchived === true || isInactive === true;
		if ((archiveDocuments || archiveScheduledExports) && !deactivating) {
			throw badRequest(
				'archiveDocuments and archiveScheduledExports need isArchived: true or isInactive: true',
			);
		}

		if (memberType !== undefined) patch.memberType = memberType;
		if (firstName !== undefined) patch.firstName = firstName;
		if (lastName !== undefined) patch.lastName = lastName;
		if (email !== undefined) patch.email = email;
		if (profileImgUrl !== undefined) patch.profileImgUrl = profileImgUrl;
		if (isArchived !== undefined) patch.isArchived = isArchived;
		if (isInactive !== undefined) patch.isInactive = isInactive;
		if (userKind !== undefined) patch.userKind = userKind;
		else if (isGuest !== undefined) patch.userKind = isGuest ? 'guest' : 'internal';
		if (newOwnerId !== undefined) patch.newOwnerId = newOwnerId;
		return ok(this.org.updateMember(member.memberId, patch));
	}

	private deleteMember(ctx: RequestContext, id: string | undefined): Reply {
		allowQuery(ctx, []);
		const member = this.org.requireMember(id ?? '');
		if (!member.isArchived) this.org.archiveMember(member.memberId);
		return ok({});
	}

	private memberTeams(ctx: RequestContext, id: string | undefined): Reply {
		allowQuery(ctx, ['limit', 'page']);
		const limit = sizeQuery(ctx, 'limit', MAX_LIMIT) ?? DEFAULT_LIMIT;
		const start = cursorQuery(ctx, 'page', 'memberTeams');
		const teams = this.org.memberTeams(id ?? '');
		const page = scan(teams, start, limit, () => true);
		return ok({
			entries: page.entries,
			nextPage: page.nextIndex === null ? null : encodeCursor('memberTeams', page.nextIndex),
		});
	}

	private listAccountTypes(ctx: RequestContext): Reply {
		if (this.settings().accountTypesForbidden) {
			throw new RestError(
				403,
				'forbidden',
				'Listing account types requires API credentials owned by an Admin',
			);
		}
		allowQuery(ctx, ['pageSize', 'pageToken']);
		const pageSize = sizeQuery(ctx, 'pageSize', MAX_LIMIT) ?? DEFAULT_LIMIT;
		const start = cursorQuery(ctx, 'pageToken', 'accountTypes');
		const page = scan(this.org.accountTypes, start, pageSize, () => true);
		// Unlike members and teams, Sigma leaves nextPageToken out on the last page.
		return ok(
			page.nextIndex === null
				? { entries: page.entries }
				: { entries: page.entries, nextPageToken: encodeCursor('accountTypes', page.nextIndex) },
		);
	}

	private listTeams(ctx: RequestContext): Reply {
		allowQuery(ctx, ['page', 'limit', 'name', 'description', 'visibility']);
		const name = ctx.query.get('name')?.toLowerCase();
		const description = ctx.query.get('description')?.toLowerCase();
		const visibility = ctx.query.get('visibility');
		if (visibility !== null && !(TEAM_VISIBILITIES as readonly string[]).includes(visibility)) {
			throw badRequest('visibility must be public or private');
		}
		const limit = sizeQuery(ctx, 'limit', MAX_LIMIT);
		const startSeq = cursorQuery(ctx, 'page', 'teams');

		const accept = (team: Team): boolean =>
			(name === undefined || includes(team.name, name)) &&
			(description === undefined || includes(team.description, description)) &&
			(visibility === null || team.visibility === visibility);
		const records = this.org.teamRecords();
		if (limit === undefined) {
			return ok(records.filter((record) => accept(record.team)).map((record) => record.team));
		}
		const start = lowerBound(records, startSeq, (record) => record.seq);
		const page = scan(records, start, limit, (record) => accept(record.team));
		const next = page.nextIndex === null ? undefined : records[page.nextIndex];
		return ok({
			entries: page.entries.map((record) => record.team),
			nextPage: next ? encodeCursor('teams', next.seq) : null,
		});
	}

	private teamWithMembers(team: Team): Team & { members: string[] } {
		const members = this.org.teamMembers(team.teamId).map((membership) => membership.userId);
		return { ...team, members };
	}

	private createTeam(ctx: RequestContext): Reply {
		allowQuery(ctx, []);
		const body = objectBody(ctx, [
			'name',
			'description',
			'members',
			'visibility',
			'createTeamFolder',
		]);
		const name = requiredString(body, 'name');
		const description = nullableString(body, 'description');
		const members = optionalStringArray(body, 'members');
		const visibility = optionalEnum(body, 'visibility', TEAM_VISIBILITIES);
		optionalBoolean(body, 'createTeamFolder');

		const team = this.org.addTeam({
			name,
			description: description ?? null,
			visibility: visibility ?? 'private',
			members: members ?? [],
		});
		return ok({ ...this.teamWithMembers(team), workspaceId: null });
	}

	private getTeam(ctx: RequestContext, id: string | undefined): Reply {
		allowQuery(ctx, []);
		return ok(this.teamWithMembers(this.org.requireTeamById(id ?? '')));
	}

	private updateTeam(ctx: RequestContext, id: string | undefined): Reply {
		allowQuery(ctx, []);
		const team = this.org.requireTeamById(id ?? '');
		const body = objectBody(ctx, ['name', 'description', 'visibility']);
		const patch: TeamPatch = {};
		const name = optionalString(body, 'name');
		const description = nullableString(body, 'description');
		const visibility = optionalEnum(body, 'visibility', TEAM_VISIBILITIES);
		if (name !== undefined) patch.name = name;
		if (description !== undefined) patch.description = description;
		if (visibility !== undefined) patch.visibility = visibility;
		return ok(this.org.updateTeam(team.teamId, patch));
	}

	private deleteTeam(ctx: RequestContext, id: string | undefined): Reply {
		allowQuery(ctx, []);
		this.org.deleteTeam(this.org.requireTeamById(id ?? '').teamId);
		return ok({});
	}

	private teamMembers(ctx: RequestContext, id: string | undefined): Reply {
		allowQuery(ctx, ['limit', 'page']);
		const limit = sizeQuery(ctx, 'limit', MAX_LIMIT) ?? DEFAULT_LIMIT;
		const startSeq = cursorQuery(ctx, 'page', 'teamMembers');
		const records = this.org.membershipRecords(this.org.requireTeamById(id ?? '').teamId);
		const start = lowerBound(records, startSeq, (record) => record.seq);
		const page = scan(records, start, limit, () => true);
		const next = page.nextIndex === null ? undefined : records[page.nextIndex];
		return ok({
			entries: page.entries.map(({ userId, isTeamAdmin, addedBy }) => ({
				userId,
				isTeamAdmin,
				addedBy,
			})),
			nextPage: next ? encodeCursor('teamMembers', next.seq) : null,
		});
	}

	private updateTeamMembers(ctx: RequestContext, id: string | undefined): Reply {
		allowQuery(ctx, []);
		const team = this.org.requireTeamById(id ?? '');
		const body = objectBody(ctx, ['add', 'remove']);
		const add = optionalStringArray(body, 'add');
		const remove = optionalStringArray(body, 'remove');
		if (add === undefined && remove === undefined) {
			throw badRequest('Give add and/or remove: arrays of member IDs');
		}
		const all = [...(add ?? []), ...(remove ?? [])];
		if (all.length > MAX_TEAM_MEMBER_CHANGES) {
			throw badRequest(
				`At most ${MAX_TEAM_MEMBER_CHANGES} member IDs per request (add and remove together)`,
			);
		}
		// Sigma refuses the whole request when any ID is unknown or inactive, so check all first.
		for (const memberId of all) {
			const member = this.org.getMember(memberId);
			if (!member) throw badRequest(`Member ${memberId} is not found`);
			if (member.isArchived || member.isInactive) {
				throw badRequest(`Member ${memberId} is inactive`);
			}
		}

		if (add && add.length > 0) this.org.addTeamMembers(team.teamId, add);
		if (remove && remove.length > 0) this.org.removeTeamMembers(team.teamId, remove);
		return ok({});
	}
}
