import type { IDataObject } from 'n8n-workflow';

import type { MemberEvent } from '../../../nodes/SigmaTrigger/diff';
import {
	currentMembers,
	diffMembers,
	MEMBER_EVENTS,
	toEvents,
} from '../../../nodes/SigmaTrigger/diff';
import type { MemberState, WatchedField } from '../../../nodes/SigmaTrigger/snapshot';
import { encodeSnapshot, MEMBER_FIELDS, StoredMembers } from '../../../nodes/SigmaTrigger/snapshot';

const ALL_FIELDS: WatchedField[] = [...MEMBER_FIELDS];
const ALL_EVENTS = new Set<MemberEvent>(MEMBER_EVENTS);
const AT = '2026-03-01T10:00:00.000Z';

function state(memberId: string, overrides: Partial<MemberState> = {}): MemberState {
	return {
		memberId,
		email: `${memberId}@example.com`,
		firstName: 'Ann',
		lastName: 'Lee',
		memberType: 'View',
		userKind: 'internal',
		isArchived: false,
		isInactive: false,
		...overrides,
	};
}

/** Sigma's record of a member: the kept fields and more. */
function record({ teams: _teams, ...member }: MemberState): IDataObject {
	return { ...member, updatedAt: AT, homeFolderId: 'f1' };
}

/** The list stored by the previous poll. */
function stored(members: MemberState[]): StoredMembers {
	const withTeams = members.some((member) => member.teams !== undefined);
	return StoredMembers.read(encodeSnapshot('fp', members, withTeams)) as StoredMembers;
}

/** The list read by this poll, with team membership when the members carry it. */
function current(members: MemberState[]) {
	const teams = new Map(members.map((member) => [member.memberId, member.teams ?? []]));
	const withTeams = members.some((member) => member.teams !== undefined);
	return currentMembers(members.map(record), withTeams ? teams : undefined);
}

const ids = (members: Array<{ memberId: string } | MemberState>) => members.map((m) => m.memberId);

describe('diffMembers', () => {
	const before = ['m1', 'm2', 'm3', 'm4'].map((id) => state(id));

	it('reports a member added in the middle of the list as one addition and nothing else', () => {
		const after = [before[0], before[1], state('new'), before[2], before[3]];

		const diff = diffMembers(stored(before), current(after), ALL_FIELDS);

		expect(ids(diff.added.map((m) => m.state))).toEqual(['new']);
		expect(diff.changed).toEqual([]);
		expect(diff.removed).toEqual([]);
	});

	it('reports nothing when the same members come back in another order', () => {
		const diff = diffMembers(stored(before), current([...before].reverse()), ALL_FIELDS);

		expect(diff).toEqual({ added: [], changed: [], removed: [] });
	});

	it('pairs members by ID through moves, additions and removals in one list', () => {
		const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((id) => state(id));
		const moved = state('b', { firstName: 'Moved' });

		const diff = diffMembers(stored([a, b, c, d, e]), current([a, state('x'), c, e, moved]), [
			'firstName',
		]);

		expect(ids(diff.added.map((m) => m.state))).toEqual(['x']);
		expect(ids(diff.removed)).toEqual(['d']);
		expect(diff.changed.map((m) => [m.member.state.memberId, m.changes[0].current])).toEqual([
			['b', 'Moved'],
		]);
	});

	it('reports a member missing from the list as removed, with its stored values', () => {
		const after = [before[0], before[2], before[3]];

		const diff = diffMembers(stored(before), current(after), ALL_FIELDS);

		expect(diff.removed).toEqual([before[1]]);
		expect(diff.added).toEqual([]);
	});

	it('lists each changed watched field with its previous and current value', () => {
		const changed = state('m2', { memberType: 'Build', isArchived: true, lastName: 'Kim' });
		const after = [before[0], changed, before[2], before[3]];

		const diff = diffMembers(stored(before), current(after), ALL_FIELDS);

		expect(diff.changed).toHaveLength(1);
		expect(diff.changed[0].previous).toEqual(before[1]);
		expect(diff.changed[0].member.record).toEqual(record(changed));
		expect(diff.changed[0].changes).toEqual([
			{ field: 'lastName', previous: 'Lee', current: 'Kim' },
			{ field: 'memberType', previous: 'View', current: 'Build' },
			{ field: 'isArchived', previous: false, current: true },
		]);
	});

	it('ignores a change of a field that is not watched', () => {
		const renamed = state('m1', { email: 'renamed@example.com', memberType: 'Admin' });

		const diff = diffMembers(stored([before[0]]), current([renamed]), ['memberType']);

		expect(diff.changed[0].changes).toEqual([
			{ field: 'memberType', previous: 'View', current: 'Admin' },
		]);
		const onlyEmail = current([state('m1', { email: 'x@y.z' })]);
		expect(diffMembers(stored([before[0]]), onlyEmail, ['memberType'])).toEqual({
			added: [],
			changed: [],
			removed: [],
		});
	});

	it('reports the teams a member joined and left', () => {
		const previous = [state('m1', { teams: ['t1', 't2'] }), state('m2', { teams: ['t1'] })];
		const now = [state('m1', { teams: ['t2', 't3'] }), state('m2', { teams: ['t1'] })];

		const diff = diffMembers(stored(previous), current(now), [...ALL_FIELDS, 'teams']);

		expect(diff.changed.map((c) => c.member.state.memberId)).toEqual(['m1']);
		expect(diff.changed[0].changes).toEqual([
			{
				field: 'teams',
				previous: ['t1', 't2'],
				current: ['t2', 't3'],
				joined: ['t3'],
				left: ['t1'],
			},
		]);
	});

	it('does not compare teams unless they are watched', () => {
		const previous = stored([state('m1', { teams: ['t1'] })]);

		const diff = diffMembers(previous, current([state('m1', { teams: [] })]), ALL_FIELDS);

		expect(diff.changed).toEqual([]);
	});
});

