import { bearerToken, safeEqual } from './auth';
import {
	findRoute,
	isRecord,
	RestError,
	route,
	SCIM_TYPE,
	type Reply,
	type RequestContext,
	type Route,
} from './http';
import {
	DEFAULT_MEMBER_TYPE,
	isValidEmail,
	OrgError,
	type Member,
	type MemberPatch,
	type Org,
	type Team,
} from './org';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface ScimSettings {
	scimToken: string;
	maxScimCount: number;
	scimUrl: string;
}

/** A SCIM failure, answered with RFC 7644's error resource. */
export class ScimError extends Error {
	constructor(
		readonly status: number,
		readonly detail: string,
		readonly scimType?: string,
		readonly headers?: Record<string, string>,
	) {
		super(detail);
		this.name = 'ScimError';
	}
}

export function scimErrorReply(
	status: number,
	detail: string,
	scimType?: string,
	headers?: Record<string, string>,
): Reply {
	const body: Record<string, unknown> = { schemas: [ERROR_SCHEMA], status: String(status) };
	if (scimType !== undefined) body.scimType = scimType;
	body.detail = detail;
	const reply: Reply = { status, body, contentType: SCIM_TYPE };
	if (headers) reply.headers = headers;
	return reply;
}

function scimReply(body: unknown, status = 200, headers?: Record<string, string>): Reply {
	const reply: Reply = { status, body, contentType: SCIM_TYPE };
	if (headers) reply.headers = headers;
	return reply;
}

function invalidValue(detail: string): ScimError {
	return new ScimError(400, detail, 'invalidValue');
}

export interface ScimFilter {
	/** Lower-cased attribute name. */
	attribute: string;
	value: string;
}

const FILTER_PATTERN = /^\s*([A-Za-z][\w.]*)\s+([A-Za-z]+)\s+("(?:[^"\\]|\\.)*")\s*$/;

/** Parses `attr eq "value"` (RFC 7644 string escaping); anything else is invalidFilter. */
export function parseFilter(filter: string, attributes: readonly string[]): ScimFilter {
	const found = FILTER_PATTERN.exec(filter);
	const attribute = found?.[1]?.toLowerCase();
	const operator = found?.[2]?.toLowerCase();
	const literal = found?.[3];
	const supported = attributes.map((name) => name.toLowerCase());
	if (!attribute || operator !== 'eq' || literal === undefined || !supported.includes(attribute)) {
		throw new ScimError(
			400,
			`Unsupported filter; use ${attributes.map((name) => `${name} eq "…"`).join(' or ')}`,
			'invalidFilter',
		);
	}
	try {
		return { attribute, value: JSON.parse(literal) as string };
	} catch {
		throw new ScimError(400, 'The filter value is not a valid quoted string', 'invalidFilter');
	}
}

function toBoolean(value: unknown, name: string): boolean {
	if (typeof value === 'boolean') return value;
	// Some identity providers (Entra ID among them) send booleans as the strings "True"/"False".
	if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
		return value.toLowerCase() === 'true';
	}
	throw invalidValue(`${name} must be a boolean`);
}

function toText(value: unknown, name: string): string {
	if (typeof value !== 'string') throw invalidValue(`${name} must be a string`);
	return value;
}

function parseIndex(ctx: RequestContext, name: string, fallback: number): number {
	const value = ctx.query.get(name);
	if (value === null || value === '') return fallback;
	if (!/^-?\d{1,9}$/.test(value)) throw invalidValue(`${name} must be an integer`);
	return Number(value);
}

function readBody(ctx: RequestContext): Record<string, unknown> {
	let body: unknown;
	try {
		body = JSON.parse(ctx.body.toString('utf8'));
	} catch {
		throw new ScimError(400, 'Request body is not valid JSON', 'invalidSyntax');
	}
	if (!isRecord(body))
		throw new ScimError(400, 'Request body must be a JSON object', 'invalidSyntax');
	return body;
}

interface PatchOperation {
	op: 'add' | 'replace' | 'remove';
	path: string | undefined;
	value: unknown;
}

function readOperations(body: Record<string, unknown>): PatchOperation[] {
	const operations = body.Operations ?? body.operations;
	if (!Array.isArray(operations) || operations.length === 0) {
		throw new ScimError(400, 'PatchOp needs a non-empty Operations array', 'invalidSyntax');
	}
	return operations.map((operation: unknown, index) => {
		if (!isRecord(operation) || typeof operation.op !== 'string') {
			throw new ScimError(400, `Operations[${index}].op is missing`, 'invalidSyntax');
		}
		const op = operation.op.toLowerCase();
		if (op !== 'add' && op !== 'replace' && op !== 'remove') {
			throw new ScimError(400, `Unsupported op: ${operation.op}`, 'invalidSyntax');
		}
		if (operation.path !== undefined && typeof operation.path !== 'string') {
			throw new ScimError(400, `Operations[${index}].path must be a string`, 'invalidPath');
		}
		return { op, path: operation.path, value: operation.value };
	});
}

