import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AccountTypeCheck } from '../../../shared/accountTypes';
import { errorItem } from '../../../shared/items';
import type { SigmaMember } from '../../../shared/members';
import type { Planned } from '../../../shared/plan';
import { checkPlanned, planItems } from '../../../shared/plan';
import {
	checkEmail,
	checkId,
	EMAIL_PATTERN,
	invalidInput,
	nodeError,
} from '../../../shared/validation';
import type { Outcome } from './apply';
import { applyPlan, isWrite } from './apply';
import type { SyncSettings } from './input';
import { rawEmail, readPerson, readSettings, valueAt } from './input';
import type { ManagedTeam, Person, PlanEntry, SyncPlan } from './plan';
import { planSync } from './plan';
import { readManagedTeams, readMembers, readOwnerId } from './reads';

export { description } from './description';

/**
 * Member > Sync From List. Reads every input item first and validates them all, reads Sigma
 * once (whoami, every member, the account types, the managed teams), plans, and in Apply mode
 * makes the plan's changes. Output: one item per person and action, then a summary item.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const settings = readSettings.call(this);
	const withTeams = settings.manageTeams.length > 0;
	refuseEmptyInput.call(this, items, settings);
	if (withTeams) requireTeamsField.call(this, items, settings);

	const planned = planItems(this, items, (itemIndex) =>
		readPerson.call(this, items[itemIndex], itemIndex, settings.fields, withTeams),
	);
	rejectDuplicates.call(this, planned);
	// Alone and first: without a stored access token, this request fetches one for the others.
	const ownerId = await readOwnerId.call(this);
	await checkAccountTypes.call(this, planned);
	const valid = validPeople.call(this, items, planned, settings);

	const [members, managedTeams] = await readState.call(this, settings);
	const plan = planSync({
		people: [...valid.people.values()],
		heldBack: valid.heldBack,
		members,
		ownerId,
		managedTeams,
		// An item without a readable email may be any member's: deactivate no one this run.
		deactivateMissing: settings.deactivateMissing && valid.unreadable === 0,
		scope: settings.scope,
		maxDeactivations: settings.maxDeactivations,
	});
	for (const { itemIndex, message } of plan.unplannable) {
		const error = invalidInput.call(this, itemIndex, message);
		if (!this.continueOnFail()) throw error;
		planned[itemIndex] = { error };
		valid.people.delete(itemIndex);
	}
	const newOwnerId = resolveNewOwner.call(this, settings, members, plan);
	const guard = deactivationGuard(plan);

	let outcomes: Map<PlanEntry, Outcome> | undefined;
	if (settings.mode === 'apply') {
		if (guard !== undefined) {
			throw new NodeOperationError(this.getNode(), `${guard.message} Nothing was changed.`, {
				description: guard.fix,
			});
		}
		outcomes = await applyPlan.call(this, plan, valid.people, {
			concurrency: settings.concurrency,
			sendInvite: settings.sendInvite,
			newOwnerId,
		});
	}
	const warning =
		settings.deactivateMissing && valid.unreadable > 0
			? heldBackWarning(valid.unreadable)
			: guard && `Apply would refuse: ${guard.message} ${guard.fix}`;
	return output(items, planned, plan, settings, outcomes, warning);
}

/** Each account type is checked once; only the items of a type that fails get its error. */
async function checkAccountTypes(
	this: IExecuteFunctions,
	planned: Array<Planned<Person>>,
): Promise<void> {
	const accountTypes = new AccountTypeCheck(this);
	const known = new Set<string>();
	await checkPlanned(this, planned, async ({ memberType }, itemIndex) => {
		if (memberType === undefined || known.has(memberType)) return;
		await accountTypes.check(memberType, itemIndex);
		known.add(memberType);
	});
}

/**
 * The people who passed validation. The emails of the others are held back, so that their
 * members are not taken for leavers; `unreadable` counts the items without a valid email.
 */
function validPeople(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	planned: Array<Planned<Person>>,
	settings: SyncSettings,
) {
	const people = new Map<number, Person>();
	const heldBack = new Set<string>();
	let unreadable = 0;
	for (const [itemIndex, entry] of planned.entries()) {
		if ('value' in entry) {
			people.set(itemIndex, entry.value);
			continue;
		}
		const email = rawEmail(items[itemIndex], settings.fields);
		if (email !== undefined) heldBack.add(email);
		if (email === undefined || !EMAIL_PATTERN.test(email)) unreadable++;
	}
	if (settings.deactivateMissing && people.size === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'No item of the input is a valid person, and Deactivate Missing Members is on: ' +
				'that would deactivate every member in the scope. Nothing was changed.',
			{ description: 'Fix the items (see their errors), then run the sync again.' },
		);
	}
	return { people, heldBack, unreadable };
}

