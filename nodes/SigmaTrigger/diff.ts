import type { IDataObject } from 'n8n-workflow';

import type { MemberField, MemberState, StoredMembers, WatchedField } from './snapshot';
import { memberState, watchSet } from './snapshot';

export type MemberEvent = 'memberAdded' | 'memberChanged' | 'memberRemoved';

export const MEMBER_EVENTS: readonly MemberEvent[] = [
	'memberAdded',
	'memberChanged',
	'memberRemoved',
];

export interface FieldChange {
	field: WatchedField;
	previous: string | boolean | string[];
	current: string | boolean | string[];
	/** For `teams`: the team IDs joined and left. */
	joined?: string[];
	left?: string[];
}

/** A member of the current list: what is compared and stored, and Sigma's record to report. */
export interface ListedMember {
	state: MemberState;
	record: IDataObject;
}

export interface MemberChange {
	member: ListedMember;
	previous: MemberState;
	changes: FieldChange[];
}

export interface MemberDiff {
	added: ListedMember[];
	changed: MemberChange[];
	removed: MemberState[];
}

/** The current member list, each member ID once, with the position of each ID. */
export interface CurrentMembers {
	members: ListedMember[];
	indexById: ReadonlyMap<string, number>;
}

/**
 * The current list from Sigma's records; `teams` holds each member's sorted team IDs, if watched.
 * Pages read while members change may hold a member twice: it is kept once, where it first
 * appeared, with the later (fresher) record.
 */
export function currentMembers(
	records: readonly IDataObject[],
	teams?: ReadonlyMap<string, string[]>,
): CurrentMembers {
	const indexById = new Map<string, number>();
	const members: ListedMember[] = [];
	for (const record of records) {
		const id = String(record.memberId);
		const member = { state: memberState(record, teams?.get(id)), record };
		indexById.set(id, members.length);
		if (indexById.size > members.length) {
			members.push(member);
			continue;
		}
		// A repeat is rare, so it is found by a search here rather than by a lookup per member.
		const first = members.findIndex((listed) => listed.state.memberId === id);
		indexById.set(id, first);
		members[first] = member;
	}
	return { members, indexById };
}

function teamChange(previous: string[], current: string[]): FieldChange | undefined {
	const before = new Set(previous);
	const after = new Set(current);
	const joined = current.filter((id) => !before.has(id));
	const left = previous.filter((id) => !after.has(id));
	if (joined.length === 0 && left.length === 0) return undefined;
	return { field: 'teams', previous, current, joined, left };
}

/** The watched fields whose values differ, in the order they are watched. */
export function fieldChanges(
	previous: MemberState,
	current: MemberState,
	watched: readonly WatchedField[],
): FieldChange[] {
	const changes: FieldChange[] = [];
	for (const field of watched) {
		if (field === 'teams') {
			const change = teamChange(previous.teams ?? [], current.teams ?? []);
			if (change) changes.push(change);
			continue;
		}
		const before = previous[field as MemberField];
		const after = current[field as MemberField];
		if (before !== after) changes.push({ field, previous: before, current: after });
	}
	return changes;
}

/**
 * Compares the current list with the stored one by member ID, never by position: a member
 * inserted anywhere in the list is one addition. A change is reported only when a watched field
 * differs.
 */
export function diffMembers(
	previous: StoredMembers,
	current: CurrentMembers,
	watched: readonly WatchedField[],
): MemberDiff {
	const watch = watchSet(watched);
	const matched = new Uint8Array(current.members.length);
	const changed: MemberChange[] = [];
	const removed: MemberState[] = [];
	// The list mostly comes back in the order it was stored in, so the member after the last
	// match is tried first; a lookup by ID finds the others.
	let next = 0;
	for (let i = 0; i < previous.size; i++) {
		const id = previous.id(i);
		const index = current.members[next]?.state.memberId === id ? next : current.indexById.get(id);
		if (index === undefined) {
			removed.push(previous.member(i));
			continue;
		}
		next = index + 1;
		matched[index] = 1;
		const member = current.members[index];
		if (previous.differs(i, member.state, watch)) {
			const before = previous.member(i);
			const changes = fieldChanges(before, member.state, watched);
			changed.push({ member, previous: before, changes });
		}
	}
	const added = current.members.filter((_member, index) => matched[index] === 0);
	return { added, changed, removed };
}

/** A stored member as a record: Sigma's field names, the watched fields and the member ID. */
export function storedRecord(member: MemberState): IDataObject {
	return { ...member };
}

/** The record to report: Sigma's, with the member's team IDs when teams are watched. */
function reported(member: ListedMember): IDataObject {
	return member.state.teams ? { ...member.record, teams: member.state.teams } : member.record;
}

/** One output item per event of a selected kind: additions and changes first, then removals. */
export function toEvents(
	diff: MemberDiff,
	selected: ReadonlySet<MemberEvent>,
	detectedAt: string,
): IDataObject[] {
	const events: IDataObject[] = [];
	if (selected.has('memberAdded')) {
		for (const member of diff.added) {
			events.push({
				event: 'memberAdded',
				memberId: member.state.memberId,
				member: reported(member),
				previous: null,
				changes: [],
				detectedAt,
			});
		}
	}
	if (selected.has('memberChanged')) {
		for (const { member, previous, changes } of diff.changed) {
			events.push({
				event: 'memberChanged',
				memberId: member.state.memberId,
				member: reported(member),
				previous: storedRecord(previous),
				changes: changes as unknown as IDataObject[],
				detectedAt,
			});
		}
	}
	if (selected.has('memberRemoved')) {
		for (const member of diff.removed) {
			events.push({
				event: 'memberRemoved',
				memberId: member.memberId,
				member: storedRecord(member),
				previous: null,
				changes: [],
				detectedAt,
			});
		}
	}
	return events;
}