/** The User attributes Sigma maps; PATCH and PUT edit this draft, then it is diffed. */
interface UserDraft {
	userName: string;
	givenName: string;
	familyName: string;
	userType: string;
	active: boolean;
}

function normalizePath(path: string): string {
	return path.replace(/\s+/g, ' ').trim().toLowerCase();
}

function emailFromList(value: unknown): string {
	if (!Array.isArray(value) || value.length === 0) throw invalidValue('emails must be a list');
	const primary = value.find((item: unknown) => isRecord(item) && item.primary === true) as unknown;
	const chosen: unknown = primary ?? value[0];
	if (!isRecord(chosen)) throw invalidValue('emails[].value must be a string');
	return toText(chosen.value, 'emails[].value');
}

function applyUserValue(draft: UserDraft, path: string, value: unknown, remove: boolean): void {
	switch (normalizePath(path)) {
		case 'active':
			if (remove) throw invalidValue('active cannot be removed');
			draft.active = toBoolean(value, 'active');
			return;
		case 'usertype':
			if (remove) throw invalidValue('userType cannot be removed');
			draft.userType = toText(value, 'userType');
			return;
		case 'username':
		case 'emails[type eq "work"].value':
			if (remove) throw invalidValue('userName cannot be removed');
			draft.userName = toText(value, 'userName');
			return;
		case 'emails':
			if (remove) throw invalidValue('emails cannot be removed');
			draft.userName = emailFromList(value);
			return;
		case 'name.givenname':
			draft.givenName = remove ? '' : toText(value, 'name.givenName');
			return;
		case 'name.familyname':
			draft.familyName = remove ? '' : toText(value, 'name.familyName');
			return;
		case 'name':
			if (remove) {
				draft.givenName = '';
				draft.familyName = '';
				return;
			}
			if (!isRecord(value)) throw invalidValue('name must be an object');
			for (const [key, part] of Object.entries(value)) {
				applyUserValue(draft, `name.${key}`, part, false);
			}
			return;
		default:
			throw new ScimError(400, `Unsupported path: ${path}`, 'invalidPath');
	}
}

function applyUserObject(draft: UserDraft, value: unknown): void {
	if (!isRecord(value)) throw invalidValue('An operation without a path needs an object value');
	for (const [key, part] of Object.entries(value)) {
		if (key === 'schemas' || key === 'id' || key === 'meta') continue;
		applyUserValue(draft, key, part, false);
	}
}

interface GroupDraft {
	displayName: string;
	members: Set<string>;
}

function memberValues(value: unknown): string[] {
	const list: unknown[] = Array.isArray(value) ? value : [value];
	return list.map((item) => {
		if (!isRecord(item) || typeof item.value !== 'string') {
			throw invalidValue('members must be a list of { value: memberId }');
		}
		return item.value;
	});
}

/** Sigma's SCIM 2.0 service: Users are members, Groups are teams. */
export class ScimApi {
	private readonly routes: ReadonlyArray<Route<(ctx: RequestContext, id: string) => Reply>>;

	constructor(
		private readonly org: Org,
		private readonly settings: () => ScimSettings,
	) {
		type Handler = (ctx: RequestContext, id: string) => Reply;
		const base = '/scim/v2';
		this.routes = [
			route<Handler>('GET', `${base}/Users`, (ctx) => this.listUsers(ctx)),
			route<Handler>('POST', `${base}/Users`, (ctx) => this.createUser(ctx)),
			route<Handler>('GET', `${base}/Users/:id`, (_ctx, id) => this.getUser(id)),
			route<Handler>('PUT', `${base}/Users/:id`, (ctx, id) => this.replaceUser(ctx, id)),
			route<Handler>('PATCH', `${base}/Users/:id`, (ctx, id) => this.patchUser(ctx, id)),
			route<Handler>('DELETE', `${base}/Users/:id`, (_ctx, id) => this.deleteUser(id)),
			route<Handler>('GET', `${base}/Groups`, (ctx) => this.listGroups(ctx)),
			route<Handler>('POST', `${base}/Groups`, (ctx) => this.createGroup(ctx)),
			route<Handler>('GET', `${base}/Groups/:id`, (ctx, id) => this.getGroup(ctx, id)),
			route<Handler>('PUT', `${base}/Groups/:id`, (ctx, id) => this.replaceGroup(ctx, id)),
			route<Handler>('PATCH', `${base}/Groups/:id`, (ctx, id) => this.patchGroup(ctx, id)),
			route<Handler>('DELETE', `${base}/Groups/:id`, (_ctx, id) => this.deleteGroup(id)),
			route<Handler>('GET', `${base}/ServiceProviderConfig`, () => this.serviceProviderConfig()),
		];
	}

