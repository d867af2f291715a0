import type { IDataObject } from 'n8n-workflow';

import { SigmaTrigger } from '../../nodes/SigmaTrigger/SigmaTrigger.node';
import type { Fault, Member } from '../emulator';
import { createRandom } from '../emulator';
import type { SigmaTestbed } from '../harness/sigma';
import { startSigma } from '../harness/sigma';
import { RATE_LIMITED, reportFigure, seedFor, soakScale, UNAVAILABLE, withSeed } from './helpers';

/** Last name is left out, so that its changes are the unwatched ones that must emit nothing. */
const WATCHED = [
	'email',
	'firstName',
	'memberType',
	'userKind',
	'isArchived',
	'isInactive',
] as const;
type Watched = (typeof WATCHED)[number];
type State = Record<Watched, string | boolean>;

const ACCOUNT_TYPES = ['View', 'Act', 'Analyze', 'Build', 'Admin'];
const USER_KINDS = ['internal', 'guest', 'embed'] as const;

/** A 500 fails the poll at once; 429s are retried at once; a 503 waits out a real backoff. */
const POLL_FAULTS: Fault[] = [
	{ kind: 'status', status: 500 },
	{ kind: 'status', status: 500 },
	{ kind: 'status', status: 500 },
	RATE_LIMITED,
	RATE_LIMITED,
	RATE_LIMITED,
	UNAVAILABLE,
];

function stateOf(member: Member): State {
	return {
		email: member.email,
		firstName: member.firstName,
		memberType: member.memberType,
		userKind: member.userKind,
		isArchived: member.isArchived,
		isInactive: member.isInactive,
	};
}

/** What the trigger must report between two views of the org, as sorted event lines. */
function expectedEvents(before: Map<string, State>, after: Map<string, State>): string[] {
	const events: string[] = [];
	for (const [memberId, state] of after) {
		const previous = before.get(memberId);
		if (!previous) {
			events.push(`memberAdded ${memberId}`);
			continue;
		}
		const changed = WATCHED.filter((field) => previous[field] !== state[field]);
		for (const field of changed) {
			events.push(`memberChanged ${memberId} ${field} ${previous[field]} -> ${state[field]}`);
		}
	}
	for (const memberId of before.keys()) {
		if (!after.has(memberId)) events.push(`memberRemoved ${memberId}`);
	}
	return events.sort();
}

function emittedEvents(events: IDataObject[]): string[] {
	const lines: string[] = [];
	for (const event of events) {
		if (event.event !== 'memberChanged') {
			lines.push(`${event.event} ${event.memberId}`);
			continue;
		}
		for (const change of event.changes as IDataObject[]) {
			lines.push(
				`memberChanged ${event.memberId} ${change.field} ${change.previous} -> ${change.current}`,
			);
		}
	}
	return lines.sort();
}

