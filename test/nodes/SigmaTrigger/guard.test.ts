import { checkRemovals, guardError } from '../../../nodes/SigmaTrigger/guard';

describe('the mass removal guard', () => {
	it('lets a poll remove up to the percentage of the stored members', () => {
		expect(checkRemovals(100, 1000, 900, 10).allowed).toBe(true);
		expect(checkRemovals(7, 100, 93, 7).allowed).toBe(true);
	});

	it('stops a poll that would remove more than the percentage', () => {
		const check = checkRemovals(101, 1000, 899, 10);

		expect(check).toMatchObject({ allowed: false, removals: 101, stored: 1000 });
		expect(check.percent).toBeCloseTo(10.1, 9);
	});

	it('always lets up to three members go, however small the org', () => {
		expect(checkRemovals(3, 5, 2, 10).allowed).toBe(true);
		expect(checkRemovals(4, 5, 1, 10).allowed).toBe(false);
	});

	it('allows three removals even at 0%, and stops a fourth', () => {
		expect(checkRemovals(3, 10_000, 9997, 0).allowed).toBe(true);
		expect(checkRemovals(4, 10_000, 9996, 0).allowed).toBe(false);
	});

	it('stops a poll whose list came back empty, even in a tiny org', () => {
		expect(checkRemovals(2, 2, 0, 10).allowed).toBe(false);
	});

	it('lets everything through at 100%', () => {
		expect(checkRemovals(1000, 1000, 0, 100).allowed).toBe(true);
	});

	it('passes a poll that removes nothing', () => {
		expect(checkRemovals(0, 0, 0, 10).allowed).toBe(true);
		expect(checkRemovals(0, 50, 50, 0).allowed).toBe(true);
	});

	it('says how many would be removed, of how many, and what to set to go on', () => {
		const check = checkRemovals(412, 2000, 1588, 10);

		const { message, description } = guardError(check, 10);

		expect(message).toBe(
			'The Mass Removal Guard stopped this poll: 412 of 2000 members (20.6%) would be ' +
				'reported as removed, more than the 10% it allows',
		);
		expect(description).toContain('Nothing was emitted and the stored member list was kept');
		expect(description).toContain('"Mass Removal Guard (%)"');
		expect(description).toContain('to 21 or more for one poll');
		expect(description).toContain('100 turns the guard off');
	});
});
