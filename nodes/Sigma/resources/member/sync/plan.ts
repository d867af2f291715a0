import type { SigmaMember } from '../../../shared/members';

/**
 * The sync planner: from the people a list says should be in Sigma and what Sigma holds now, the
 * changes that make Sigma match. It sends nothing and knows nothing of n8n, so every rule of the
 * sync (scope, owner, SCIM, teams, leavers) is decided here and tested on its own.
 */

export const SYNC_ACTIONS = [
	'create',
	'update',
	'reactivate',
	'deactivate',
	'teamAdd',
	'teamRemove',
	'unchanged',
	'skipped',
] as const;

export type SyncAction = (typeof SYNC_ACTIONS)[number];

/** One input item: a person who should be an active member. */
export interface Person {
	itemIndex: number;
	email: string;
	firstName?: string;
	lastName?: string;
	memberType?: string;
	/** Team names or IDs; undefined when the sync manages no teams. */
	teams?: string[];
}

/** Which members the sync manages; an empty list does not restrict. */
export interface Scope {
	/** Lower case, without "@". */
	emailDomains: string[];
	accountTypes: string[];
	userKinds: string[];
}

export type DeactivationLimit = { count: number } | { percent: number };

/** A team the sync may add people to and remove them from, with its current members. */
export interface ManagedTeam {
	teamId: string;
	name: string;
	memberIds: ReadonlySet<string>;
}

export interface PlanInput {
	people: readonly Person[];
	/** Emails (lower case) of input items that failed validation: their members are left alone. */
	heldBack: ReadonlySet<string>;
	/** Every member, deactivated and SCIM-inactive ones included. */
	members: readonly SigmaMember[];
	/** The member who owns the API credentials. */
	ownerId: string;
	/** Undefined when the sync manages no teams. */
	managedTeams?: readonly ManagedTeam[];
	deactivateMissing: boolean;
	scope: Scope;
	maxDeactivations: DeactivationLimit;
}

export type ChangeValue = string | boolean | null;

export interface FieldChange {
	field: string;
	previous: ChangeValue;
	current: ChangeValue;
}

export interface PlanEntry {
	action: SyncAction;
	email: string;
	/** Unknown until a member is created. */
	memberId?: string;
	/** The input item; undefined for members missing from the input. */
	itemIndex?: number;
	changes?: FieldChange[];
	teamId?: string;
	teamName?: string;
	reason?: string;
}

/** A person the plan cannot include, with what to fix. */
export interface Unplannable {
	itemIndex: number;
	message: string;
}

export interface SyncPlan {
	entries: PlanEntry[];
	unplannable: Unplannable[];
	/** Active members in scope, the owner excepted: what a percentage limit is taken of. */
	managedMembers: number;
	/** How many deactivations the limit allows. */
	deactivationLimit: number;
	counts: Record<SyncAction, number>;
}

const COMPARED_FIELDS = ['firstName', 'lastName', 'memberType'] as const;

const NAME_FIELDS = [
	['firstName', 'first name'],
	['lastName', 'last name'],
] as const;

const OWNER_REASON =
	'This member owns the API credentials; a sync never changes or deactivates them.';

const SCIM_REASON =
	'This member was deactivated through SCIM: ' +
	'your identity provider manages them, so reactivate them there.';

export function planSync(input: PlanInput): SyncPlan {
	const byEmail = new Map<string, SigmaMember>();
	for (const member of input.members) byEmail.set(member.email.toLowerCase(), member);
	const teams = teamMatcher(input.managedTeams);

	const entries: PlanEntry[] = [];
	const unplannable: Unplannable[] = [];
	const listed = new Set<SigmaMember>();

	for (const person of input.people) {
		const member = byEmail.get(person.email.toLowerCase());
		if (member) {
			listed.add(member);
			planExisting(entries, person, member, input, teams);
			continue;
		}
		const missing = NAME_FIELDS.filter(([field]) => !person[field]).map(([, label]) => label);
		if (missing.length > 0) {
			unplannable.push({
				itemIndex: person.itemIndex,
				message:
					`"${person.email}" is not in Sigma yet, and creating a member needs ` +
					`a first and a last name, but the item has no ${missing.join(' and no ')}; ` +
					'fill it in the list, or map the field that holds it in Input Fields',
			});
			continue;
		}
		planNew(entries, person, input, teams);
	}

	let managedMembers = 0;
	for (const [key, member] of byEmail) {
		if (!isActive(member) || member.memberId === input.ownerId) continue;
		if (scopeProblem(member, input.scope) !== undefined) continue;
		managedMembers++;
		if (!input.deactivateMissing || listed.has(member) || input.heldBack.has(key)) continue;
		entries.push({
			action: 'deactivate',
			email: member.email,
			memberId: member.memberId,
			changes: [{ field: 'isArchived', previous: false, current: true }],
		});
	}

	return {
		entries,
		unplannable,
		managedMembers,
		deactivationLimit: allowedDeactivations(input.maxDeactivations, managedMembers),
		counts: countActions(entries),
	};
}

