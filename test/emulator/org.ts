import { createRandom, randomId, type Random } from './random';

export type UserKind = 'internal' | 'guest' | 'embed';
export type TeamVisibility = 'public' | 'private';

export const USER_KINDS: readonly UserKind[] = ['internal', 'guest', 'embed'];
export const TEAM_VISIBILITIES: readonly TeamVisibility[] = ['public', 'private'];
export const DEFAULT_MEMBER_TYPE = 'View';
export const OWNER_EMAIL = 'owner@example.com';

/** A Sigma member with exactly the fields Sigma returns. */
export interface Member {
	organizationId: string;
	memberId: string;
	memberType: string;
	firstName: string;
	lastName: string;
	email: string;
	profileImgUrl: string | null;
	createdBy: string;
	updatedBy: string;
	createdAt: string;
	updatedAt: string;
	homeFolderId: string;
	userKind: UserKind;
	isArchived: boolean;
	isInactive: boolean;
}

/** A Sigma team with exactly the fields Sigma returns; its members are kept by the Org. */
export interface Team {
	teamId: string;
	name: string;
	description: string | null;
	visibility: TeamVisibility;
	createdBy: string;
	updatedBy: string;
	createdAt: string;
	updatedAt: string;
	isArchived: boolean;
}

export interface TeamMembership {
	userId: string;
	isTeamAdmin: boolean;
	addedBy: string;
}

export interface AccountType {
	accountTypeId: string;
	accountTypeName: string;
	description: string;
	isCustom: boolean;
}

/** Documents of `from` were handed to `to` when `from` was deactivated. */
export interface Handoff {
	from: string;
	to: string;
}

export interface NewMember {
	email: string;
	firstName?: string;
	lastName?: string;
	memberType?: string;
	userKind?: UserKind;
	profileImgUrl?: string | null;
	isArchived?: boolean;
	isInactive?: boolean;
	createdBy?: string;
	createdAt?: string;
	updatedAt?: string;
}

export interface MemberPatch {
	memberType?: string;
	firstName?: string;
	lastName?: string;
	email?: string;
	profileImgUrl?: string | null;
	userKind?: UserKind;
	isArchived?: boolean;
	isInactive?: boolean;
	/** Receives the documents when this patch archives the member; defaults to the owner. */
	newOwnerId?: string;
}

export interface NewTeam {
	name: string;
	description?: string | null;
	visibility?: TeamVisibility;
	members?: readonly string[];
	/** Members (from `members`) who join as team admins. */
	teamAdmins?: readonly string[];
	createdBy?: string;
	createdAt?: string;
	updatedAt?: string;
}

export interface TeamPatch {
	name?: string;
	description?: string | null;
	visibility?: TeamVisibility;
}

export interface AddTeamMembersOptions {
	isTeamAdmin?: boolean;
	addedBy?: string;
}

export type OrgErrorKind = 'not_found' | 'conflict' | 'invalid';

/** A rule of Sigma's data model was broken; the HTTP layers map `kind` to a status. */
export class OrgError extends Error {
	constructor(
		readonly kind: OrgErrorKind,
		message: string,
	) {
		super(message);
		this.name = 'OrgError';
	}
}

/** Team state with the insertion sequence that cursors are built on. */
export interface TeamRecord {
	readonly seq: number;
	readonly team: Team;
}

export interface MembershipRecord extends TeamMembership {
	readonly seq: number;
}

interface TeamState extends TeamRecord {
	readonly memberships: Map<string, MembershipRecord>;
}

const DEFAULT_ACCOUNT_TYPES: ReadonlyArray<[string, string]> = [
	['View', 'Views and interacts with published workbooks'],
	['Act', 'Views workbooks and edits input tables and actions'],
	['Analyze', 'Explores data and saves personal analyses'],
	['Build', 'Creates workbooks, data models and connections'],
	['Admin', 'Manages the organization, its members and its settings'],
];

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value);
}

export interface OrgOptions {
	seed?: number;
}

/**
 * The state of one Sigma organization. Tests may call its methods directly: they apply the same
 * rules as the HTTP routes but leave no entry in the request log.
 */
export class Org {
	readonly organizationId: string;
	readonly owner: Member;
	readonly handoffs: Handoff[] = [];
	/** Emails of created members that were sent an invitation. */
	readonly invitesSent: string[] = [];

	private readonly ids: Random;
	private readonly memberList: Member[] = [];
	private readonly membersById = new Map<string, Member>();
	private readonly membersByEmail = new Map<string, Member>();
	private readonly teamList: TeamState[] = [];
	private readonly teamsById = new Map<string, TeamState>();
	private readonly accountTypeList: AccountType[] = [];
	private lastTimestamp = 0;
	private nextTeamSeq = 0;
	private nextMembershipSeq = 0;

