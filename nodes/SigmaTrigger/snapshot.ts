/** Member fields the trigger keeps for every member, and on which it can report changes. */
export const MEMBER_FIELDS = [
	'email',
	'firstName',
	'lastName',
	'memberType',
	'userKind',
	'isArchived',
	'isInactive',
] as const;

export type MemberField = (typeof MEMBER_FIELDS)[number];

/** `teams` is watched when the trigger includes team membership. */
export type WatchedField = MemberField | 'teams';

/** What the trigger remembers of a member from one poll to the next. */
export interface MemberState {
	memberId: string;
	email: string;
	firstName: string;
	lastName: string;
	memberType: string;
	userKind: string;
	isArchived: boolean;
	isInactive: boolean;
	/** Sorted team IDs; present only when team membership is watched. */
	teams?: string[];
}

function text(value: unknown): string {
	return value === null || value === undefined ? '' : String(value);
}

/** What is kept of a member record from Sigma; an absent field is kept as '' or false. */
export function memberState(record: Record<string, unknown>, teams?: string[]): MemberState {
	const state: MemberState = {
		memberId: text(record.memberId),
		email: text(record.email),
		firstName: text(record.firstName),
		lastName: text(record.lastName),
		memberType: text(record.memberType),
		userKind: text(record.userKind),
		isArchived: record.isArchived === true,
		isInactive: record.isInactive === true,
	};
	if (teams) state.teams = teams;
	return state;
}

/**
 * A member list as stored in the workflow's static data. Each field is one array, so no key name
 * repeats per member; account types, user kinds and email domains are indexes into small
 * dictionaries, packed with the two flags into one number per member:
 * `((domain * types.length + type) * kinds.length + kind) * 4 + isArchived + 2 * isInactive`.
 */
export interface StoredSnapshot {
	v: 1;
	/** The settings the list was taken with; other settings mean another list. */
	fp: string;
	types: string[];
	kinds: string[];
	/** Email domains with their '@', e.g. '@example.com'; '' for an email without one. */
	domains: string[];
	ids: string[];
	/** Emails without their domain. */
	locals: string[];
	firsts: string[];
	lasts: string[];
	codes: number[];
	/** With teams: the team IDs, and per member its indexes into them (base 36, '.'-joined). */
	teamIds?: string[];
	teams?: string[];
}

/** Which fields a comparison looks at, as flags, so that each member costs no lookups by name. */
export interface WatchSet {
	email: boolean;
	firstName: boolean;
	lastName: boolean;
	memberType: boolean;
	userKind: boolean;
	isArchived: boolean;
	isInactive: boolean;
	teams: boolean;
}

export function watchSet(watched: readonly WatchedField[]): WatchSet {
	const on = new Set(watched);
	return {
		email: on.has('email'),
		firstName: on.has('firstName'),
		lastName: on.has('lastName'),
		memberType: on.has('memberType'),
		userKind: on.has('userKind'),
		isArchived: on.has('isArchived'),
		isInactive: on.has('isInactive'),
		teams: on.has('teams'),
	};
}

class Dictionary {
	readonly values: string[] = [];

	private readonly indexes = new Map<string, number>();

	private last: string | undefined;

	private lastIndex = 0;

	indexOf(value: string): number {
		// Neighbouring members mostly share a domain and a user kind: skip the lookup for those.
		if (value === this.last) return this.lastIndex;
		let index = this.indexes.get(value);
		if (index === undefined) {
			index = this.values.length;
			this.values.push(value);
			this.indexes.set(value, index);
		}
		this.last = value;
		this.lastIndex = index;
		return index;
	}
}

/**
 * The member list as the JSON text of a StoredSnapshot. Text rather than an object because n8n
 * wraps every object and array in static data in an observing Proxy: reading 100,000 array entries
 * through it costs many times more than parsing one string.
 */