function planExisting(
	entries: PlanEntry[],
	person: Person,
	member: SigmaMember,
	input: PlanInput,
	teams: TeamMatcher,
): void {
	const entry = (action: SyncAction): PlanEntry => ({
		action,
		email: member.email,
		memberId: member.memberId,
		itemIndex: person.itemIndex,
	});
	const reason = whySkipped(person, member, input);
	if (reason !== undefined) {
		entries.push({ ...entry('skipped'), reason });
		return;
	}

	const changes: FieldChange[] = [];
	for (const field of COMPARED_FIELDS) {
		const wanted = person[field];
		if (wanted !== undefined && member[field] !== wanted) {
			changes.push({ field, previous: member[field] ?? null, current: wanted });
		}
	}

	const before = entries.length;
	if (member.isArchived) {
		changes.unshift({ field: 'isArchived', previous: true, current: false });
		entries.push({ ...entry('reactivate'), changes });
	} else if (changes.length > 0) {
		entries.push({ ...entry('update'), changes });
	}
	for (const { team, present } of teams.changes(person, member.memberId)) {
		entries.push({
			...entry(present ? 'teamRemove' : 'teamAdd'),
			teamId: team.teamId,
			teamName: team.name,
		});
	}
	if (entries.length === before) entries.push(entry('unchanged'));
}

/** Why the sync leaves a listed member alone, or undefined when it manages them. */
function whySkipped(person: Person, member: SigmaMember, input: PlanInput): string | undefined {
	if (member.memberId === input.ownerId) return OWNER_REASON;
	if (member.isInactive) return SCIM_REASON;
	const outside = scopeProblem(member, input.scope);
	if (outside !== undefined) return `Out of scope: ${outside}.`;
	if (person.memberType === undefined || person.memberType === member.memberType) return undefined;
	const after = scopeProblem(
		{ email: member.email, memberType: person.memberType, userKind: member.userKind },
		input.scope,
	);
	return after === undefined
		? undefined
		: `The change would move this member out of scope: ${after}.`;
}

function planNew(entries: PlanEntry[], person: Person, input: PlanInput, teams: TeamMatcher) {
	const base = { email: person.email, itemIndex: person.itemIndex };
	const outside = scopeProblem(
		{ email: person.email, memberType: person.memberType, userKind: 'internal' },
		input.scope,
	);
	if (outside !== undefined) {
		entries.push({ action: 'skipped', ...base, reason: `Not created, out of scope: ${outside}.` });
		return;
	}

	const changes: FieldChange[] = [
		{ field: 'firstName', previous: null, current: person.firstName ?? null },
		{ field: 'lastName', previous: null, current: person.lastName ?? null },
	];
	if (person.memberType !== undefined) {
		changes.push({ field: 'memberType', previous: null, current: person.memberType });
	}
	entries.push({ action: 'create', ...base, changes });
	for (const { team } of teams.changes(person, undefined)) {
		entries.push({ action: 'teamAdd', ...base, teamId: team.teamId, teamName: team.name });
	}
}

interface TeamChange {
	team: ManagedTeam;
	/** In the team now, so the change removes them; else it adds them. */
	present: boolean;
}

interface TeamMatcher {
	/** The managed teams a person must join or leave, in the order of the managed teams. */
	changes(person: Person, memberId: string | undefined): readonly TeamChange[];
}

const NO_TEAMS: ReadonlySet<ManagedTeam> = new Set();
const NO_CHANGES: readonly TeamChange[] = [];

/**
 * A person's team values name managed teams by ID or by name (case-insensitive). Each member's
 * teams are indexed once, so a person costs their own teams rather than every managed team.
 */
