import type { MemberEvent } from '../../../nodes/SigmaTrigger/diff';
import { settingsFingerprint } from '../../../nodes/SigmaTrigger/settings';
import type { WatchedField } from '../../../nodes/SigmaTrigger/snapshot';

const base = {
	events: new Set<MemberEvent>(['memberAdded', 'memberRemoved']),
	watched: ['email', 'memberType'] as WatchedField[],
	includeArchived: false,
	includeInactive: false,
	includeTeams: false,
};

describe('settingsFingerprint', () => {
	it('does not depend on the order events and fields were picked in', () => {
		const reordered = {
			...base,
			events: new Set<MemberEvent>(['memberRemoved', 'memberAdded']),
			watched: ['memberType', 'email'] as WatchedField[],
		};

		expect(settingsFingerprint(reordered)).toBe(settingsFingerprint(base));
	});

	it.each([
		['the events', { events: new Set<MemberEvent>(['memberAdded']) }],
		['the watched fields', { watched: ['email'] as WatchedField[] }],
		['Include Archived', { includeArchived: true }],
		['Include Inactive', { includeInactive: true }],
		['Include Teams', { includeTeams: true }],
	])('changes with %s', (_name, change) => {
		expect(settingsFingerprint({ ...base, ...change })).not.toBe(settingsFingerprint(base));
	});
});