	handle(ctx: RequestContext): Reply {
		const token = bearerToken(ctx.headers);
		if (token === undefined || !safeEqual(token, this.settings().scimToken)) {
			return scimErrorReply(401, 'Bearer token missing or invalid', undefined, {
				'WWW-Authenticate': 'Bearer',
			});
		}
		try {
			const found = findRoute(this.routes, ctx.method, ctx.path);
			if (!found) throw new ScimError(404, `Cannot ${ctx.method} ${ctx.path}`);
			return found.handler(ctx, found.params[0] ?? '');
		} catch (error) {
			if (error instanceof ScimError) {
				return scimErrorReply(error.status, error.detail, error.scimType, error.headers);
			}
			if (error instanceof OrgError) {
				if (error.kind === 'not_found') return scimErrorReply(404, error.message);
				if (error.kind === 'conflict') return scimErrorReply(409, error.message, 'uniqueness');
				return scimErrorReply(400, error.message, 'invalidValue');
			}
			if (error instanceof RestError) return scimErrorReply(error.status, error.message);
			throw error;
		}
	}

	toUser(member: Member): Record<string, unknown> {
		return {
			schemas: [USER_SCHEMA],
			id: member.memberId,
			userName: member.email,
			name: { givenName: member.firstName, familyName: member.lastName },
			emails: [{ value: member.email, type: 'work', primary: true }],
			userType: member.memberType,
			active: !member.isInactive,
			meta: {
				resourceType: 'User',
				created: member.createdAt,
				lastModified: member.updatedAt,
				location: `${this.settings().scimUrl}/Users/${member.memberId}`,
			},
		};
	}

	toGroup(team: Team, withMembers = true): Record<string, unknown> {
		const group: Record<string, unknown> = {
			schemas: [GROUP_SCHEMA],
			id: team.teamId,
			displayName: team.name,
		};
		if (withMembers) {
			group.members = this.org.teamMembers(team.teamId).map(({ userId }) => ({
				value: userId,
				display: this.org.getMember(userId)?.email ?? userId,
			}));
		}
		group.meta = {
			resourceType: 'Group',
			created: team.createdAt,
			lastModified: team.updatedAt,
			location: `${this.settings().scimUrl}/Groups/${team.teamId}`,
		};
		return group;
	}

	private listResponse<T>(
		ctx: RequestContext,
		matching: readonly T[],
		render: (item: T) => unknown,
	): Reply {
		const startIndex = Math.max(1, parseIndex(ctx, 'startIndex', 1));
		const requested = Math.max(0, parseIndex(ctx, 'count', 100));
		const count = Math.min(requested, this.settings().maxScimCount);
		const resources = matching.slice(startIndex - 1, startIndex - 1 + count).map(render);
		return scimReply({
			schemas: [LIST_SCHEMA],
			totalResults: matching.length,
			startIndex,
			itemsPerPage: resources.length,
			Resources: resources,
		});
	}

	private listUsers(ctx: RequestContext): Reply {
		const filter = ctx.query.get('filter');
		let matching: readonly Member[] = this.org.members;
		if (filter !== null && filter.trim() !== '') {
			const { value } = parseFilter(filter, ['userName']);
			const member = this.org.findMemberByEmail(value);
			matching = member ? [member] : [];
		}
		return this.listResponse(ctx, matching, (member) => this.toUser(member));
	}

	private getUser(id: string): Reply {
		return scimReply(this.toUser(this.requireUser(id)));
	}

	private requireUser(id: string): Member {
		const member = this.org.getMember(id);
		if (!member) throw new ScimError(404, `User ${id} not found`);
		return member;
	}

	private checkUserType(userType: string): void {
		if (!this.org.findAccountType(userType)) {
			throw invalidValue(
				`userType "${userType}" is not an account type; valid types (case-sensitive): ` +
					this.org.accountTypeNames().join(', '),
			);
		}
	}

	private checkUserName(userName: string, self?: Member): void {
		if (!isValidEmail(userName)) throw invalidValue(`userName must be an email: ${userName}`);
		const other = this.org.findMemberByEmail(userName);
		if (other && other !== self) {
			throw new ScimError(409, `A user with userName ${userName} already exists`, 'uniqueness');
		}
	}

