import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpoint, sigmaApiRequest } from '../../../../transport';
import type { SigmaMember } from '../../../shared/members';
import { findMemberByEmail } from '../../../shared/members';
import type { MemberChange } from '../../team/membership';
import { patchTeamMembers } from '../../team/membership';
import { nodeError } from '../../../shared/validation';
import { createMember } from '../shared';
import { forEachLimited } from './limit';
import type { FieldChange, Person, PlanEntry, SyncPlan } from './plan';

export interface Outcome {
	applied: boolean;
	error?: unknown;
	note?: string;
}

export interface ApplySettings {
	concurrency: number;
	sendInvite: boolean;
	newOwnerId?: string;
}

const LOST_ANSWER_NOTE =
	"Sigma's answer to the create was lost, but the member exists: found by email.";

const MEMBER_WRITES = new Set(['create', 'update', 'reactivate']);
const TEAM_WRITES = new Set(['teamAdd', 'teamRemove']);

/** Whether an entry is a change that Apply writes. */
export function isWrite(entry: PlanEntry): boolean {
	return MEMBER_WRITES.has(entry.action) || TEAM_WRITES.has(entry.action) || isDeactivation(entry);
}

function isDeactivation(entry: PlanEntry): boolean {
	return entry.action === 'deactivate';
}

/**
 * Makes the changes of a plan: members first (created, updated, reactivated), then team
 * memberships (reactivated members can only join teams once active), then deactivations. Each
 * write goes through the transport's retries. With Continue On Fail, a failed write is that
 * entry's outcome and the others go on; without it, the first failure stops the run with an error
 * that says how far it got (re-running is safe: the next plan starts from Sigma's state).
 */
export async function applyPlan(
	this: IExecuteFunctions,
	plan: SyncPlan,
	people: ReadonlyMap<number, Person>,
	settings: ApplySettings,
): Promise<Map<PlanEntry, Outcome>> {
	const outcomes = new Map<PlanEntry, Outcome>();
	const total = plan.entries.filter(isWrite).length;
	const stopOnFailure = !this.continueOnFail();
	const done = (entry: PlanEntry, note?: string) => {
		outcomes.set(entry, note === undefined ? { applied: true } : { applied: true, note });
	};
	let stop: { entry: PlanEntry; error: unknown } | undefined;
	const failed = (entry: PlanEntry, error: unknown) => {
		if (!stopOnFailure) {
			outcomes.set(entry, { applied: false, error });
			return;
		}
		stop ??= { entry, error };
		throw error;
	};
	// The count of applied changes is taken once the writes still running have ended.
	const phase = async (writes: Promise<void>) => {
		try {
			await writes;
		} catch (error) {
			if (!stop) throw nodeError(this.getNode(), error);
			throw stopped(this, stop.entry, stop.error, countApplied(outcomes), total);
		}
	};

	const memberWrites = plan.entries.filter((entry) => MEMBER_WRITES.has(entry.action));
	await phase(
		forEachLimited(memberWrites, settings.concurrency, async (entry) => {
			try {
				const note = await writeMember.call(this, entry, people, settings.sendInvite);
				done(entry, note);
			} catch (error) {
				failed(entry, error);
			}
		}),
	);

	// A team change waits for its member's write; created members get their ID here.
	const byPerson = new Map(memberWrites.map((entry) => [entry.itemIndex, entry]));
	const teamWrites: PlanEntry[] = [];
	for (const entry of plan.entries) {
		if (!TEAM_WRITES.has(entry.action)) continue;
		const first = byPerson.get(entry.itemIndex);
		const firstOutcome = first && outcomes.get(first);
		if (firstOutcome && !firstOutcome.applied) {
			outcomes.set(entry, {
				applied: false,
				error: new NodeOperationError(
					this.getNode(),
					`Not attempted: the ${first.action} of "${entry.email}" failed first`,
					{ itemIndex: entry.itemIndex },
				),
			});
			continue;
		}
		if (entry.memberId === undefined) entry.memberId = first?.memberId;
		teamWrites.push(entry);
	}
	await phase(writeTeams.call(this, teamWrites, settings.concurrency, done, failed));

	const deactivations = plan.entries.filter(isDeactivation);
	await phase(
		forEachLimited(deactivations, settings.concurrency, async (entry) => {
			try {
				await deactivate.call(this, entry, settings.newOwnerId);
				done(entry);
			} catch (error) {
				failed(entry, error);
			}
		}),
	);
	return outcomes;
}