function teamMatcher(managed: readonly ManagedTeam[] | undefined): TeamMatcher {
	const order = new Map<ManagedTeam, number>();
	const byKey = new Map<string, ManagedTeam>();
	const byMember = new Map<string, Set<ManagedTeam>>();
	for (const team of managed ?? []) {
		order.set(team, order.size);
		byKey.set(team.teamId, team);
		byKey.set(team.name.toLowerCase(), team);
		for (const memberId of team.memberIds) {
			const teams = byMember.get(memberId);
			if (teams) teams.add(team);
			else byMember.set(memberId, new Set([team]));
		}
	}
	return {
		changes(person, memberId) {
			if (order.size === 0) return NO_CHANGES;
			const wanted: ManagedTeam[] = [];
			for (const value of person.teams ?? []) {
				const found = byKey.get(value) ?? byKey.get(value.toLowerCase());
				if (found && !wanted.includes(found)) wanted.push(found);
			}
			const current = (memberId !== undefined && byMember.get(memberId)) || NO_TEAMS;
			let changes: TeamChange[] | undefined;
			for (const team of wanted) {
				if (!current.has(team)) (changes ??= []).push({ team, present: false });
			}
			for (const team of current) {
				if (!wanted.includes(team)) (changes ??= []).push({ team, present: true });
			}
			if (changes === undefined) return NO_CHANGES;
			return changes.sort((a, b) => (order.get(a.team) ?? 0) - (order.get(b.team) ?? 0));
		},
	};
}

function isActive(member: SigmaMember): boolean {
	return !member.isArchived && !member.isInactive;
}

/** Why a member (or a person about to become one) is outside the scope; undefined if inside. */
export function scopeProblem(
	member: { email: string; memberType?: string; userKind?: string },
	scope: Scope,
): string | undefined {
	if (scope.emailDomains.length > 0) {
		const domain = member.email.slice(member.email.lastIndexOf('@') + 1).toLowerCase();
		if (!scope.emailDomains.includes(domain)) {
			return `the email domain "${domain}" is not in Scope > Email Domains`;
		}
	}
	if (scope.accountTypes.length > 0) {
		if (member.memberType === undefined) {
			return 'the item gives no account type, and Scope > Account Types is set';
		}
		if (!scope.accountTypes.includes(member.memberType)) {
			return `the account type "${member.memberType}" is not in Scope > Account Types`;
		}
	}
	const userKind = member.userKind ?? 'internal';
	if (scope.userKinds.length > 0 && !scope.userKinds.includes(userKind)) {
		return `the user kind "${userKind}" is not in Scope > User Kinds`;
	}
	return undefined;
}

export function allowedDeactivations(limit: DeactivationLimit, managedMembers: number): number {
	if ('count' in limit) return limit.count;
	return Math.floor((managedMembers * limit.percent) / 100);
}

/** `10` (a count) or `5%` (of the managed members); undefined when the value is neither. */
export function parseDeactivationLimit(value: unknown): DeactivationLimit | undefined {
	if (typeof value === 'number') {
		return Number.isInteger(value) && value >= 0 ? { count: value } : undefined;
	}
	if (typeof value !== 'string') return undefined;
	const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
	if (!match) return undefined;
	const amount = Number(match[1]);
	if (match[2] === '%') return amount <= 100 ? { percent: amount } : undefined;
	return Number.isInteger(amount) ? { count: amount } : undefined;
}

/** "example.com, @example.org" -> ['example.com', 'example.org']. */
export function parseEmailDomains(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(/[\s,;]+/)
		.map((domain) => domain.trim().replace(/^@/, '').toLowerCase())
		.filter((domain) => domain !== '');
}

/**
 * Managed team values (IDs or names, case-insensitive) against the organization's teams.
 * Returns the teams found once each, in the order given, and the values that match none.
 */
export function resolveTeams(
	values: readonly string[],
	teams: ReadonlyArray<{ teamId: string; name: string }>,
): { found: Array<{ teamId: string; name: string }>; unknown: string[] } {
	const byId = new Map(teams.map((team) => [team.teamId, team]));
	const byName = new Map<string, { teamId: string; name: string }>();
	for (const team of teams) {
		const key = team.name.toLowerCase();
		if (!byName.has(key)) byName.set(key, team);
	}
	const found = new Map<string, { teamId: string; name: string }>();
	const unknown: string[] = [];
	for (const value of values) {
		const team = byId.get(value) ?? byName.get(value.toLowerCase());
		if (team) found.set(team.teamId, { teamId: team.teamId, name: team.name });
		else unknown.push(value);
	}
	return { found: [...found.values()], unknown };
}

export function countActions(entries: readonly PlanEntry[]): Record<SyncAction, number> {
	const counts = Object.fromEntries(SYNC_ACTIONS.map((action) => [action, 0])) as Record<
		SyncAction,
		number
	>;
	for (const entry of entries) counts[entry.action]++;
	return counts;
}
