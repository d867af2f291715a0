import { generateOrg, isoTimestamp, teamName } from './generate';
import { fetchToken, restClient } from './helpers';
import { scan } from './http';
import { SigmaEmulator } from './index';

function share(count: number, total: number): number {
	return count / total;
}

describe('deterministic generation', () => {
	it('gives the same org for the same seed and a different one for another seed', () => {
		const first = generateOrg({ members: 200, teams: 4, seed: 42 });
		const again = generateOrg({ members: 200, teams: 4, seed: 42 });
		const other = generateOrg({ members: 200, teams: 4, seed: 43 });

		expect(again.members).toEqual(first.members);
		expect(again.teams).toEqual(first.teams);
		expect(again.teamMembers(first.teams[0]?.teamId ?? '')).toEqual(
			first.teamMembers(first.teams[0]?.teamId ?? ''),
		);
		expect(other.members.map((m) => m.memberId)).not.toEqual(first.members.map((m) => m.memberId));
	});

	it('creates the owner first, then unique members spread over the account types', () => {
		const org = generateOrg({ members: 10000, seed: 3 });
		const members = org.members.slice(1);
		const count = (test: (m: (typeof members)[number]) => boolean): number =>
			members.filter(test).length;

		expect(org.members[0]).toBe(org.owner);
		expect(org.owner).toMatchObject({ email: 'owner@example.com', memberType: 'Admin' });
		expect(members).toHaveLength(10000);
		expect(new Set(members.map((m) => m.email)).size).toBe(10000);
		expect(new Set(members.map((m) => m.memberId)).size).toBe(10000);
		expect(members.every((m) => /^m[0-9a-z]{10}$/.test(m.memberId))).toBe(true);
		expect(members.every((m) => /^[a-z]+\.[a-z]+\d+@example\.com$/.test(m.email))).toBe(true);
		const averageLength = members.reduce((sum, m) => sum + m.email.length, 0) / members.length;
		expect(averageLength).toBeGreaterThanOrEqual(25);
		expect(averageLength).toBeLessThanOrEqual(35);

		const viewOrAnalyze = count((m) => m.memberType === 'View' || m.memberType === 'Analyze');
		expect(share(viewOrAnalyze, 10000)).toBeGreaterThan(0.7);
		expect(
			share(
				count((m) => m.memberType === 'Build'),
				10000,
			),
		).toBeGreaterThan(0.05);
		expect(
			share(
				count((m) => m.memberType === 'Admin'),
				10000,
			),
		).toBeLessThan(0.06);
		expect(
			share(
				count((m) => m.userKind === 'internal'),
				10000,
			),
		).toBeGreaterThan(0.85);
		const archived = share(
			count((m) => m.isArchived),
			10000,
		);
		const inactive = share(
			count((m) => m.isInactive),
			10000,
		);
		expect(archived).toBeGreaterThan(0.02);
		expect(archived).toBeLessThan(0.04);
		expect(inactive).toBeGreaterThan(0.005);
		expect(inactive).toBeLessThan(0.015);
		expect(members.every((m) => m.updatedAt >= m.createdAt)).toBe(true);
	});

	it('spreads active members over named teams, keeping archived and inactive ones out', () => {
		const org = generateOrg({ members: 3000, teams: 20, seed: 5 });

		expect(org.teams.map((t) => t.name).slice(0, 3)).toEqual([
			'Finance',
			'Sales EMEA',
			'Sales Americas',
		]);
		expect(new Set(org.teams.map((t) => t.name.toLowerCase())).size).toBe(20);
		for (const member of org.members) {
			const teams = org.memberTeams(member.memberId);
			const active = !member.isArchived && !member.isInactive && member !== org.owner;
			if (active) expect(teams.length).toBeGreaterThanOrEqual(1);
			else expect(teams).toEqual([]);
		}
		expect(org.teams.every((team) => org.teamMembers(team.teamId).length > 50)).toBe(true);
	});

	it('names teams past the list with a number', () => {
		expect(teamName(0)).toBe('Finance');
		expect(teamName(18)).toBe('Finance 2');
	});

	it('formats timestamps exactly like Date#toISOString', () => {
		for (const ms of [0, 1704067200000, 1704067200000 + 86399999, 1767225599123]) {
			expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
		}
	});
});

describe('100,000 members', () => {
	let emulator: SigmaEmulator;
	let generationMs: number;

	beforeAll(async () => {
		const started = Date.now();
		emulator = await SigmaEmulator.start({ members: 100000, tokenRateLimit: false });
		generationMs = Date.now() - started;
	});

	afterAll(async () => {
		await emulator.stop();
	});

	it('are generated without any cost that grows faster than the org', () => {
		// About 0.5 s on an idle 2-core machine; the margin absorbs a busy one, while a quadratic
		// step would take minutes.
		expect(generationMs).toBeLessThan(5000);
		expect(emulator.org.members).toHaveLength(100001);
	});

	it('serve a page of 1000 from deep in the list within a few ms', async () => {
		const api = restClient(emulator, await fetchToken(emulator));
		const first = await api.get('/v2/members?limit=1000&includeArchived=true');
		let cursor = first.body.nextPage as string;
		for (let i = 0; i < 80; i++) {
			cursor = (await api.get(`/v2/members?limit=1000&includeArchived=true&page=${cursor}`)).body
				.nextPage;
		}

		const timings = [];
		let last;
		for (let i = 0; i < 5; i++) {
			const started = process.hrtime.bigint();
			last = await api.get(`/v2/members?limit=1000&includeArchived=true&page=${cursor}`);
			timings.push(Number(process.hrtime.bigint() - started) / 1e6);
			cursor = last.body.nextPage;
		}
		timings.sort((a, b) => a - b);

		expect(last?.body.entries).toHaveLength(1000);
		expect(timings[2]).toBeLessThan(50);
	});

	it('read only the page and one look-ahead from the cursor position', () => {
		let reads = 0;
		const counted = new Proxy(emulator.org.members, {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
				return Reflect.get(target, key, receiver) as unknown;
			},
		});

		const page = scan(counted, 90000, 1000, () => true);

		expect(page.entries).toHaveLength(1000);
		expect(page.nextIndex).toBe(91000);
		expect(reads).toBe(1001);
	});
});
