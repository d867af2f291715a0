import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MemberEvent } from './diff';
import { MEMBER_EVENTS } from './diff';
import { DEFAULT_MAX_REMOVAL_PERCENT, GUARD_OFF_PERCENT } from './guard';
import type { MemberField, WatchedField } from './snapshot';
import { MEMBER_FIELDS } from './snapshot';

export interface TriggerSettings {
	events: ReadonlySet<MemberEvent>;
	/** The member fields whose change is reported, plus `teams` with Include Teams. */
	watched: WatchedField[];
	includeArchived: boolean;
	includeInactive: boolean;
	includeTeams: boolean;
	maxRemovalPercent: number;
	/** Identifies the settings a stored member list was taken with. */
	fingerprint: string;
}

/**
 * The settings that decide what the stored list means. The guard is left out on purpose: raising
 * it for one poll must not discard the list it is guarding.
 */
export function settingsFingerprint(
	settings: Omit<TriggerSettings, 'fingerprint' | 'maxRemovalPercent'>,
): string {
	const flags = [settings.includeArchived, settings.includeInactive, settings.includeTeams];
	return [
		[...settings.events].sort().join(','),
		[...settings.watched].sort().join(','),
		flags.map((flag) => (flag ? '1' : '0')).join(''),
	].join('|');
}

function unknownValues(values: unknown[], known: readonly string[]): unknown[] {
	return values.filter((value) => typeof value !== 'string' || !known.includes(value));
}

/** Reads and checks the trigger's parameters before any request is sent. */
export function readSettings(this: IPollFunctions): TriggerSettings {
	const node = this.getNode();
	const events = this.getNodeParameter('events', []) as unknown;
	const options = this.getNodeParameter('options', {}) as IDataObject;

	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(node, 'Events is empty, so the trigger would never fire', {
			description: 'Pick at least one of Member Added, Member Changed and Member Removed.',
		});
	}
	const badEvents = unknownValues(events, MEMBER_EVENTS);
	if (badEvents.length > 0) {
		throw new NodeOperationError(node, `Events holds an unknown value: ${String(badEvents[0])}`, {
			description: `Use only ${MEMBER_EVENTS.join(', ')}.`,
		});
	}

	const watchFields = (options.watchFields ?? [...MEMBER_FIELDS]) as unknown;
	if (!Array.isArray(watchFields)) {
		throw new NodeOperationError(node, 'Watch Fields must be a list of member fields');
	}
	const badFields = unknownValues(watchFields, MEMBER_FIELDS);
	if (badFields.length > 0) {
		throw new NodeOperationError(
			node,
			`Watch Fields holds an unknown field: ${String(badFields[0])}`,
			{ description: `Use only ${MEMBER_FIELDS.join(', ')}.` },
		);
	}
	const includeTeams = options.includeTeams === true;
	const watched: WatchedField[] = MEMBER_FIELDS.filter((field: MemberField) =>
		watchFields.includes(field),
	);
	if (includeTeams) watched.push('teams');
	if (events.includes('memberChanged') && watched.length === 0) {
		throw new NodeOperationError(node, 'Watch Fields is empty, so no change could be reported', {
			description:
				'Pick at least one field in Watch Fields, remove the option to watch them all, or ' +
				'take Member Changed out of Events.',
		});
	}

	const maxRemovalPercent = Number(options.maxRemovalPercent ?? DEFAULT_MAX_REMOVAL_PERCENT);
	if (!(maxRemovalPercent >= 0 && maxRemovalPercent <= GUARD_OFF_PERCENT)) {
		throw new NodeOperationError(
			node,
			`Mass Removal Guard (%) must be between 0 and 100, not ${String(options.maxRemovalPercent)}`,
			{ description: 'Use 10 for the default protection, or 100 to turn the guard off.' },
		);
	}

	const selected = {
		events: new Set(events as MemberEvent[]),
		watched,
		includeArchived: options.includeArchived === true,
		includeInactive: options.includeInactive === true,
		includeTeams,
	};
	return { ...selected, maxRemovalPercent, fingerprint: settingsFingerprint(selected) };
}