describe('Sigma Trigger over hundreds of polls with random faults and org changes', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		// 1,100 members: every poll reads two pages, so a fault can fall between them.
		sigma = await startSigma({ members: 1099, tokenRateLimit: false });
	});
	afterEach(async () => await sigma.stop());

	it.each([
		{ label: 'deactivated members left out', include: false, polls: 200, seed: 5000 },
		{ label: 'deactivated members kept', include: true, polls: 50, seed: 6000 },
	])(
		'emits every change exactly once, never a removal that did not happen, ' +
			'and keeps the state of a failed poll byte for byte ($label)',
		async ({ include, polls: fastPolls, seed: fallbackSeed }) => {
			const seed = seedFor(fallbackSeed);
			const polls = fastPolls * soakScale();
			const random = createRandom(seed);
			const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
			const org = sigma.emulator.org;
			const trigger = new SigmaTrigger();
			const staticData: IDataObject = {};
			const parameters = {
				events: ['memberAdded', 'memberChanged', 'memberRemoved'],
				options: { watchFields: [...WATCHED], includeArchived: include, includeInactive: include },
			};
			const listed = () =>
				new Map(
					org.members
						.filter((member) => include || (!member.isArchived && !member.isInactive))
						.map((member) => [member.memberId, stateOf(member)]),
				);
			const others = () => org.members.filter((member) => member !== org.owner);
			let serial = 0;

			const changeOrg = () => {
				const count = Math.floor(random() * 4);
				for (let n = 0; n < count; n++) {
					const active = others().filter((m) => !m.isArchived && !m.isInactive);
					const member = pick(active);
					const roll = random();
					if (roll < 0.2) {
						org.addMember({
							email: `soak.joiner${serial++}@example.com`,
							memberType: pick(ACCOUNT_TYPES),
						});
					} else if (roll < 0.3) {
						org.updateMember(member.memberId, { email: `soak.moved${serial++}@example.com` });
					} else if (roll < 0.4) {
						org.updateMember(member.memberId, { firstName: `Renamed${serial++}` });
					} else if (roll < 0.5) {
						org.updateMember(member.memberId, { memberType: pick(ACCOUNT_TYPES) });
					} else if (roll < 0.55) {
						org.updateMember(member.memberId, { userKind: pick(USER_KINDS) });
					} else if (roll < 0.7) {
						// Not watched: must emit nothing.
						org.updateMember(member.memberId, { lastName: `Unwatched${serial++}` });
					} else if (roll < 0.8) {
						org.archiveMember(member.memberId);
					} else if (roll < 0.85) {
						org.updateMember(member.memberId, { isInactive: true });
					} else {
						const away = others().filter((m) => m.isArchived || m.isInactive);
						if (away.length === 0) continue;
						const back = pick(away);
						org.updateMember(back.memberId, { isArchived: false, isInactive: false });
					}
				}
			};

			const poll = async () =>
				(
					await sigma.runtime.poll(trigger, {
						parameters,
						credentials: sigma.credentials,
						staticData,
					})
				).output;

			await withSeed(seed, async () => {
				expect(await poll()).toBeNull();
				let known = listed();
				const totals = { expected: 0, emitted: 0, failed: 0, failedMidList: 0, faults: 0 };

				for (let n = 0; n < polls; n++) {
					changeOrg();
					if (random() < 0.05) sigma.emulator.expireTokens();
					sigma.emulator.log.clear();
					sigma.emulator.faults.random({
						probability: 0.1,
						kinds: POLL_FAULTS,
						seed: seed * 10_000 + n,
						match: { method: 'GET', path: /^\/v2\/members/ },
					});
					const stored = JSON.stringify(staticData);

					let output: Awaited<ReturnType<typeof poll>> | undefined;
					let failure: Error | undefined;
					try {
						output = await poll();
					} catch (error) {
						failure = error as Error;
					}
					sigma.emulator.faults.stopRandom();
					const log = sigma.emulator.log.entries.filter((entry) => entry.api === 'rest');
					totals.faults += log.filter((entry) => entry.fault).length;

					if (failure) {
						totals.failed++;
						const firstFault = log.findIndex((entry) => entry.fault);
						if (
							log.slice(0, firstFault).some((e) => e.path === '/v2/members' && e.status === 200)
						) {
							totals.failedMidList++;
						}
						expect(failure.message).toMatch(/^Sigma GET \/v2\/members\S* failed/);
						expect(JSON.stringify(staticData)).toBe(stored);
						continue;
					}

					const current = listed();
					const expected = expectedEvents(known, current);
					const events = (output?.[0] ?? []).map((item) => item.json);
					const emitted = emittedEvents(events);
					expect(emitted).toEqual(expected);
					for (const event of events.filter((e) => e.event === 'memberRemoved')) {
						expect(current.has(String(event.memberId))).toBe(false);
						expect(known.has(String(event.memberId))).toBe(true);
					}
					if (expected.length === 0) expect(output).toBeNull();
					totals.expected += expected.length;
					totals.emitted += emitted.length;
					known = current;
				}

				expect(totals.emitted).toBe(totals.expected);
				expect(totals.expected).toBeGreaterThan(polls / 2);
				expect(totals.failed).toBeGreaterThan(polls / 20);
				expect(totals.failedMidList).toBeGreaterThan(0);
				const kind = include ? 'with deactivated' : 'default';
				reportFigure(`trigger polls (${kind})`, polls);
				reportFigure(`trigger failed polls (${kind})`, totals.failed);
				reportFigure(`trigger failed polls after a first page (${kind})`, totals.failedMidList);
				reportFigure(`trigger faults injected (${kind})`, totals.faults);
				reportFigure(`trigger events expected and emitted (${kind})`, totals.emitted);
			});
		},
	);
});
