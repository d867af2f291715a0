import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { endpoint, sigmaApiRequest } from '../../../transport';
import type { MemberRef, TeamRef } from '../../shared/locators';
import { memberLocator, readMemberRef, readTeamRef, teamLocator } from '../../shared/locators';
import { MemberDirectory } from '../../shared/members';
import { checkPlanned, planItems, readyItems, runPlanned } from '../../shared/plan';
import { TeamDirectory } from '../../shared/teams';
import { httpStatus, invalidInput, nodeError } from '../../shared/validation';

/** Sigma refuses a PATCH /v2/teams/{id}/members with more member IDs than this. */
export const MAX_MEMBERS_PER_REQUEST = 1000;

export type MembershipChange = 'add' | 'remove';

export function membershipDescription(change: MembershipChange): INodeProperties[] {
	const operation = change === 'add' ? 'addMembers' : 'removeMembers';
	const displayOptions = { show: { resource: ['team'], operation: [operation] } };
	return [
		teamLocator(displayOptions),
		memberLocator(displayOptions, {
			description:
				change === 'add'
					? 'The member to add, one per input item; items for the same team are sent together'
					: 'The member to remove, one per input item; items for the same team are sent together',
		}),
	];
}

interface Request {
	team: TeamRef;
	member: MemberRef;
	teamId?: string;
	memberId?: string;
}

/** Failures by team ID and member ID, filled while the batches are sent. */
type Failures = Map<string, Map<string, unknown>>;

/**
 * Adds or removes one member per input item. Items are checked first (the team found, the member
 * found and active), then grouped by team and sent as few PATCH requests as Sigma allows. Sigma
 * refuses a whole request when one member in it cannot be changed; such a batch is split in
 * halves until the member at fault is isolated, so only that item fails. Other failures (the team
 * is gone, Sigma is down) fail every item of the batch.
 */
export async function changeMembership(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	change: MembershipChange,
): Promise<INodeExecutionData[]> {
	const plan = planItems(
		this,
		items,
		(itemIndex): Request => ({
			team: readTeamRef.call(this, 'teamId', itemIndex),
			member: readMemberRef.call(this, 'memberId', itemIndex),
		}),
	);

	const teams = new TeamDirectory(this);
	const members = new MemberDirectory(this);
	await members.preload(readyItems(plan).map(({ value }) => value.member));
	await checkPlanned(this, plan, async (request, itemIndex) => {
		request.teamId = await teams.teamId(request.team, itemIndex);
		const member = await members.require(request.member, itemIndex);
		if (member.isArchived || member.isInactive) {
			const state = member.isInactive ? 'deactivated through SCIM' : 'deactivated';
			throw invalidInput.call(
				this,
				itemIndex,
				`Member "${member.email}" (${member.memberId}) is ${state}, ` +
					`and Sigma cannot ${change} deactivated or SCIM-inactive members ` +
					`${change === 'add' ? 'to' : 'from'} a team; reactivate the member first`,
			);
		}
		request.memberId = member.memberId;
	});

	const failures: Failures = new Map();
	for (const [teamId, batch] of groupByTeam(readyItems(plan))) {
		const changes = [...batch.keys()].map((memberId) => ({ memberId, change }));
		const failed = await patchTeamMembers.call(this, teamId, changes, {
			stopOnFailure: !this.continueOnFail(),
			itemIndexOf: ({ memberId }) => batch.get(memberId),
		});
		for (const [{ memberId }, error] of failed) record(failures, teamId, memberId, error);
	}

	const flag = change === 'add' ? 'added' : 'removed';
	return await runPlanned(this, items, plan, async (request) => {
		const teamId = request.teamId as string;
		const memberId = request.memberId as string;
		const failure = failures.get(teamId)?.get(memberId);
		if (failure !== undefined) throw failure;
		return { teamId, memberId, [flag]: true };
	});
}

/** Team ID -> member ID -> the first item asking for it, in input order. */
function groupByTeam(ready: Array<{ itemIndex: number; value: Request }>) {
	const groups = new Map<string, Map<string, number>>();
	for (const { itemIndex, value } of ready) {
		const teamId = value.teamId as string;
		const memberId = value.memberId as string;
		let group = groups.get(teamId);
		if (!group) groups.set(teamId, (group = new Map()));
		if (!group.has(memberId)) group.set(memberId, itemIndex);
	}
	return groups;
}

function record(failures: Failures, teamId: string, memberId: string, error: unknown) {
	let team = failures.get(teamId);
	if (!team) failures.set(teamId, (team = new Map()));
	team.set(memberId, error);
}

export interface MemberChange {
	memberId: string;
	change: MembershipChange;
}

export interface PatchOptions {
	/** Throw the first failure (the node stops) instead of returning it. */
	stopOnFailure: boolean;
	/** The input item a change belongs to, named in its error. */
	itemIndexOf?: (change: MemberChange) => number | undefined;
}

/**
 * Sends one team's member changes (adds and removes together) in as few PATCH requests as Sigma
 * allows. Sigma refuses a whole request when one member in it cannot be changed; such a request
 * is split in halves until the member at fault is isolated, so only that change fails. When
 * Sigma says the team does not exist, the team's remaining changes fail without being sent.
 * Returns the changes that failed, with their errors.
 */
export async function patchTeamMembers(
	this: IExecuteFunctions,
	teamId: string,
	changes: MemberChange[],
	options: PatchOptions,
): Promise<Map<MemberChange, unknown>> {
	const failed = new Map<MemberChange, unknown>();
	for (let start = 0; start < changes.length; start += MAX_MEMBERS_PER_REQUEST) {
		const chunk = changes.slice(start, start + MAX_MEMBERS_PER_REQUEST);
		const gone = await send.call(this, teamId, chunk, options, failed);
		if (gone !== undefined) {
			for (const change of changes.slice(start + chunk.length)) failed.set(change, gone);
			break;
		}
	}
	return failed;
}

/** Sends one request, splitting it on a 400; returns the error when the team does not exist. */
async function send(
	this: IExecuteFunctions,
	teamId: string,
	changes: MemberChange[],
	options: PatchOptions,
	failed: Map<MemberChange, unknown>,
): Promise<unknown> {
	const itemIndex = options.itemIndexOf?.(changes[0]);
	const body: Record<MembershipChange, string[]> = { add: [], remove: [] };
	for (const { memberId, change } of changes) body[change].push(memberId);
	try {
		await sigmaApiRequest.call(this, {
			method: 'PATCH',
			path: endpoint`/v2/teams/${teamId}/members`,
			body: Object.fromEntries(Object.entries(body).filter(([, ids]) => ids.length > 0)),
			itemIndex: changes.length === 1 ? itemIndex : undefined,
		});
		return undefined;
	} catch (error) {
		const status = httpStatus(error);
		if (status === 400 && changes.length > 1) {
			const half = Math.ceil(changes.length / 2);
			await send.call(this, teamId, changes.slice(0, half), options, failed);
			await send.call(this, teamId, changes.slice(half), options, failed);
			return undefined;
		}
		if (options.stopOnFailure) throw nodeError(this.getNode(), error, itemIndex);
		for (const change of changes) failed.set(change, error);
		return status === 404 ? error : undefined;
	}
}
