import type { IDataObject } from 'n8n-workflow';

import { SigmaTrigger } from '../../nodes/SigmaTrigger/SigmaTrigger.node';
import type { LogEntry } from '../emulator';
import type { SigmaTestbed } from '../harness/sigma';
import { startSigma } from '../harness/sigma';
import { repeated, run } from './helpers';

const everyone = {
	resource: 'member',
	operation: 'getAll',
	returnAll: true,
	filters: { includeArchived: true, includeInactive: true },
};

/** Runs `action` right after the emulator has answered the nth page of the member list. */
function afterMemberPage(sigma: SigmaTestbed, page: number, action: () => void) {
	const log = sigma.emulator.log;
	const record = log.record.bind(log);
	let pages = 0;
	return jest.spyOn(log, 'record').mockImplementation((entry: LogEntry) => {
		record(entry);
		if (entry.path === '/v2/members' && entry.status === 200 && ++pages === page) action();
	});
}

describe('token expiry in the middle of a 10,000-member list', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		// Sigma's real limit of one token request per second stays on.
		sigma = await startSigma({ members: 9999 });
	});
	afterAll(async () => await sigma.stop());
	afterEach(() => jest.restoreAllMocks());

	it('refreshes the token once and loses or repeats no page', async () => {
		afterMemberPage(sigma, 4, () => sigma.emulator.expireTokens());

		const output = await run(sigma, everyone);

		const ids = output.map((item) => item.json.memberId as string);
		expect(repeated(ids)).toEqual([]);
		expect(ids.sort()).toEqual(sigma.emulator.org.members.map((m) => m.memberId).sort());
		expect(sigma.emulator.tokensIssued()).toBe(2);
		expect(sigma.store.preAuthentications).toEqual([
			{ type: 'sigmaApi', expired: false },
			{ type: 'sigmaApi', expired: true },
		]);

		const pages = sigma.emulator.log.filter({ path: '/v2/members' });
		expect(pages.map((entry) => entry.status)).toEqual([
			200, 200, 200, 200, 401, 200, 200, 200, 200, 200, 200,
		]);
		// The refused page is asked for again with the same cursor, and then the list goes on.
		expect(pages[5].query).toEqual(pages[4].query);
		expect(new Set(pages.slice(5).map((entry) => entry.query.page)).size).toBe(6);
	});

	const refreshesMidPoll =
		'refreshes once in the middle of a trigger poll, and the poll reports exactly what changed';
	it(refreshesMidPoll, async () => {
		const trigger = new SigmaTrigger();
		const staticData: IDataObject = {};
		const poll = async () =>
			(
				await sigma.runtime.poll(trigger, {
					parameters: { events: ['memberAdded', 'memberChanged', 'memberRemoved'] },
					credentials: sigma.credentials,
					staticData,
				})
			).output;
		expect(await poll()).toBeNull();
		const org = sigma.emulator.org;
		const added = org.addMember({ email: 'late.joiner@example.com' });
		const renamed = org.members.filter((m) => !m.isArchived && !m.isInactive)[7000];
		org.updateMember(renamed.memberId, { lastName: `${renamed.lastName}-Smith` });
		const issued = sigma.emulator.tokensIssued();
		afterMemberPage(sigma, 6, () => sigma.emulator.expireTokens());

		const output = await poll();

		const events = (output?.[0] ?? []).map((item) => `${item.json.event} ${item.json.memberId}`);
		expect(events.sort()).toEqual(
			[`memberAdded ${added.memberId}`, `memberChanged ${renamed.memberId}`].sort(),
		);
		expect(sigma.emulator.tokensIssued()).toBe(issued + 1);
	});
});
