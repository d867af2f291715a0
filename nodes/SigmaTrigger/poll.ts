import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CurrentMembers } from './diff';
import { currentMembers, diffMembers, toEvents } from './diff';
import { listMembers, recheckMissing, teamsOfMembers } from './fetch';
import { checkRemovals, guardError } from './guard';
import type { TriggerSettings } from './settings';
import { readSettings } from './settings';
import { encodeSnapshot, StoredMembers } from './snapshot';

/** Members returned by Fetch Test Event. */
const SAMPLE_SIZE = 3;

/** The key of the member list in the node's workflow static data. */
const STATE_KEY = 'members';

async function teamsFor(
	this: IPollFunctions,
	settings: TriggerSettings,
	records: readonly IDataObject[],
): Promise<Map<string, string[]> | undefined> {
	if (!settings.includeTeams) return undefined;
	return await teamsOfMembers.call(
		this,
		records.map((record) => record.memberId as string),
	);
}

/** A few current members as memberAdded events, so that fields can be mapped; stores nothing. */
async function sampleEvents(
	this: IPollFunctions,
	settings: TriggerSettings,
	detectedAt: string,
): Promise<INodeExecutionData[][] | null> {
	const records = await listMembers.call(this, settings, SAMPLE_SIZE);
	const current = currentMembers(records, await teamsFor.call(this, settings, records));
	const diff = { added: current.members, changed: [], removed: [] };
	const events = toEvents(diff, new Set(['memberAdded'] as const), detectedAt);
	return events.length === 0 ? null : [this.helpers.returnJsonArray(events)];
}

/**
 * One poll: read the whole member list, compare it with the list stored by the previous poll,
 * and emit one item per event. The stored list is replaced only once everything succeeded, so a
 * failed or stopped poll leaves it as it was and the next poll sees the same changes.
 */
export async function pollMembers(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	const detectedAt = new Date().toISOString();
	if (this.getMode() === 'manual') return await sampleEvents.call(this, settings, detectedAt);

	const stored = StoredMembers.read(this.getWorkflowStaticData('node')[STATE_KEY]);
	const previous = stored?.fingerprint === settings.fingerprint ? stored : undefined;

	let records = await listMembers.call(this, settings);
	const teams = await teamsFor.call(this, settings, records);
	let current: CurrentMembers = currentMembers(records, teams);

	let events: IDataObject[] = [];
	if (previous) {
		let diff = diffMembers(previous, current, settings.watched);
		const check = checkRemovals(
			diff.removed.length,
			previous.size,
			current.members.length,
			settings.maxRemovalPercent,
		);
		if (!check.allowed) {
			const { message, description } = guardError(check, settings.maxRemovalPercent);
			throw new NodeOperationError(this.getNode(), message, { description });
		}

		const missed = await recheckMissing.call(this, diff.removed, settings);
		if (missed.length > 0) {
			const missedTeams = await teamsFor.call(this, settings, missed);
			for (const [id, list] of missedTeams ?? []) teams?.set(id, list);
			records = records.concat(missed);
			current = currentMembers(records, teams);
			diff = diffMembers(previous, current, settings.watched);
		}
		events = toEvents(diff, settings.events, detectedAt);
	} else {
		this.logger.debug(
			`Sigma Trigger recorded ${current.members.length} members as its baseline (first poll, ` +
				'or the settings changed); events start with the next poll',
		);
	}

	const states = current.members.map((member) => member.state);
	const snapshot = encodeSnapshot(settings.fingerprint, states, settings.includeTeams);
	this.getWorkflowStaticData('node')[STATE_KEY] = snapshot;
	return events.length === 0 ? null : [this.helpers.returnJsonArray(events)];
}