	constructor(options: OrgOptions = {}) {
		this.ids = createRandom(((options.seed ?? 1) ^ 0x5eed1d5) >>> 0);
		this.organizationId = this.newId('o');
		for (const [name, description] of DEFAULT_ACCOUNT_TYPES) {
			this.accountTypeList.push({
				accountTypeId: this.newId('a'),
				accountTypeName: name,
				description,
				isCustom: false,
			});
		}
		const ownerCreatedAt = '2023-06-01T09:00:00.000Z';
		this.owner = this.addMember({
			email: OWNER_EMAIL,
			firstName: 'Olivia',
			lastName: 'Owner',
			memberType: 'Admin',
			createdAt: ownerCreatedAt,
		});
	}

	/** All members in creation order; members are never removed. */
	get members(): readonly Member[] {
		return this.memberList;
	}

	/** All teams in creation order (deleted teams are gone). */
	get teams(): readonly Team[] {
		return this.teamList.map((state) => state.team);
	}

	get accountTypes(): readonly AccountType[] {
		return this.accountTypeList;
	}

	/** ISO timestamp that is strictly later than any earlier one, so every change moves updatedAt. */
	now(): string {
		const ms = Math.max(Date.now(), this.lastTimestamp + 1);
		this.lastTimestamp = ms;
		return new Date(ms).toISOString();
	}

	getMember(memberId: string): Member | undefined {
		return this.membersById.get(memberId);
	}

	findMemberByEmail(email: string): Member | undefined {
		return this.membersByEmail.get(email.toLowerCase());
	}

	findAccountType(name: string): AccountType | undefined {
		return this.accountTypeList.find((type) => type.accountTypeName === name);
	}

	accountTypeNames(): string[] {
		return this.accountTypeList.map((type) => type.accountTypeName);
	}

	addAccountType(name: string, description = ''): AccountType {
		const lower = name.toLowerCase();
		if (this.accountTypeList.some((type) => type.accountTypeName.toLowerCase() === lower)) {
			throw new OrgError('conflict', 'Duplicate record');
		}
		const accountType = {
			accountTypeId: this.newId('a', (id) =>
				this.accountTypeList.some((t) => t.accountTypeId === id),
			),
			accountTypeName: name,
			description,
			isCustom: true,
		};
		this.accountTypeList.push(accountType);
		return accountType;
	}

	addMember(input: NewMember): Member {
		if (!isValidEmail(input.email)) throw new OrgError('invalid', `Invalid email: ${input.email}`);
		const emailKey = input.email.toLowerCase();
		if (this.membersByEmail.has(emailKey)) throw new OrgError('conflict', 'Duplicate record');
		const memberType = input.memberType ?? DEFAULT_MEMBER_TYPE;
		this.requireAccountType(memberType);

		const memberId = this.newId('m', (id) => this.membersById.has(id));
		const createdAt = input.createdAt ?? this.now();
		const creator = input.createdBy ?? this.ownerIdOr(memberId);
		const member: Member = {
			organizationId: this.organizationId,
			memberId,
			memberType,
			firstName: input.firstName ?? nameFromEmail(input.email, 0),
			lastName: input.lastName ?? nameFromEmail(input.email, 1),
			email: input.email,
			profileImgUrl: input.profileImgUrl ?? null,
			createdBy: creator,
			updatedBy: creator,
			createdAt,
			updatedAt: input.updatedAt ?? createdAt,
			homeFolderId: this.newId('f'),
			userKind: input.userKind ?? 'internal',
			isArchived: input.isArchived ?? false,
			isInactive: input.isInactive ?? false,
		};
		this.memberList.push(member);
		this.membersById.set(memberId, member);
		this.membersByEmail.set(emailKey, member);
		return member;
	}

