import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { SigmaTestbed } from '../harness/sigma';
import { startSigma } from '../harness/sigma';
import {
	BAD_GATEWAY,
	DROPPED,
	LOST,
	RATE_LIMITED,
	reportFigure,
	run,
	seedFor,
	soakScale,
	UNAVAILABLE,
	withSeed,
} from './helpers';

const fromItems = {
	email: '={{ $json.email }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	memberType: 'Analyze',
};
const create = { resource: 'member', operation: 'create', ...fromItems };
const upsert = { resource: 'member', operation: 'upsert', ...fromItems };
const POSTS = { method: 'POST', path: '/v2/members' };

function people(count: number, prefix = 'joiner'): IDataObject[] {
	return Array.from({ length: count }, (_, n) => ({
		email: `${prefix}${n}@example.com`,
		first: 'New',
		last: `Joiner ${n}`,
	}));
}

describe('creates whose answer is lost', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 20, tokenRateLimit: false });
	});
	afterEach(async () => await sigma.stop());

	const org = () => sigma.emulator.org;
	const withEmail = (email: string) =>
		org().members.filter((member) => member.email.toLowerCase() === email.toLowerCase());
	const posts = () => sigma.emulator.log.count(POSTS);

	it('reports a member Sigma created before the answer was lost, once, as recovered', async () => {
		sigma.emulator.faults.inject(LOST, { match: POSTS });

		const [item] = await run(sigma, create, people(1));

		expect(withEmail('joiner0@example.com')).toHaveLength(1);
		expect(item.json).toEqual({ ...withEmail('joiner0@example.com')[0], recovered: true });
		expect(posts()).toBe(1);
	});

	it('sends a create again when Sigma never saw it, and creates the member once', async () => {
		sigma.emulator.faults.inject(DROPPED, { match: POSTS });
		sigma.emulator.faults.inject(UNAVAILABLE, { match: POSTS });

		const [item] = await run(sigma, create, people(1));

		const [created] = withEmail('joiner0@example.com');
		expect(item.json).toEqual(created);
		expect(posts()).toBe(3);
		expect(sigma.emulator.log.filter(POSTS).map((entry) => entry.status)).toEqual([0, 503, 200]);
	});

	const failsAsDuplicateAfterLost409 =
		'fails as a duplicate when the lost answer was a 409 for a member who already existed';
	it(failsAsDuplicateAfterLost409, async () => {
		const existing = org().members[3];
		sigma.emulator.faults.inject(LOST, { match: POSTS });

		const [item] = await run(
			sigma,
			create,
			[{ email: existing.email.toUpperCase(), first: 'Ann', last: 'Other' }],
			true,
		);

		expect(item.json.error).toContain(`A member with email "${existing.email}" already exists`);
		expect(item.json.error).toContain(existing.memberId);
		expect(withEmail(existing.email)).toHaveLength(1);
		expect(sigma.emulator.log.filter(POSTS).map((entry) => entry.status)).toEqual([409]);
	});

	it('says the outcome is unknown, and how to go on, when the look-up fails too', async () => {
		sigma.emulator.faults.inject(LOST, { match: POSTS });
		sigma.emulator.faults.inject(
			{ kind: 'status', status: 500 },
			{ match: { method: 'GET', path: '/v2/members' } },
		);

		const [item] = await run(sigma, create, people(1), true);

		expect(item.json.error).toBe(
			'Sigma did not answer the create of "joiner0@example.com", and looking ' +
				'the email up failed too, so the member may or may not exist [item 0]',
		);
		expect(item.json.description).toContain('Create or Update');
	});

	it('says nothing was created after the bounded number of attempts', async () => {
		sigma.emulator.faults.inject(DROPPED, { match: POSTS, times: Infinity });

		const [item] = await run(sigma, create, people(1), true);

		expect(item.json.error).toMatch(/^Sigma POST \/v2\/members failed: the connection failed/);
		expect(item.json.description).toContain(
			'Sigma has no member with email "joiner0@example.com" after 3 attempts, so none was created',
		);
		expect(posts()).toBe(3);
		expect(withEmail('joiner0@example.com')).toHaveLength(0);
	});

	it('reports an upsert whose create answer was lost as created and recovered', async () => {
		sigma.emulator.faults.inject(LOST, { match: POSTS });

		const [item] = await run(sigma, upsert, people(1));

		const [created] = withEmail('joiner0@example.com');
		expect(item.json).toMatchObject({
			action: 'created',
			memberId: created.memberId,
			recovered: true,
		});
		expect(posts()).toBe(1);
	});
});

