import type { IDataObject } from 'n8n-workflow';

import type { Member, Org } from '../../../emulator';

/** One row of an HR list, in the shape Sync From List reads by default. */
export interface HrPerson extends IDataObject {
	email: string;
	firstName: string;
	lastName: string;
	memberType: string;
	teams: string[];
}

export interface FieldChangeJson {
	field: string;
	previous: string | boolean | null;
	current: string | boolean | null;
}

/** What the sync must plan for a list built by `hrListWithDifferences`, by action. */
export interface ExpectedPlan {
	create: string[];
	update: Map<string, FieldChangeJson[]>;
	reactivate: string[];
	deactivate: string[];
	/** `email|team name` pairs. */
	teamAdd: string[];
	teamRemove: string[];
	unchanged: string[];
}

export function isActive(member: Member): boolean {
	return !member.isArchived && !member.isInactive;
}

function teamNamesOf(org: Org, memberId: string): string[] {
	return org.memberTeams(memberId).map((team) => team.name);
}

export function personOf(org: Org, member: Member): HrPerson {
	return {
		email: member.email,
		firstName: member.firstName,
		lastName: member.lastName,
		memberType: member.memberType,
		teams: teamNamesOf(org, member.memberId),
	};
}

/** The list that matches the org as it is: every active member but the owner. */
export function hrListOf(org: Org): HrPerson[] {
	return org.members
		.filter((member) => member !== org.owner && isActive(member))
		.map((member) => personOf(org, member));
}

/**
 * The org's list with `count` differences of each kind: people who are new, changed first or
 * last names, changed account types, archived members who return, members missing from the
 * list, team joins and team leaves. Each kind touches different people, so the expected plan
 * is known exactly.
 */
export function hrListWithDifferences(org: Org, count: number) {
	const teams = org.teams.map((team) => team.name);
	const active = org.members.filter((member) => member !== org.owner && isActive(member));
	const archived = org.members.filter((member) => member.isArchived && !member.isInactive);
	if (active.length < count * 6 || archived.length < count || teams.length < 2) {
		throw new Error('The org is too small for this many differences');
	}
	// Spread the picks over the whole org rather than taking the first members.
	const step = Math.floor(active.length / (count * 6));
	const pick = (kind: number) =>
		Array.from({ length: count }, (_, n) => active[(n * 6 + kind) * step] as Member);
	const [renamed, retyped, leaving, joining, quitting] = [0, 1, 2, 3, 4].map(pick);

	const expected: ExpectedPlan = {
		create: [],
		update: new Map(),
		reactivate: [],
		deactivate: leaving.map((member) => member.email),
		teamAdd: [],
		teamRemove: [],
		unchanged: [],
	};
	const leavingIds = new Set(leaving.map((member) => member.memberId));
	const list = active
		.filter((member) => !leavingIds.has(member.memberId))
		.map((member) => personOf(org, member));
	const byEmail = new Map(list.map((person) => [person.email, person]));

	renamed.forEach((member, n) => {
		const person = byEmail.get(member.email) as HrPerson;
		const field = n % 2 === 0 ? 'lastName' : 'firstName';
		person[field] = `${member[field]}-Renamed`;
		expected.update.set(member.email, [{ field, previous: member[field], current: person[field] }]);
	});
	retyped.forEach((member) => {
		const person = byEmail.get(member.email) as HrPerson;
		person.memberType = member.memberType === 'Build' ? 'View' : 'Build';
		expected.update.set(member.email, [
			{ field: 'memberType', previous: member.memberType, current: person.memberType },
		]);
	});
	joining.forEach((member) => {
		const person = byEmail.get(member.email) as HrPerson;
		const team = teams.find((name) => !person.teams.includes(name)) as string;
		person.teams = [...person.teams, team];
		expected.teamAdd.push(`${member.email}|${team}`);
	});
	quitting.forEach((member) => {
		const person = byEmail.get(member.email) as HrPerson;
		const team = person.teams[0] as string;
		person.teams = person.teams.slice(1);
		expected.teamRemove.push(`${member.email}|${team}`);
	});
	for (const member of archived.slice(0, count)) {
		list.push(personOf(org, member));
		expected.reactivate.push(member.email);
	}
	for (let n = 0; n < count; n++) {
		const team = teams[n % teams.length] as string;
		const email = `joiner.${n}@example.com`;
		list.push({
			email,
			firstName: 'Joiner',
			lastName: `Number${n}`,
			memberType: n % 2 === 0 ? 'View' : 'Analyze',
			teams: [team],
		});
		expected.create.push(email);
		expected.teamAdd.push(`${email}|${team}`);
	}

	const changed = new Set([
		...expected.create,
		...expected.update.keys(),
		...expected.reactivate,
		...expected.teamAdd.map((pair) => pair.split('|')[0]),
		...expected.teamRemove.map((pair) => pair.split('|')[0]),
	]);
	expected.unchanged = list.map((person) => person.email).filter((email) => !changed.has(email));
	return { list, expected };
}

/** The requests a plan needs at least: members, account types, whoami and managed teams. */
export function minimumPlanRequests(org: Org, managedTeamIds: string[]): number {
	const pages = (count: number) => Math.max(1, Math.ceil(count / 1000));
	const teamRequests =
		managedTeamIds.length === 0
			? 0
			: pages(org.teams.length) +
				managedTeamIds.reduce((sum, id) => sum + pages(org.teamMembers(id).length), 0);
	return pages(org.members.length) + 1 + 1 + teamRequests;
}