	private draftFromResource(body: Record<string, unknown>, current?: Member): UserDraft {
		if (typeof body.userName !== 'string' || body.userName === '') {
			throw invalidValue('userName is required');
		}
		const name = isRecord(body.name) ? body.name : {};
		return {
			userName: body.userName,
			givenName: name.givenName === undefined ? '' : toText(name.givenName, 'name.givenName'),
			familyName: name.familyName === undefined ? '' : toText(name.familyName, 'name.familyName'),
			userType:
				body.userType === undefined
					? (current?.memberType ?? DEFAULT_MEMBER_TYPE)
					: toText(body.userType, 'userType'),
			active: body.active === undefined ? true : toBoolean(body.active, 'active'),
		};
	}

	private createUser(ctx: RequestContext): Reply {
		const draft = this.draftFromResource(readBody(ctx));
		this.checkUserType(draft.userType);
		this.checkUserName(draft.userName);
		const member = this.org.addMember({
			email: draft.userName,
			firstName: draft.givenName,
			lastName: draft.familyName,
			memberType: draft.userType,
			isInactive: !draft.active,
		});
		const user = this.toUser(member);
		return scimReply(user, 201, {
			Location: `${this.settings().scimUrl}/Users/${member.memberId}`,
		});
	}

	private commitUser(member: Member, draft: UserDraft): Reply {
		this.checkUserType(draft.userType);
		this.checkUserName(draft.userName, member);
		const patch: MemberPatch = {};
		if (draft.userName !== member.email) patch.email = draft.userName;
		if (draft.givenName !== member.firstName) patch.firstName = draft.givenName;
		if (draft.familyName !== member.lastName) patch.lastName = draft.familyName;
		if (draft.userType !== member.memberType) patch.memberType = draft.userType;
		if (draft.active === member.isInactive) patch.isInactive = !draft.active;
		return scimReply(this.toUser(this.org.updateMember(member.memberId, patch)));
	}

	private replaceUser(ctx: RequestContext, id: string): Reply {
		const member = this.requireUser(id);
		return this.commitUser(member, this.draftFromResource(readBody(ctx), member));
	}

	private patchUser(ctx: RequestContext, id: string): Reply {
		const member = this.requireUser(id);
		const operations = readOperations(readBody(ctx));
		const draft: UserDraft = {
			userName: member.email,
			givenName: member.firstName,
			familyName: member.lastName,
			userType: member.memberType,
			active: !member.isInactive,
		};
		for (const operation of operations) {
			if (operation.path === undefined) {
				if (operation.op === 'remove') throw new ScimError(400, 'remove needs a path', 'noTarget');
				applyUserObject(draft, operation.value);
			} else {
				applyUserValue(draft, operation.path, operation.value, operation.op === 'remove');
			}
		}
		return this.commitUser(member, draft);
	}

	private deleteUser(id: string): Reply {
		const member = this.requireUser(id);
		// Sigma never hard-deletes: a SCIM delete leaves the member archived and inactive.
		this.org.updateMember(member.memberId, { isArchived: true, isInactive: true });
		return { status: 204 };
	}

	private listGroups(ctx: RequestContext): Reply {
		const filter = ctx.query.get('filter');
		let matching = this.org.teams;
		if (filter !== null && filter.trim() !== '') {
			const { value } = parseFilter(filter, ['displayName']);
			const team = this.org.findTeamByName(value);
			matching = team ? [team] : [];
		}
		const withMembers = !this.excludesMembers(ctx);
		return this.listResponse(ctx, matching, (team) => this.toGroup(team, withMembers));
	}

	private excludesMembers(ctx: RequestContext): boolean {
		const excluded = (ctx.query.get('excludedAttributes') ?? '').toLowerCase().split(',');
		return excluded.some((name) => name.trim() === 'members');
	}

	private requireGroup(id: string): Team {
		const team = this.org.getTeam(id);
		if (!team) throw new ScimError(404, `Group ${id} not found`);
		return team;
	}

	private getGroup(ctx: RequestContext, id: string): Reply {
		return scimReply(this.toGroup(this.requireGroup(id), !this.excludesMembers(ctx)));
	}

	private groupDraft(body: Record<string, unknown>): GroupDraft {
		if (typeof body.displayName !== 'string' || body.displayName.trim() === '') {
			throw invalidValue('displayName is required');
		}
		const members = body.members === undefined ? [] : memberValues(body.members);
		return { displayName: body.displayName, members: new Set(members) };
	}

