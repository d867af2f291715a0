import { generateOrg } from '../../emulator';
import type { MemberState, WatchedField } from '../../../nodes/SigmaTrigger/snapshot';
import { MEMBER_FIELDS } from '../../../nodes/SigmaTrigger/snapshot';
import { encodeSnapshot, StoredMembers, watchSet } from '../../../nodes/SigmaTrigger/snapshot';

function state(overrides: Partial<MemberState> & { memberId: string }): MemberState {
	return {
		email: `${overrides.memberId}@example.com`,
		firstName: 'Ann',
		lastName: 'Lee',
		memberType: 'View',
		userKind: 'internal',
		isArchived: false,
		isInactive: false,
		...overrides,
	};
}

/** What n8n does to static data between polls: it is saved as JSON and read back. */
function stored(value: unknown): unknown {
	return JSON.parse(JSON.stringify({ members: value })).members;
}

function readBack(text: unknown) {
	const read = StoredMembers.read(text);
	return read && { fingerprint: read.fingerprint, members: read.members() };
}

function generatedStates(count: number, teams = 0): MemberState[] {
	const org = generateOrg({ members: count, teams, seed: 7 });
	return org.members.map((member) => ({
		memberId: member.memberId,
		email: member.email,
		firstName: member.firstName,
		lastName: member.lastName,
		memberType: member.memberType,
		userKind: member.userKind,
		isArchived: member.isArchived,
		isInactive: member.isInactive,
		...(teams > 0
			? {
					teams: org
						.memberTeams(member.memberId)
						.map((t) => t.teamId)
						.sort(),
				}
			: {}),
	}));
}

describe('the stored member snapshot', () => {
	it('gives back every watched value of every member after a JSON round trip', () => {
		const members = generatedStates(2000);

		const decoded = readBack(stored(encodeSnapshot('fp', members, false)));

		expect(decoded).toEqual({ fingerprint: 'fp', members });
	});

	it('keeps unusual emails and names exactly as they were', () => {
		const members = [
			state({ memberId: 'a', email: 'no-at-sign' }),
			state({ memberId: 'b', email: '"odd@local"@Example.COM' }),
			state({ memberId: 'c', email: '', firstName: '', lastName: '' }),
			state({ memberId: 'd', firstName: 'Zoë "Z" \\ Ångström', lastName: 'O\u2019Brien\n' }),
			state({ memberId: 'e', memberType: 'Custom Type', userKind: 'embed', isArchived: true }),
			state({ memberId: 'f', userKind: 'guest', isInactive: true, isArchived: true }),
		];

		expect(readBack(stored(encodeSnapshot('fp', members, false)))?.members).toEqual(members);
	});

	it('keeps team membership when teams are watched', () => {
		const members = generatedStates(500, 12);
		expect(members.some((member) => (member.teams ?? []).length > 1)).toBe(true);

		const decoded = readBack(stored(encodeSnapshot('fp', members, true)));

		expect(decoded?.members).toEqual(members);
	});

	it('is one string, so that n8n has a single value to wrap and save', () => {
		expect(typeof encodeSnapshot('fp', generatedStates(10), false)).toBe('string');
	});

	it('does not repeat a key name per member', () => {
		const small = JSON.parse(encodeSnapshot('fp', generatedStates(10, 3), true)) as object;
		const large = encodeSnapshot('fp', generatedStates(1000, 3), true);

		expect(Object.keys(JSON.parse(large) as object)).toEqual(Object.keys(small));
		expect(large).not.toMatch(/"email"|"memberId"|"firstName"/);
	});

	it('takes at most 100 bytes per member for realistic emails and names', () => {
		const members = generatedStates(10_000);
		const averageEmail = members.reduce((sum, m) => sum + m.email.length, 0) / members.length;
		expect(averageEmail).toBeGreaterThan(25);

		const bytes = Buffer.byteLength(
			JSON.stringify({ members: encodeSnapshot('fp', members, false) }),
		);

		expect(bytes / members.length).toBeLessThanOrEqual(100);
	});

	it('stays within 100 bytes per member with team membership', () => {
		const members = generatedStates(10_000, 50);

		const bytes = Buffer.byteLength(
			JSON.stringify({ members: encodeSnapshot('fp', members, true) }),
		);

		expect(bytes / members.length).toBeLessThanOrEqual(100);
	});

	it('reads an empty member list', () => {
		expect(readBack(stored(encodeSnapshot('fp', [], true)))).toEqual({
			fingerprint: 'fp',
			members: [],
		});
	});

	describe('is not read, so that a new baseline is taken,', () => {
		const good = JSON.parse(encodeSnapshot('fp', generatedStates(20, 2), true)) as {
			codes: number[];
			teams: string[];
		};
		const text = (value: object) => JSON.stringify(value);
		const [, ...otherCodes] = good.codes;
		it.each<[string, unknown]>([
			['when nothing is stored', undefined],
			['when it is an object rather than text', good],
			['when it is not JSON', '{"v":1,'],
			['when its version is another', text({ ...good, v: 2 })],
			['when it has no fingerprint', text({ ...good, fp: undefined })],
			['when a column is shorter than the IDs', text({ ...good, lasts: [] })],
			['when a code is not a number', text({ ...good, codes: ['x', ...otherCodes] })],
			['when a code points past the dictionaries', text({ ...good, codes: [1e9, ...otherCodes] })],
			['when a team index points past the team IDs', text({ ...good, teamIds: [] })],
			['when a team list is malformed', text({ ...good, teams: ['1..2', ...good.teams.slice(1)] })],
		])('%s', (_name, value) => {
			expect(StoredMembers.read(value)).toBeUndefined();
		});
	});

	describe('compares a stored member with its current state', () => {
		const ALL: WatchedField[] = [...MEMBER_FIELDS, 'teams'];
		const ann = state({ memberId: 'a', email: 'ann@example.com', teams: ['t1', 't2'] });
		const list = StoredMembers.read(encodeSnapshot('fp', [ann], true)) as StoredMembers;
		const differs = (current: Partial<MemberState>, watched = ALL) =>
			list.differs(0, { ...ann, ...current }, watchSet(watched));

		it('and finds no difference in the same values', () => {
			expect(differs({})).toBe(false);
		});

		it.each<[string, Partial<MemberState>]>([
			['the email domain', { email: 'ann@example.org' }],
			['the email local part', { email: 'anne@example.com' }],
			['where the @ is', { email: 'ann@exa@mple.com' }],
			['an email without @', { email: 'annexample.com' }],
			['the first name', { firstName: 'Anne' }],
			['the last name', { lastName: 'Li' }],
			['the member type', { memberType: 'Admin' }],
			['the user kind', { userKind: 'guest' }],
			['isArchived', { isArchived: true }],
			['isInactive', { isInactive: true }],
			['a team joined', { teams: ['t1', 't2', 't3'] }],
			['a team left', { teams: ['t2'] }],
			['a team swapped', { teams: ['t1', 't3'] }],
			['every team left', { teams: [] }],
		])('and finds a difference in %s', (_name, current) => {
			expect(differs(current)).toBe(true);
		});

		it('and ignores fields that are not watched', () => {
			const everything = { email: 'x@y.z', firstName: 'X', isArchived: true, teams: [] };

			expect(differs(everything, ['memberType', 'userKind', 'lastName'])).toBe(false);
		});
	});
});