	/**
	 * Applies a partial change; updatedAt moves only when a field really changes. Archiving
	 * through here hands documents off like Sigma does.
	 */
	updateMember(memberId: string, patch: MemberPatch, actorId?: string): Member {
		const member = this.requireMember(memberId);
		if (patch.memberType !== undefined) this.requireAccountType(patch.memberType);
		if (patch.email !== undefined) {
			if (!isValidEmail(patch.email))
				throw new OrgError('invalid', `Invalid email: ${patch.email}`);
			const other = this.findMemberByEmail(patch.email);
			if (other && other !== member) throw new OrgError('conflict', 'Duplicate record');
		}
		const archiving = patch.isArchived === true && !member.isArchived;
		const deactivating = archiving || (patch.isInactive === true && !member.isInactive);
		if (patch.newOwnerId !== undefined && patch.isArchived !== true) {
			throw new OrgError('invalid', 'newOwnerId is only allowed together with isArchived: true');
		}
		if (deactivating && member === this.owner) {
			throw new OrgError('invalid', 'The owner of the API credentials cannot be deactivated');
		}
		if (patch.newOwnerId !== undefined) this.requireNewOwner(patch.newOwnerId, member);

		const wasActive = !member.isArchived && !member.isInactive;
		const before = JSON.stringify(member);
		if (patch.email !== undefined) {
			this.membersByEmail.delete(member.email.toLowerCase());
			member.email = patch.email;
			this.membersByEmail.set(member.email.toLowerCase(), member);
		}
		if (patch.memberType !== undefined) member.memberType = patch.memberType;
		if (patch.firstName !== undefined) member.firstName = patch.firstName;
		if (patch.lastName !== undefined) member.lastName = patch.lastName;
		if (patch.profileImgUrl !== undefined) member.profileImgUrl = patch.profileImgUrl;
		if (patch.userKind !== undefined) member.userKind = patch.userKind;
		if (patch.isArchived !== undefined) member.isArchived = patch.isArchived;
		if (patch.isInactive !== undefined) member.isInactive = patch.isInactive;
		if (JSON.stringify(member) !== before) {
			member.updatedBy = actorId ?? this.owner.memberId;
			member.updatedAt = this.now();
		}

		if ((deactivating && wasActive) || (archiving && patch.newOwnerId !== undefined)) {
			this.handoffs.push({ from: memberId, to: patch.newOwnerId ?? this.owner.memberId });
		}
		return member;
	}

	archiveMember(memberId: string, newOwnerId?: string): Member {
		const patch: MemberPatch = { isArchived: true };
		if (newOwnerId !== undefined) patch.newOwnerId = newOwnerId;
		return this.updateMember(memberId, patch);
	}

	getTeam(teamId: string): Team | undefined {
		return this.teamsById.get(teamId)?.team;
	}

	findTeamByName(name: string): Team | undefined {
		const lower = name.toLowerCase();
		return this.teamList.find((state) => state.team.name.toLowerCase() === lower)?.team;
	}

	addTeam(input: NewTeam): Team {
		if (input.name.trim() === '') throw new OrgError('invalid', 'Team name must not be empty');
		if (this.findTeamByName(input.name)) throw new OrgError('conflict', 'Duplicate record');
		const memberIds = input.members ?? [];
		for (const id of memberIds) this.requireActiveMember(id);

		const createdAt = input.createdAt ?? this.now();
		const creator = input.createdBy ?? this.owner.memberId;
		const team: Team = {
			teamId: this.newId('t', (id) => this.teamsById.has(id)),
			name: input.name,
			description: input.description ?? null,
			visibility: input.visibility ?? 'private',
			createdBy: creator,
			updatedBy: creator,
			createdAt,
			updatedAt: input.updatedAt ?? createdAt,
			isArchived: false,
		};
		const state: TeamState = { seq: this.nextTeamSeq++, team, memberships: new Map() };
		this.teamList.push(state);
		this.teamsById.set(team.teamId, state);
		const admins = new Set(input.teamAdmins ?? []);
		for (const id of memberIds) this.join(state, id, admins.has(id), creator);
		return team;
	}

	updateTeam(teamId: string, patch: TeamPatch, actorId?: string): Team {
		const { team } = this.requireTeam(teamId);
		if (patch.name !== undefined) {
			if (patch.name.trim() === '') throw new OrgError('invalid', 'Team name must not be empty');
			const other = this.findTeamByName(patch.name);
			if (other && other !== team) throw new OrgError('conflict', 'Duplicate record');
			team.name = patch.name;
		}
		if (patch.description !== undefined) team.description = patch.description;
		if (patch.visibility !== undefined) team.visibility = patch.visibility;
		this.touchTeam(team, actorId);
		return team;
	}

	deleteTeam(teamId: string): void {
		const state = this.requireTeam(teamId);
		this.teamsById.delete(teamId);
		this.teamList.splice(this.teamList.indexOf(state), 1);
	}

	/**
	 * Adds members to a team; members already in it are left unchanged. With `requireActive`
	 * (the REST rule) archived or inactive members are refused; SCIM may add any member.
	 */
	addTeamMembers(
		teamId: string,
		memberIds: readonly string[],
		options: AddTeamMembersOptions & { requireActive?: boolean } = {},
	): void {
		const state = this.requireTeam(teamId);
		for (const id of memberIds) {
			if (options.requireActive === false) this.requireMember(id);
			else this.requireActiveMember(id);
		}
		const addedBy = options.addedBy ?? this.owner.memberId;
		let changed = false;
		for (const id of memberIds) {
			changed = this.join(state, id, options.isTeamAdmin ?? false, addedBy) || changed;
		}
		if (changed) this.touchTeam(state.team, addedBy);
	}