function heldBackWarning(unreadable: number): string {
	const one = unreadable === 1;
	return (
		`No member was deactivated: ${unreadable} item${one ? ' has' : 's have'} no ` +
		`valid email, so the sync cannot tell whose ${one ? 'it is' : 'they are'}. ` +
		`Fix ${one ? 'it' : 'them'} (see the error items) and run the sync again.`
	);
}

/**
 * An empty list (or the single empty item of an upstream node's Always Output Data) with
 * Deactivate Missing Members on would deactivate everyone: the usual sign of a broken HR read.
 */
function refuseEmptyInput(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: SyncSettings,
): void {
	if (!settings.deactivateMissing) return;
	if (items.some((item) => Object.keys(item.json ?? {}).length > 0)) return;
	throw new NodeOperationError(
		this.getNode(),
		'The input is empty, and Deactivate Missing Members is on: ' +
			'that would deactivate every member in the scope. Nothing was changed.',
		{
			description:
				'Check the node that reads the list of people: it returned nothing. ' +
				'To deactivate members on purpose, use Member > Deactivate.',
		},
	);
}

/** With managed teams, a list without the teams field would take everyone out of them. */
function requireTeamsField(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: SyncSettings,
): void {
	if (items.length === 0) return;
	if (items.some((item) => valueAt(item.json ?? {}, settings.fields.teams) !== undefined)) return;
	throw new NodeOperationError(
		this.getNode(),
		`No input item has the field "${settings.fields.teams}", ` +
			'so every person would be removed from the managed teams; map the field that ' +
			"lists each person's teams in Input Fields > Teams Field. Nothing was changed.",
	);
}

/** Two items for one email cannot both be right: both fail, and that member is left alone. */
function rejectDuplicates(this: IExecuteFunctions, planned: Array<Planned<Person>>): void {
	const firstItem = new Map<string, number>();
	const duplicates = new Map<string, number[]>();
	for (const [itemIndex, entry] of planned.entries()) {
		if (!('value' in entry)) continue;
		const key = entry.value.email.toLowerCase();
		const first = firstItem.get(key);
		if (first === undefined) firstItem.set(key, itemIndex);
		else duplicates.set(key, [...(duplicates.get(key) ?? [first]), itemIndex]);
	}
	for (const indexes of duplicates.values()) {
		for (const itemIndex of indexes) {
			if (itemIndex === indexes[0] && !this.continueOnFail()) continue;
			const email = (planned[itemIndex] as { value: Person }).value.email;
			const others = indexes.filter((other) => other !== itemIndex).join(', ');
			const error = invalidInput.call(
				this,
				itemIndex,
				`Email "${email}" is also in item ${others}; ` +
					'each person must be in the list once. Remove the duplicate, or correct the email',
			);
			if (!this.continueOnFail()) throw nodeError(this.getNode(), error, itemIndex);
			planned[itemIndex] = { error };
		}
	}
}

async function readState(
	this: IExecuteFunctions,
	settings: SyncSettings,
): Promise<[SigmaMember[], ManagedTeam[] | undefined]> {
	const reads = await Promise.allSettled([
		readMembers.call(this),
		settings.manageTeams.length > 0
			? readManagedTeams.call(this, settings.manageTeams)
			: Promise.resolve(undefined),
	]);
	for (const read of reads) {
		if (read.status === 'rejected') throw nodeError(this.getNode(), read.reason);
	}
	const [members, teams] = reads as [
		PromiseFulfilledResult<SigmaMember[]>,
		PromiseFulfilledResult<ManagedTeam[] | undefined>,
	];
	return [members.value, teams.value];
}

/** The member ID of New Owner, checked against the members just read. */
function resolveNewOwner(
	this: IExecuteFunctions,
	settings: SyncSettings,
	members: SigmaMember[],
	plan: SyncPlan,
): string | undefined {
	if (settings.newOwner === undefined || !settings.deactivateMissing) return undefined;
	const value = settings.newOwner;
	const fail = (message: string) =>
		new NodeOperationError(this.getNode(), `New Owner ${message}. Nothing was changed.`);

	let owner: SigmaMember | undefined;
	if (value.includes('@')) {
		const email = checkEmail.call(this, value, 'New Owner', 0).toLowerCase();
		owner = members.find((member) => member.email.toLowerCase() === email);
	} else {
		const memberId = checkId.call(this, value, 'New Owner', 0);
		owner = members.find((member) => member.memberId === memberId);
	}
	if (!owner) {
		throw fail(
			`"${value}" is not a member of this organization: ` +
				'enter the member ID or email of an active member',
		);
	}
	if (owner.isArchived || owner.isInactive) {
		throw fail(`"${value}" is deactivated and cannot receive documents: choose an active member`);
	}
	const leaving = plan.entries.some(
		(entry) => entry.action === 'deactivate' && entry.memberId === owner.memberId,
	);
	if (leaving) throw fail(`"${value}" is one of the members this sync deactivates: choose another`);
	return owner.memberId;
}

