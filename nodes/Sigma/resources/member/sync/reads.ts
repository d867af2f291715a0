import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collect, cursorPages, endpoint, sigmaApiRequest } from '../../../../transport';
import type { SigmaMember } from '../../../shared/members';
import type { SigmaTeam } from '../../../shared/teams';
import { nodeError } from '../../../shared/validation';
import { forEachLimited } from './limit';
import type { ManagedTeam } from './plan';
import { resolveTeams } from './plan';

/** Team member lists read at once; each is a few requests at most. */
const TEAM_READS_AT_ONCE = 4;

/** The member who owns the API credentials, whom a sync never changes. */
export async function readOwnerId(this: IExecuteFunctions): Promise<string> {
	const whoami = (await sigmaApiRequest.call(this, { method: 'GET', path: '/v2/whoami' })) as {
		userId?: unknown;
		memberId?: unknown;
	};
	const ownerId = whoami.userId ?? whoami.memberId;
	if (typeof ownerId !== 'string' || ownerId === '') {
		throw new NodeOperationError(
			this.getNode(),
			'Sigma did not say who owns these API credentials (GET /v2/whoami has no userId), ' +
				'so the sync cannot make sure it leaves them alone; nothing was changed',
		);
	}
	return ownerId;
}

/**
 * Every member, deactivated and SCIM-inactive ones too: a returning employee is then found and
 * reactivated rather than refused as a duplicate.
 */
export async function readMembers(this: IExecuteFunctions): Promise<SigmaMember[]> {
	const pages = cursorPages.call(this, '/v2/members', {
		qs: { includeArchived: true, includeInactive: true },
	});
	return (await collect(pages)) as SigmaMember[];
}

/**
 * The managed teams with their members. The team list is read to resolve names and to check that
 * every managed team exists; then each team's member list.
 */
export async function readManagedTeams(
	this: IExecuteFunctions,
	values: string[],
): Promise<ManagedTeam[]> {
	const teams = (await collect(cursorPages.call(this, '/v2/teams'))) as SigmaTeam[];
	const { found, unknown } = resolveTeams(
		values,
		teams.map((team) => ({ teamId: team.teamId, name: String(team.name ?? '') })),
	);
	if (unknown.length > 0) {
		const names = unknown.map((value) => `"${value}"`).join(', ');
		throw new NodeOperationError(
			this.getNode(),
			`Manage Teams: no team has the name or ID ${names} in this Sigma organization; ` +
				'pick the teams from the list, or correct the expression. Nothing was changed.',
		);
	}

	const managed: ManagedTeam[] = [];
	await forEachLimited(found, TEAM_READS_AT_ONCE, async (team) => {
		const path = endpoint`/v2/teams/${team.teamId}/members`;
		const entries = (await collect(cursorPages.call(this, path))) as IDataObject[];
		const memberIds = new Set(entries.map((entry) => String(entry.userId ?? entry.memberId)));
		managed.push({ ...team, memberIds });
	});
	const order = new Map(found.map((team, index) => [team.teamId, index]));
	return managed.sort((a, b) => (order.get(a.teamId) ?? 0) - (order.get(b.teamId) ?? 0));
}

/** Reads in parallel; the first failure is thrown once every read has ended. */
export async function readAll<T extends unknown[]>(
	this: IExecuteFunctions,
	reads: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
	const settled = await Promise.allSettled(reads);
	const failed = settled.find((result) => result.status === 'rejected');
	if (failed) throw nodeError(this.getNode(), (failed as PromiseRejectedResult).reason);
	return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as T;
}
