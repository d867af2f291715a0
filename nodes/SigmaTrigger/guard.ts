/**
 * A poll may always remove this many members, so that one or two people leaving a small org are
 * not a "mass" removal; beyond it, the percentage applies.
 */
export const ALWAYS_ALLOWED_REMOVALS = 3;

/** A Mass Removal Guard of 100% allows any removal: the guard is off. */
export const GUARD_OFF_PERCENT = 100;

export const DEFAULT_MAX_REMOVAL_PERCENT = 10;

export interface RemovalCheck {
	allowed: boolean;
	removals: number;
	stored: number;
	/** Removals as a share of the stored members, in percent. */
	percent: number;
}

/**
 * Whether a poll may remove `removals` of the `stored` members, leaving `remaining` in the list.
 * A list that comes back empty never passes while the guard is on: the credential's owner is
 * always a member, so an empty list means Sigma answered wrongly.
 */
export function checkRemovals(
	removals: number,
	stored: number,
	remaining: number,
	maxPercent: number,
): RemovalCheck {
	const withinShare = removals * 100 <= maxPercent * stored;
	const allowed =
		maxPercent >= GUARD_OFF_PERCENT ||
		removals === 0 ||
		(remaining > 0 && (removals <= ALWAYS_ALLOWED_REMOVALS || withinShare));
	return { allowed, removals, stored, percent: stored === 0 ? 0 : (removals * 100) / stored };
}

function formatPercent(percent: number): string {
	return `${Math.round(percent * 10) / 10}%`;
}

/** The error for a poll the guard stopped: what would have happened, and how to go on. */
export function guardError(check: RemovalCheck, maxPercent: number) {
	const share = formatPercent(check.percent);
	const raiseTo = Math.min(GUARD_OFF_PERCENT, Math.max(1, Math.ceil(check.percent)));
	return {
		message:
			`The Mass Removal Guard stopped this poll: ${check.removals} of ${check.stored} members ` +
			`(${share}) would be reported as removed, more than the ${maxPercent}% it allows`,
		description:
			'Nothing was emitted and the stored member list was kept, so no event is lost. If these ' +
			'removals are expected (for example a planned offboarding), set "Mass Removal Guard (%)" ' +
			`in the trigger's options to ${raiseTo} or more for one poll, then set it back; 100 ` +
			'turns the guard off. If they are not expected, check the member list in Sigma and that ' +
			"the trigger's credential still sees every member.",
	};
}