interface Guard {
	message: string;
	fix: string;
}

function deactivationGuard(plan: SyncPlan): Guard | undefined {
	const count = plan.counts.deactivate;
	if (count <= plan.deactivationLimit) return undefined;
	const share = plan.managedMembers === 0 ? 100 : Math.ceil((count * 100) / plan.managedMembers);
	return {
		message:
			`The plan deactivates ${count} member${count === 1 ? '' : 's'}, ` +
			`more than Max Deactivations allows (${plan.deactivationLimit}, ` +
			`of ${plan.managedMembers} active members in the scope).`,
		fix:
			'Run the node in Plan mode and check the items with action "deactivate". ' +
			`If they are right, set Max Deactivations to ${count} (or ${share}%) and run Apply again; ` +
			'if not, fix the input: every member in the scope who is missing from it is deactivated.',
	};
}

function output(
	items: INodeExecutionData[],
	planned: Array<Planned<Person>>,
	plan: SyncPlan,
	settings: SyncSettings,
	outcomes: Map<PlanEntry, Outcome> | undefined,
	warning: string | undefined,
): INodeExecutionData[] {
	const byItem = new Map<number, PlanEntry[]>();
	const leavers: PlanEntry[] = [];
	for (const entry of plan.entries) {
		if (entry.itemIndex === undefined) {
			leavers.push(entry);
			continue;
		}
		const list = byItem.get(entry.itemIndex);
		if (list) list.push(entry);
		else byItem.set(entry.itemIndex, [entry]);
	}

	const result: INodeExecutionData[] = [];
	let invalid = 0;
	for (const [itemIndex, entry] of planned.entries()) {
		if (!('value' in entry)) {
			invalid++;
			result.push(errorItem(entry.error, itemIndex));
			continue;
		}
		for (const planEntry of byItem.get(itemIndex) ?? []) {
			result.push({
				json: entryJson(planEntry, outcomes?.get(planEntry)),
				pairedItem: { item: itemIndex },
			});
		}
	}
	// A leaver has no input item; n8n still wants every item paired, so with the first one.
	const firstItem = items.length > 0 ? { item: 0 } : undefined;
	for (const entry of leavers) {
		result.push({ json: entryJson(entry, outcomes?.get(entry)), pairedItem: firstItem });
	}

	const summary: IDataObject = {
		action: 'summary',
		mode: settings.mode,
		people: planned.length - invalid,
		invalid,
		managedMembers: plan.managedMembers,
		deactivationLimit: plan.deactivationLimit,
		counts: plan.counts,
	};
	if (outcomes) {
		let applied = 0;
		for (const outcome of outcomes.values()) if (outcome.applied) applied++;
		summary.applied = applied;
		summary.failed = outcomes.size - applied;
	} else {
		summary.changes = plan.entries.filter(isWrite).length;
	}
	if (warning !== undefined) summary.warning = warning;
	result.push({ json: summary, pairedItem: items.map((_, item) => ({ item })) });
	return result;
}

function entryJson(entry: PlanEntry, outcome: Outcome | undefined): IDataObject {
	const json: IDataObject = {
		action: entry.action,
		email: entry.email,
		memberId: entry.memberId ?? null,
	};
	if (entry.teamId !== undefined) {
		json.teamId = entry.teamId;
		json.teamName = entry.teamName ?? null;
	}
	if (entry.changes) json.changes = entry.changes.map((change) => ({ ...change }));
	if (entry.reason !== undefined) json.reason = entry.reason;
	if (outcome) {
		json.outcome = outcome.applied ? 'applied' : 'failed';
		if (outcome.note !== undefined) json.note = outcome.note;
		if (outcome.error !== undefined) {
			const { error, description } = errorItem(outcome.error, entry.itemIndex ?? 0).json;
			json.error = error;
			if (description !== undefined) json.description = description;
		}
	}
	return json;
}