describe('bulk creates and upserts under seeded random faults', () => {
	let sigma: SigmaTestbed;
	let faults = 0;

	beforeEach(async () => {
		sigma = await startSigma({ members: 50, tokenRateLimit: false });
	});
	afterEach(async () => {
		faults += sigma.emulator.log.entries.filter((entry) => entry.fault).length;
		const members = /^\/v2\/members/;
		writes += sigma.emulator.log.filter({ path: members }).filter((e) => e.method !== 'GET').length;
		await sigma.stop();
	});
	let writes = 0;
	afterAll(() => {
		reportFigure('bulk write faults injected', faults);
		reportFigure('bulk write requests', writes);
	});

	/**
	 * Each item's result must match the org: a member item means that member exists with what was
	 * sent, an error means none was created and says so. No email is ever held twice.
	 */
	const expectResultsMatchOrg = (items: IDataObject[], output: INodeExecutionData[]) => {
		const org = sigma.emulator.org;
		const emails = org.members.map((member) => member.email.toLowerCase());
		expect(new Set(emails).size).toBe(emails.length);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		output.forEach((item, index) => {
			const wanted = items[index];
			const member = org.findMemberByEmail(String(wanted.email));
			if (item.json.error === undefined) {
				const record = (item.json.member ?? item.json) as IDataObject;
				expect(member).toBeDefined();
				expect(record.memberId).toBe(member?.memberId);
				expect(member).toMatchObject({ lastName: wanted.last, memberType: 'Analyze' });
			} else {
				expect(member).toBeUndefined();
				expect(String(item.json.description)).toContain('so none was created');
			}
		});
	};

	const createsEachPersonOnce =
		'creates each of 300 people at most once and reports ' +
		'what happened to each, then an upsert finishes the batch';
	it(createsEachPersonOnce, async () => {
		const seed = seedFor(3000);
		const items = people(300 * soakScale());
		sigma.emulator.faults.random({
			probability: 0.3,
			kinds: [LOST, LOST, DROPPED, UNAVAILABLE, BAD_GATEWAY, RATE_LIMITED],
			seed,
			match: POSTS,
		});

		await withSeed(seed, async () => {
			const created = await run(sigma, { ...create, options: { concurrency: 5 } }, items, true);
			expectResultsMatchOrg(items, created);
			expect(created.filter((item) => item.json.recovered === true).length).toBeGreaterThan(0);

			// Re-running the batch as Create or Update creates only the ones still missing.
			const missing = created.filter((item) => item.json.error !== undefined).length;
			const upserted = await run(sigma, { ...upsert, options: { concurrency: 5 } }, items, true);
			expectResultsMatchOrg(items, upserted);
			const actions = upserted.map((item) => item.json.action ?? 'error');
			expect(actions.filter((action) => action === 'unchanged').length).toBeGreaterThanOrEqual(
				items.length - missing,
			);
			expect(actions.filter((action) => action === 'updated')).toEqual([]);
		});
	});

	const syncsJoinersUnderLostCreates =
		'syncs 100 joiners under lost and dropped creates: ' +
		'each created once, each outcome true, and a second Apply changes nothing';
	it(syncsJoinersUnderLostCreates, async () => {
		const seed = seedFor(7000);
		const items = people(100 * soakScale(), 'hire').map((person) => ({
			email: person.email,
			firstName: person.first,
			lastName: person.last,
			memberType: 'Analyze',
		}));
		sigma.emulator.faults.random({
			probability: 0.3,
			kinds: [LOST, LOST, DROPPED, UNAVAILABLE],
			seed,
			match: POSTS,
		});
		const sync = {
			resource: 'member',
			operation: 'sync',
			mode: 'apply',
			options: { concurrency: 5 },
		};

		await withSeed(seed, async () => {
			const output = (await run(sigma, sync, items, true)).map((item) => item.json);

			const org = sigma.emulator.org;
			const creates = output.filter((json) => json.action === 'create');
			expect(creates).toHaveLength(items.length);
			for (const entry of creates) {
				const member = org.findMemberByEmail(String(entry.email));
				if (entry.outcome === 'applied') {
					expect(member).toMatchObject({ memberType: 'Analyze' });
				} else {
					expect(member).toBeUndefined();
					expect(String(entry.description)).toContain('so none was created');
				}
			}
			const emails = org.members.map((member) => member.email.toLowerCase());
			expect(new Set(emails).size).toBe(emails.length);
			const lost = sigma.emulator.log.filter(POSTS).filter((entry) => entry.fault === 'lost');
			expect(lost.length).toBeGreaterThan(5);

			sigma.emulator.faults.stopRandom();
			const again = (await run(sigma, sync, items, true)).map((item) => item.json);
			const failed = creates.filter((entry) => entry.outcome !== 'applied').length;
			expect(again.filter((json) => json.action === 'create')).toHaveLength(failed);
			expect(again.filter((json) => json.action === 'update')).toEqual([]);
		});
	});

	const upsertsUnderFaults =
		'upserts 300 people, half of them new, under faults on every create, with each result true';
	it(upsertsUnderFaults, async () => {
		const seed = seedFor(4000);
		const items = people(300 * soakScale(), 'staff');
		for (const person of items.slice(0, 150)) {
			sigma.emulator.org.addMember({ email: String(person.email), lastName: 'Old name' });
		}
		sigma.emulator.faults.random({
			probability: 0.25,
			kinds: [LOST, DROPPED, RATE_LIMITED],
			seed,
			match: { path: /^\/v2\/members/, method: 'POST' },
		});

		await withSeed(seed, async () => {
			const output = await run(sigma, { ...upsert, options: { concurrency: 5 } }, items, true);

			expectResultsMatchOrg(items, output);
			const actions = output.map((item) => String(item.json.action ?? 'error'));
			expect(actions.slice(0, 150).every((action) => action === 'updated')).toBe(true);
			expect(actions.slice(150).filter((a) => a !== 'created' && a !== 'error')).toEqual([]);
		});
	});
});