function countApplied(outcomes: Map<PlanEntry, Outcome>): number {
	let applied = 0;
	for (const outcome of outcomes.values()) if (outcome.applied) applied++;
	return applied;
}

/** Writes one create, update or reactivation; returns a note when something was unusual. */
async function writeMember(
	this: IExecuteFunctions,
	entry: PlanEntry,
	people: ReadonlyMap<number, Person>,
	sendInvite: boolean,
): Promise<string | undefined> {
	if (entry.action !== 'create') {
		await patchMember.call(this, entry.memberId as string, entry.changes ?? [], entry.itemIndex);
		return undefined;
	}

	const person = people.get(entry.itemIndex as number) as Person;
	const body: IDataObject & { email: string; firstName: string; lastName: string } = {
		email: person.email,
		firstName: person.firstName as string,
		lastName: person.lastName as string,
	};
	if (person.memberType !== undefined) body.memberType = person.memberType;
	let existing: SigmaMember | undefined;
	let note: string;
	try {
		const outcome = await createMember.call(this, { body, sendInvite }, entry.itemIndex as number);
		if (outcome.created) {
			entry.memberId = outcome.member.memberId;
			return (outcome as { recovered?: boolean }).recovered ? LOST_ANSWER_NOTE : undefined;
		}
		existing = outcome.existing;
		note =
			'A member with this email was created after the plan was read; ' +
			'it was updated to match instead.';
	} catch (error) {
		// Sigma may have created the member and the answer been lost; the POST is not repeated,
		// so look for the member before calling it a failure.
		existing = await findAfterFailedCreate.call(this, person.email, entry.itemIndex);
		if (!existing) throw nodeError(this.getNode(), error, entry.itemIndex);
		note = LOST_ANSWER_NOTE;
	}

	entry.memberId = existing.memberId;
	if (existing.isInactive) {
		throw new NodeOperationError(
			this.getNode(),
			`"${existing.email}" exists, deactivated through SCIM; ` +
				`reactivate them in your identity provider [item ${entry.itemIndex}]`,
			{ itemIndex: entry.itemIndex },
		);
	}
	const changes = differences(existing, person);
	if (changes.length > 0) {
		await patchMember.call(this, existing.memberId, changes, entry.itemIndex);
	}
	return note;
}

async function findAfterFailedCreate(
	this: IExecuteFunctions,
	email: string,
	itemIndex?: number,
): Promise<SigmaMember | undefined> {
	try {
		return await findMemberByEmail.call(this, email, itemIndex);
	} catch (error) {
		// The create's own error is the one to report; this lookup only tells whether it was applied.
		this.logger.debug(
			`Sigma: looking up ${email} after a failed create failed too (${(error as Error).message})`,
		);
		return undefined;
	}
}

function differences(member: SigmaMember, person: Person): FieldChange[] {
	const changes: FieldChange[] = [];
	if (member.isArchived) changes.push({ field: 'isArchived', previous: true, current: false });
	for (const field of ['firstName', 'lastName', 'memberType'] as const) {
		const wanted = person[field];
		if (wanted !== undefined && member[field] !== wanted) {
			changes.push({ field, previous: member[field] ?? null, current: wanted });
		}
	}
	return changes;
}