export function encodeSnapshot(
	fingerprint: string,
	members: readonly MemberState[],
	withTeams: boolean,
): string {
	const types = new Dictionary();
	const kinds = new Dictionary();
	const domains = new Dictionary();
	const teamIds = new Dictionary();
	const count = members.length;
	const ids = new Array<string>(count);
	const locals = new Array<string>(count);
	const firsts = new Array<string>(count);
	const lasts = new Array<string>(count);
	const domainOf = new Uint32Array(count);
	const typeOf = new Uint32Array(count);
	const kindOf = new Uint32Array(count);
	const teams = withTeams ? new Array<string>(count) : undefined;

	for (let i = 0; i < count; i++) {
		const member = members[i];
		const at = member.email.lastIndexOf('@');
		ids[i] = member.memberId;
		locals[i] = at < 0 ? member.email : member.email.slice(0, at);
		firsts[i] = member.firstName;
		lasts[i] = member.lastName;
		domainOf[i] = domains.indexOf(at < 0 ? '' : member.email.slice(at));
		typeOf[i] = types.indexOf(member.memberType);
		kindOf[i] = kinds.indexOf(member.userKind);
		if (teams) {
			let list = '';
			for (const id of member.teams ?? []) {
				const key = teamIds.indexOf(id).toString(36);
				list = list === '' ? key : `${list}.${key}`;
			}
			teams[i] = list;
		}
	}

	// The packing depends on the dictionary sizes, which are final only now.
	const typeCount = types.values.length;
	const kindCount = kinds.values.length;
	const codes = new Array<number>(count);
	for (let i = 0; i < count; i++) {
		const member = members[i];
		const flags = (member.isArchived ? 1 : 0) + (member.isInactive ? 2 : 0);
		codes[i] = ((domainOf[i] * typeCount + typeOf[i]) * kindCount + kindOf[i]) * 4 + flags;
	}

	const snapshot: StoredSnapshot = {
		v: 1,
		fp: fingerprint,
		types: types.values,
		kinds: kinds.values,
		domains: domains.values,
		ids,
		locals,
		firsts,
		lasts,
		codes,
	};
	if (teams) {
		snapshot.teamIds = teamIds.values;
		snapshot.teams = teams;
	}
	return JSON.stringify(snapshot);
}

function isStringArray(value: unknown, length?: number): value is string[] {
	if (!Array.isArray(value) || (length !== undefined && value.length !== length)) return false;
	for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
	return true;
}

function parse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		// Not JSON: the caller takes a new baseline, as for any unreadable snapshot.
		return undefined;
	}
}

const DOT = 46;

/**
 * Reads a '.'-joined base-36 list of team indexes into `into`, without building strings; returns
 * how many there are, or -1 when the list is malformed.
 */
function readTeamIndexes(list: string, into: number[]): number {
	if (list === '') return 0;
	let count = 0;
	let index = 0;
	let digits = 0;
	for (let i = 0; i <= list.length; i++) {
		const char = i < list.length ? list.charCodeAt(i) : DOT;
		if (char === DOT) {
			if (digits === 0) return -1;
			into[count++] = index;
			index = 0;
			digits = 0;
			continue;
		}
		const digit = char >= 48 && char <= 57 ? char - 48 : char >= 97 && char <= 122 ? char - 87 : -1;
		if (digit < 0) return -1;
		index = index * 36 + digit;
		digits++;
	}
	return count;
}

/** The columns of a readable snapshot, with its codes unpacked. */
interface Columns {
	types: string[];
	kinds: string[];
	domains: string[];
	ids: string[];
	locals: string[];
	firsts: string[];
	lasts: string[];
	domainOf: Uint32Array;
	typeOf: Uint32Array;
	kindOf: Uint32Array;
	flagsOf: Uint8Array;
	teamIds?: string[];
	teams?: string[];
}

function readColumns(value: unknown): { fingerprint: string; columns: Columns } | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const stored = value as Partial<StoredSnapshot>;
	if (stored.v !== 1 || typeof stored.fp !== 'string') return undefined;
	const { types, kinds, domains, ids, locals, firsts, lasts, codes, teamIds, teams } = stored;
	if (!isStringArray(types) || !isStringArray(kinds) || !isStringArray(domains)) return undefined;
	if (!isStringArray(ids)) return undefined;
	const count = ids.length;
	if (!isStringArray(locals, count) || !isStringArray(firsts, count)) return undefined;
	if (!isStringArray(lasts, count) || !Array.isArray(codes) || codes.length !== count) {
		return undefined;
	}
	if (count > 0 && (types.length === 0 || kinds.length === 0)) return undefined;

	const columns: Columns = {
		types,
		kinds,
		domains,
		ids,
		locals,
		firsts,
		lasts,
		domainOf: new Uint32Array(count),
		typeOf: new Uint32Array(count),
		kindOf: new Uint32Array(count),
		flagsOf: new Uint8Array(count),
	};
	for (let i = 0; i < count; i++) {
		const code: unknown = codes[i];
		if (typeof code !== 'number' || !Number.isSafeInteger(code) || code < 0) return undefined;
		let rest = Math.floor(code / 4);
		columns.flagsOf[i] = code % 4;
		columns.kindOf[i] = rest % kinds.length;
		rest = Math.floor(rest / kinds.length);
		columns.typeOf[i] = rest % types.length;
		const domain = Math.floor(rest / types.length);
		if (domain >= domains.length) return undefined;
		columns.domainOf[i] = domain;
	}

	if (teams !== undefined) {
		if (!isStringArray(teams, count) || !isStringArray(teamIds)) return undefined;
		const indexes: number[] = [];
		for (const list of teams) {
			const listed = readTeamIndexes(list, indexes);
			if (listed < 0) return undefined;
			for (let k = 0; k < listed; k++) if (indexes[k] >= teamIds.length) return undefined;
		}
		columns.teamIds = teamIds;
		columns.teams = teams;
	}
	return { fingerprint: stored.fp, columns };
}