describe('currentMembers', () => {
	it('keeps a member listed twice once, where it first appeared, with the later record', () => {
		const records = [
			{ memberId: 'a', firstName: 'Old' },
			{ memberId: 'b', firstName: 'Bo' },
			{ memberId: 'a', firstName: 'New' },
		];

		const list = currentMembers(records);

		expect(list.members.map((m) => m.record)).toEqual([
			{ memberId: 'a', firstName: 'New' },
			{ memberId: 'b', firstName: 'Bo' },
		]);
		expect([...list.indexById]).toEqual([
			['a', 0],
			['b', 1],
		]);
	});

	it('so that a repeated member is neither added twice nor later read as removed', () => {
		const previous = stored([state('a'), state('b')]);
		const twice = currentMembers([record(state('a')), record(state('b')), record(state('a'))]);

		expect(diffMembers(previous, twice, ALL_FIELDS)).toEqual({
			added: [],
			changed: [],
			removed: [],
		});
	});
});

describe('toEvents', () => {
	const previous = [state('gone'), state('kept'), state('edited')];
	const now = current([state('kept'), state('edited', { firstName: 'Bo' }), state('fresh')]);
	const diff = diffMembers(stored(previous), now, ALL_FIELDS);

	it('emits one item per event with the documented fields', () => {
		const events = toEvents(diff, ALL_EVENTS, AT);

		expect(events).toEqual([
			{
				event: 'memberAdded',
				memberId: 'fresh',
				member: now.members[2].record,
				previous: null,
				changes: [],
				detectedAt: AT,
			},
			{
				event: 'memberChanged',
				memberId: 'edited',
				member: now.members[1].record,
				previous: { ...previous[2] },
				changes: [{ field: 'firstName', previous: 'Ann', current: 'Bo' }],
				detectedAt: AT,
			},
			{
				event: 'memberRemoved',
				memberId: 'gone',
				member: { ...previous[0] },
				previous: null,
				changes: [],
				detectedAt: AT,
			},
		]);
	});

	it('adds the team IDs to the reported record when teams are watched', () => {
		const withTeams = current([state('fresh', { teams: ['t1'] })]);
		const added = diffMembers(stored([]), withTeams, [...ALL_FIELDS, 'teams']);

		const [event] = toEvents(added, ALL_EVENTS, AT);

		expect(event.member).toEqual({ ...withTeams.members[0].record, teams: ['t1'] });
	});

	it('emits only the selected kinds of event', () => {
		const events = toEvents(diff, new Set<MemberEvent>(['memberRemoved']), AT);

		expect(events.map((e: IDataObject) => [e.event, e.memberId])).toEqual([
			['memberRemoved', 'gone'],
		]);
	});
});