async function patchMember(
	this: IExecuteFunctions,
	memberId: string,
	changes: FieldChange[],
	itemIndex?: number,
): Promise<void> {
	const body: IDataObject = {};
	for (const change of changes) body[change.field] = change.current;
	await sigmaApiRequest.call(this, {
		method: 'PATCH',
		path: endpoint`/v2/members/${memberId}`,
		body,
		itemIndex,
	});
}

/** One batch of PATCH {add, remove} requests per team, teams side by side. */
async function writeTeams(
	this: IExecuteFunctions,
	entries: PlanEntry[],
	concurrency: number,
	done: (entry: PlanEntry) => void,
	failed: (entry: PlanEntry, error: unknown) => void,
): Promise<void> {
	const byTeam = new Map<string, Map<MemberChange, PlanEntry>>();
	for (const entry of entries) {
		const teamId = entry.teamId as string;
		let team = byTeam.get(teamId);
		if (!team) byTeam.set(teamId, (team = new Map()));
		const change = entry.action === 'teamAdd' ? 'add' : 'remove';
		team.set({ memberId: entry.memberId as string, change }, entry);
	}

	await forEachLimited([...byTeam], concurrency, async ([teamId, team]) => {
		const changes = [...team.keys()];
		let failures: Map<MemberChange, unknown>;
		try {
			failures = await patchTeamMembers.call(this, teamId, changes, {
				stopOnFailure: !this.continueOnFail(),
				itemIndexOf: (change) => team.get(change)?.itemIndex,
			});
		} catch (error) {
			// Without Continue On Fail the first failure is thrown; it names the item.
			const itemIndex = (error as { context?: { itemIndex?: number } }).context?.itemIndex;
			const entry = changes.map((change) => team.get(change) as PlanEntry);
			failed(entry.find((candidate) => candidate.itemIndex === itemIndex) ?? entry[0], error);
			return;
		}
		for (const [change, entry] of team) {
			const error = failures.get(change);
			if (error === undefined) done(entry);
			else failed(entry, error);
		}
	});
}

async function deactivate(
	this: IExecuteFunctions,
	entry: PlanEntry,
	newOwnerId: string | undefined,
): Promise<void> {
	const path = endpoint`/v2/members/${entry.memberId as string}`;
	if (newOwnerId === undefined) {
		// Sigma's DELETE deactivates; the documents go to the owner of the API credentials.
		await sigmaApiRequest.call(this, { method: 'DELETE', path });
		return;
	}
	await sigmaApiRequest.call(this, {
		method: 'PATCH',
		path,
		body: { isArchived: true, newOwnerId },
	});
}

function describe(entry: PlanEntry): string {
	const who = `"${entry.email}"`;
	switch (entry.action) {
		case 'create':
			return `creating ${who}`;
		case 'update':
			return `updating ${who}`;
		case 'reactivate':
			return `reactivating ${who}`;
		case 'deactivate':
			return `deactivating ${who}`;
		case 'teamAdd':
			return `adding ${who} to team "${entry.teamName}"`;
		default:
			return `removing ${who} from team "${entry.teamName}"`;
	}
}

function stopped(
	context: IExecuteFunctions,
	entry: PlanEntry,
	error: unknown,
	applied: number,
	total: number,
): NodeOperationError {
	const cause = error as { message?: string; description?: string | null };
	const message = String(cause.message ?? error).replace(/ \[item \d+\]$/, '');
	return new NodeOperationError(
		context.getNode(),
		`Sync stopped: ${describe(entry)} failed: ${message}`,
		{
			itemIndex: entry.itemIndex,
			description: [
				`${applied} of the plan's ${total} changes had been applied; none is undone. Fix the ` +
					'cause and run the sync again: it plans afresh from Sigma and makes only the changes ' +
					'still missing. Turn on Continue On Fail to apply the other changes despite a failure.',
				cause.description,
			]
				.filter(Boolean)
				.join(' '),
		},
	);
}