/**
 * A member list stored by an earlier poll, read column by column: comparing a member with its
 * current state builds nothing, and a member's record is built only when it is reported.
 */
export class StoredMembers {
	/** Scratch space for the team indexes of one member. */
	private readonly indexes: number[] = [];

	private constructor(
		readonly fingerprint: string,
		private readonly columns: Columns,
	) {}

	/** Undefined when nothing is stored or it cannot be read whole: then a new baseline is taken. */
	static read(text: unknown): StoredMembers | undefined {
		if (typeof text !== 'string') return undefined;
		const read = readColumns(parse(text));
		return read && new StoredMembers(read.fingerprint, read.columns);
	}

	get size(): number {
		return this.columns.ids.length;
	}

	id(index: number): string {
		return this.columns.ids[index];
	}

	member(index: number): MemberState {
		const c = this.columns;
		const flags = c.flagsOf[index];
		const member: MemberState = {
			memberId: c.ids[index],
			email: c.locals[index] + c.domains[c.domainOf[index]],
			firstName: c.firsts[index],
			lastName: c.lasts[index],
			memberType: c.types[c.typeOf[index]],
			userKind: c.kinds[c.kindOf[index]],
			isArchived: flags % 2 === 1,
			isInactive: flags >= 2,
		};
		const { teams, teamIds } = c;
		if (teams && teamIds) {
			const count = readTeamIndexes(teams[index], this.indexes);
			member.teams = this.indexes.slice(0, count).map((team) => teamIds[team]);
		}
		return member;
	}

	/** The whole list, in stored order. */
	members(): MemberState[] {
		return Array.from({ length: this.size }, (_, index) => this.member(index));
	}

	/** Whether a watched field of the stored member differs from `current`. */
	differs(index: number, current: MemberState, watch: WatchSet): boolean {
		const c = this.columns;
		const flags = c.flagsOf[index];
		return (
			(watch.email && !this.sameEmail(index, current.email)) ||
			(watch.firstName && c.firsts[index] !== current.firstName) ||
			(watch.lastName && c.lasts[index] !== current.lastName) ||
			(watch.memberType && c.types[c.typeOf[index]] !== current.memberType) ||
			(watch.userKind && c.kinds[c.kindOf[index]] !== current.userKind) ||
			(watch.isArchived && (flags % 2 === 1) !== current.isArchived) ||
			(watch.isInactive && flags >= 2 !== current.isInactive) ||
			(watch.teams && !this.sameTeams(index, current.teams ?? []))
		);
	}

	private sameEmail(index: number, email: string): boolean {
		const local = this.columns.locals[index];
		const domain = this.columns.domains[this.columns.domainOf[index]];
		return (
			email.length === local.length + domain.length &&
			email.startsWith(local) &&
			email.endsWith(domain)
		);
	}

	/** Both lists hold sorted team IDs, so they are compared position by position. */
	private sameTeams(index: number, teams: readonly string[]): boolean {
		const { teamIds, teams: lists } = this.columns;
		if (!teamIds || !lists) return teams.length === 0;
		const count = readTeamIndexes(lists[index], this.indexes);
		if (count !== teams.length) return false;
		for (let k = 0; k < count; k++) if (teamIds[this.indexes[k]] !== teams[k]) return false;
		return true;
	}
}

/** A stored list read whole. */
export interface Snapshot {
	fingerprint: string;
	members: MemberState[];
}

/** Reads a stored list whole; undefined when nothing readable is stored. */
export function decodeSnapshot(text: unknown): Snapshot | undefined {
	const stored = StoredMembers.read(text);
	return stored && { fingerprint: stored.fingerprint, members: stored.members() };
}