	private commitGroup(team: Team, draft: GroupDraft): Team {
		for (const memberId of draft.members) {
			if (!this.org.getMember(memberId)) throw invalidValue(`Member ${memberId} is not found`);
		}
		const other = this.org.findTeamByName(draft.displayName);
		if (other && other !== team) {
			throw new ScimError(409, `A group named ${draft.displayName} already exists`, 'uniqueness');
		}
		if (draft.displayName !== team.name) {
			this.org.updateTeam(team.teamId, { name: draft.displayName });
		}
		const current = this.org.teamMembers(team.teamId).map(({ userId }) => userId);
		const removed = current.filter((memberId) => !draft.members.has(memberId));
		const currentSet = new Set(current);
		const added = [...draft.members].filter((memberId) => !currentSet.has(memberId));
		// Identity providers may assign inactive users to groups; REST refuses that, SCIM does not.
		if (added.length > 0) this.org.addTeamMembers(team.teamId, added, { requireActive: false });
		if (removed.length > 0) {
			this.org.removeTeamMembers(team.teamId, removed, { requireActive: false });
		}
		return team;
	}

	private createGroup(ctx: RequestContext): Reply {
		const draft = this.groupDraft(readBody(ctx));
		for (const memberId of draft.members) {
			if (!this.org.getMember(memberId)) throw invalidValue(`Member ${memberId} is not found`);
		}
		if (this.org.findTeamByName(draft.displayName)) {
			throw new ScimError(409, `A group named ${draft.displayName} already exists`, 'uniqueness');
		}
		const team = this.commitGroup(this.org.addTeam({ name: draft.displayName }), draft);
		return scimReply(this.toGroup(team), 201, {
			Location: `${this.settings().scimUrl}/Groups/${team.teamId}`,
		});
	}

	private replaceGroup(ctx: RequestContext, id: string): Reply {
		const team = this.requireGroup(id);
		return scimReply(this.toGroup(this.commitGroup(team, this.groupDraft(readBody(ctx)))));
	}

	private patchGroup(ctx: RequestContext, id: string): Reply {
		const team = this.requireGroup(id);
		const operations = readOperations(readBody(ctx));
		const draft: GroupDraft = {
			displayName: team.name,
			members: new Set(this.org.teamMembers(team.teamId).map(({ userId }) => userId)),
		};
		for (const operation of operations) applyGroupOperation(draft, operation);
		return scimReply(this.toGroup(this.commitGroup(team, draft)));
	}

	private deleteGroup(id: string): Reply {
		this.org.deleteTeam(this.requireGroup(id).teamId);
		return { status: 204 };
	}

	private serviceProviderConfig(): Reply {
		return scimReply({
			schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
			patch: { supported: true },
			bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
			filter: { supported: true, maxResults: this.settings().maxScimCount },
			changePassword: { supported: false },
			sort: { supported: false },
			etag: { supported: false },
			authenticationSchemes: [
				{
					type: 'oauthbearertoken',
					name: 'OAuth Bearer Token',
					description: 'Static bearer token',
				},
			],
		});
	}
}

const MEMBER_FILTER_PATH = /^members\s*\[(.*)\]$/i;

function applyGroupOperation(draft: GroupDraft, operation: PatchOperation): void {
	const path = operation.path === undefined ? undefined : normalizePath(operation.path);
	if (path === undefined) {
		if (operation.op === 'remove') throw new ScimError(400, 'remove needs a path', 'noTarget');
		if (!isRecord(operation.value)) {
			throw invalidValue('An operation without a path needs an object value');
		}
		for (const [key, value] of Object.entries(operation.value)) {
			applyGroupOperation(draft, { op: operation.op, path: key, value });
		}
		return;
	}
	if (path === 'displayname') {
		if (operation.op === 'remove') throw invalidValue('displayName cannot be removed');
		const name = toText(operation.value, 'displayName');
		if (name.trim() === '') throw invalidValue('displayName must not be empty');
		draft.displayName = name;
		return;
	}
	if (path === 'members') {
		if (operation.op === 'remove') {
			if (operation.value === undefined) draft.members.clear();
			else for (const memberId of memberValues(operation.value)) draft.members.delete(memberId);
			return;
		}
		const values = memberValues(operation.value);
		if (operation.op === 'replace') draft.members.clear();
		for (const memberId of values) draft.members.add(memberId);
		return;
	}
	const filtered = MEMBER_FILTER_PATH.exec(operation.path ?? '');
	if (filtered?.[1] !== undefined && operation.op === 'remove') {
		const { value } = parseFilter(filtered[1], ['value']);
		draft.members.delete(value);
		return;
	}
	throw new ScimError(400, `Unsupported path: ${operation.path ?? ''}`, 'invalidPath');
}