	/** Removes members from a team; ids that are not in the team are ignored. */
	removeTeamMembers(
		teamId: string,
		memberIds: readonly string[],
		options: { requireActive?: boolean; actorId?: string } = {},
	): void {
		const state = this.requireTeam(teamId);
		for (const id of memberIds) {
			if (options.requireActive === false) this.requireMember(id);
			else this.requireActiveMember(id);
		}
		let changed = false;
		for (const id of memberIds) {
			if (state.memberships.delete(id)) changed = true;
		}
		if (changed) this.touchTeam(state.team, options.actorId);
	}

	teamMembers(teamId: string): TeamMembership[] {
		return this.membershipRecords(teamId).map(({ userId, isTeamAdmin, addedBy }) => ({
			userId,
			isTeamAdmin,
			addedBy,
		}));
	}

	/** Teams of a member in team creation order; costs one lookup per team, no reverse index. */
	memberTeams(memberId: string): Team[] {
		this.requireMember(memberId);
		return this.teamList
			.filter((state) => state.memberships.has(memberId))
			.map((state) => state.team);
	}

	/** Teams with their sequence numbers, in creation order (for cursors). */
	teamRecords(): readonly TeamRecord[] {
		return this.teamList;
	}

	/** Memberships of a team with their sequence numbers, in order of joining (for cursors). */
	membershipRecords(teamId: string): MembershipRecord[] {
		return Array.from(this.requireTeam(teamId).memberships.values());
	}

	requireMember(memberId: string): Member {
		const member = this.membersById.get(memberId);
		if (!member) throw new OrgError('not_found', `Member ${memberId} is not found`);
		return member;
	}

	requireTeamById(teamId: string): Team {
		return this.requireTeam(teamId).team;
	}

	private requireTeam(teamId: string): TeamState {
		const state = this.teamsById.get(teamId);
		if (!state) throw new OrgError('not_found', `Team ${teamId} is not found`);
		return state;
	}

	private requireActiveMember(memberId: string): Member {
		const member = this.membersById.get(memberId);
		if (!member) throw new OrgError('invalid', `Member ${memberId} is not found`);
		if (member.isArchived) throw new OrgError('invalid', `Member ${memberId} is archived`);
		if (member.isInactive) throw new OrgError('invalid', `Member ${memberId} is inactive`);
		return member;
	}

	private requireNewOwner(newOwnerId: string, member: Member): void {
		const newOwner = this.membersById.get(newOwnerId);
		if (!newOwner) throw new OrgError('invalid', `newOwnerId ${newOwnerId} is not a member`);
		if (newOwner === member) {
			throw new OrgError('invalid', 'newOwnerId must differ from the member being deactivated');
		}
		if (newOwner.isArchived || newOwner.isInactive) {
			throw new OrgError('invalid', `newOwnerId ${newOwnerId} is not an active member`);
		}
	}

	private requireAccountType(name: string): void {
		if (!this.findAccountType(name)) {
			throw new OrgError('not_found', 'Member type name is not found');
		}
	}

	private join(state: TeamState, memberId: string, isTeamAdmin: boolean, addedBy: string): boolean {
		if (state.memberships.has(memberId)) return false;
		state.memberships.set(memberId, {
			seq: this.nextMembershipSeq++,
			userId: memberId,
			isTeamAdmin,
			addedBy,
		});
		return true;
	}

	private touchTeam(team: Team, actorId?: string): void {
		team.updatedBy = actorId ?? this.owner.memberId;
		team.updatedAt = this.now();
	}

	private ownerIdOr(fallback: string): string {
		// The owner is created inside the constructor, before `this.owner` is assigned.
		return (this.owner as Member | undefined)?.memberId ?? fallback;
	}

	/** A fresh ID; `taken` guards the IDs that are looked up (10 base-36 chars rarely collide). */
	private newId(prefix: string, taken?: (id: string) => boolean): string {
		let id = randomId(this.ids, prefix);
		while (taken?.(id)) id = randomId(this.ids, prefix);
		return id;
	}
}

/** 'ann.lee@x.com' gives 'Ann' (part 0) and 'Lee' (part 1), for members added without names. */
function nameFromEmail(email: string, part: number): string {
	const word = email.split('@')[0]?.split('.')[part] ?? '';
	return word.charAt(0).toUpperCase() + word.slice(1);
}
