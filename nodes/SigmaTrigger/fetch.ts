import type { IDataObject, IPollFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collect, cursorPages, endpoint, sigmaApiRequest } from '../transport';
import type { MemberState } from './snapshot';
import type { TriggerSettings } from './settings';

/** Requests in flight at once when one request per team or per member is needed. */
const CONCURRENCY = 5;

type Filters = Pick<TriggerSettings, 'includeArchived' | 'includeInactive'>;

async function mapConcurrently<T, R>(
	inputs: readonly T[],
	work: (input: T) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (!failed && next < inputs.length) {
			const index = next++;
			let succeeded = false;
			try {
				results[index] = await work(inputs[index]);
				succeeded = true;
			} finally {
				// One failure fails the poll, so the other workers stop sending requests.
				if (!succeeded) failed = true;
			}
		}
	};
	// Settle every worker before failing, so that no request of a failed poll is still running.
	const workers = Array.from({ length: Math.min(CONCURRENCY, inputs.length) }, worker);
	const failure = (await Promise.allSettled(workers)).find(
		(outcome) => outcome.status === 'rejected',
	);
	if (failure) throw (failure as PromiseRejectedResult).reason;
	return results;
}

/** Sigma always sends a memberId; members without one cannot be compared, so the poll stops. */
function requireMemberIds(this: IPollFunctions, records: IDataObject[]): IDataObject[] {
	for (const record of records) {
		if (typeof record.memberId !== 'string' || record.memberId === '') {
			throw new NodeOperationError(
				this.getNode(),
				'Sigma answered with a member without a memberId, so the list cannot be compared',
				{ description: 'Nothing was emitted and the stored list was kept. Try again later.' },
			);
		}
	}
	return records;
}

/** Every page of the member list (or the first `limit` members); throws if any page fails. */
export async function listMembers(
	this: IPollFunctions,
	filters: Filters,
	limit?: number,
): Promise<IDataObject[]> {
	const qs = { includeArchived: filters.includeArchived, includeInactive: filters.includeInactive };
	const members = await collect(cursorPages.call(this, '/v2/members', { qs, limit }));
	return requireMemberIds.call(this, members);
}

/** Whether a member belongs in a list read with these filters. */
export function isListed(record: IDataObject, filters: Filters): boolean {
	if (record.isArchived === true && !filters.includeArchived) return false;
	if (record.isInactive === true && !filters.includeInactive) return false;
	return true;
}

/**
 * Reads each member missing from the list by ID and returns those that should have been in it:
 * a page read while other members change can skip one, and a skipped member must not be
 * reported as removed. A 404 confirms the removal; any other failure fails the poll.
 */
export async function recheckMissing(
	this: IPollFunctions,
	missing: readonly MemberState[],
	filters: Filters,
): Promise<IDataObject[]> {
	const records = await mapConcurrently(
		missing,
		async (member) =>
			await sigmaApiRequest
				.call(this, { method: 'GET', path: endpoint`/v2/members/${member.memberId}` })
				.then(
					(record) => record as IDataObject,
					(error: unknown) => {
						if ((error as NodeApiError).httpCode === '404') return undefined;
						throw error;
					},
				),
	);
	const found = records.filter((record): record is IDataObject => record !== undefined);
	return requireMemberIds.call(this, found).filter((record) => isListed(record, filters));
}

async function teamIdsOf(this: IPollFunctions, memberId: string): Promise<string[]> {
	const teams = await collect(cursorPages.call(this, endpoint`/v2/members/${memberId}/teams`));
	return teams.map((team) => String(team.teamId));
}

async function memberIdsOf(this: IPollFunctions, teamId: string): Promise<string[]> {
	const entries = await collect(cursorPages.call(this, endpoint`/v2/teams/${teamId}/members`));
	// Team member lists name the member ID `userId`.
	return entries.map((entry) => String(entry.userId));
}

/**
 * The sorted team IDs of each member. Team membership can be read per team (one request per team
 * and page of its members) or per member (one request per member at least); the teams are listed
 * first, and the way with fewer requests is taken.
 */
export async function teamsOfMembers(
	this: IPollFunctions,
	memberIds: readonly string[],
): Promise<Map<string, string[]>> {
	const teams = await collect(cursorPages.call(this, '/v2/teams'));
	const teamIds = teams.map((team) => String(team.teamId));
	const result = new Map<string, string[]>();
	for (const id of memberIds) result.set(id, []);

	if (teamIds.length <= memberIds.length) {
		const members = await mapConcurrently(teamIds, async (id) => await memberIdsOf.call(this, id));
		teamIds.forEach((teamId, index) => {
			for (const memberId of members[index]) result.get(memberId)?.push(teamId);
		});
	} else {
		const lists = await mapConcurrently(memberIds, async (id) => await teamIdsOf.call(this, id));
		memberIds.forEach((memberId, index) => result.set(memberId, lists[index]));
	}
	for (const list of result.values()) list.sort();
	return result;
}
