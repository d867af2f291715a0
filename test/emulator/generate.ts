import { Org, type Member, type UserKind } from './org';
import { createRandom, randomInt, type Random } from './random';

const FIRST_NAMES = (
	'Aaliyah Adrian Aisha Alejandro Amara Andrea Anika Arjun Astrid Beatriz Benjamin Bianca ' +
	'Camille Carlos Chen Chloe Daniel Dario Elena Elias Emeka Emma Farah Felix Fatima Gabriel ' +
	'Grace Hannah Hiroshi Ibrahim Ingrid Isabel Jamal Javier Jonas Julia Kai Kenji Laila Lars ' +
	'Leila Liam Lucia Mariana Mateo Mei Mohammed Nadia Naomi Nikolai Noah Olga Omar Paolo ' +
	'Priya Rafael Rania Rohan Sakura Samuel Sara Sebastian Sofia Tariq Thomas Ulrike ' +
	'Valentina Victor Wei Yara Yusuf Zainab Zoe'
).split(' ');

const LAST_NAMES = (
	'Abbott Adeyemi Alvarez Andersson Bauer Bennett Bianchi Castillo Chowdhury Costa Dubois ' +
	'Eriksen Fernandes Fischer Garcia Gonzalez Hansen Hoffmann Ivanova Jansen Kaur Kimura ' +
	'Kowalski Larsen Lindqvist Lopez Martin Moreau Murphy Nakamura Nguyen Novak Okafor Olsen ' +
	'Patel Petrov Quinn Ramirez Rossi Santos Schneider Silva Singh Sorensen Tanaka Thompson ' +
	'Urquhart Varga Wagner Watanabe Weber Williams Yamamoto Zhang Zielinski'
).split(' ');

const LOWER_FIRST_NAMES = FIRST_NAMES.map((name) => name.toLowerCase());
const LOWER_LAST_NAMES = LAST_NAMES.map((name) => name.toLowerCase());

const TEAM_NAMES = [
	'Finance',
	'Sales EMEA',
	'Sales Americas',
	'Sales APAC',
	'Marketing',
	'Engineering',
	'Data Platform',
	'Customer Success',
	'Support',
	'People Operations',
	'Legal',
	'Product',
	'Design',
	'Security',
	'Procurement',
	'Revenue Operations',
	'Executive',
	'Analytics Guild',
];

/** Cumulative weights: mostly View and Analyze, some Build, a few Act and Admin. */
const MEMBER_TYPE_WEIGHTS: ReadonlyArray<[string, number]> = [
	['View', 0.45],
	['Analyze', 0.8],
	['Act', 0.86],
	['Build', 0.97],
	['Admin', 1],
];

const USER_KIND_WEIGHTS: ReadonlyArray<[UserKind, number]> = [
	['internal', 0.92],
	['guest', 0.98],
	['embed', 1],
];

const ARCHIVED_SHARE = 0.03;
const INACTIVE_SHARE = 0.01;
const TEAM_ADMIN_SHARE = 0.05;
const GENERATION_EPOCH = Date.UTC(2024, 0, 1);
/** Spacing of generated creation times: 100,000 members span about 17 months. */
const CREATION_STEP_MS = 7.5 * 60 * 1000;
const MAX_EDIT_DELAY_MS = 30 * 24 * 3600 * 1000;

export interface GenerationOptions {
	members?: number;
	teams?: number;
	seed?: number;
}

const DAY_MS = 24 * 3600 * 1000;
const dayPrefixes = new Map<number, string>();

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}

/** Same text as Date#toISOString, several times faster: 100,000 members need 200,000 of them. */
export function isoTimestamp(ms: number): string {
	const day = Math.floor(ms / DAY_MS);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
		dayPrefixes.set(day, prefix);
	}
	const rest = ms - day * DAY_MS;
	const hours = Math.floor(rest / 3600000);
	const minutes = Math.floor(rest / 60000) % 60;
	const seconds = Math.floor(rest / 1000) % 60;
	return `${prefix}${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(rest % 1000, 3)}Z`;
}

function weighted<T>(random: Random, weights: ReadonlyArray<[T, number]>): T {
	const roll = random();
	for (const [value, upTo] of weights) if (roll < upTo) return value;
	const last = weights[weights.length - 1];
	if (!last) throw new Error('weighted() needs a non-empty list');
	return last[0];
}

/** Adds `count` deterministic members to the org, in creation order; returns them. */
export function generateMembers(org: Org, count: number, random: Random): Member[] {
	const created: Member[] = [];
	const start = org.members.length;
	for (let i = 0; i < count; i++) {
		const first = randomInt(random, FIRST_NAMES.length);
		const last = randomInt(random, LAST_NAMES.length);
		const firstName = FIRST_NAMES[first] ?? '';
		const lastName = LAST_NAMES[last] ?? '';
		const number = start + i;
		const createdMs = GENERATION_EPOCH + number * CREATION_STEP_MS + randomInt(random, 60000);
		const archived = random() < ARCHIVED_SHARE;
		const inactive = !archived && random() < INACTIVE_SHARE;
		const edited = archived || inactive || random() < 0.3;
		const updatedMs = createdMs + randomInt(random, MAX_EDIT_DELAY_MS);
		const createdAt = isoTimestamp(createdMs);
		created.push(
			org.addMember({
				email: `${LOWER_FIRST_NAMES[first]}.${LOWER_LAST_NAMES[last]}${number}@example.com`,
				firstName,
				lastName,
				memberType: weighted(random, MEMBER_TYPE_WEIGHTS),
				userKind: weighted(random, USER_KIND_WEIGHTS),
				isArchived: archived,
				isInactive: inactive,
				createdAt,
				updatedAt: edited ? isoTimestamp(updatedMs) : createdAt,
			}),
		);
	}
	return created;
}

export function teamName(index: number): string {
	const base = TEAM_NAMES[index % TEAM_NAMES.length] ?? 'Team';
	const round = Math.floor(index / TEAM_NAMES.length);
	return round === 0 ? base : `${base} ${round + 1}`;
}

/**
 * Adds `count` teams and spreads the active members among them: each active member joins one
 * team, and about a third join a second one.
 */
export function generateTeams(org: Org, count: number, random: Random): void {
	if (count <= 0) return;
	const members: string[][] = [];
	const admins: string[][] = [];
	for (let i = 0; i < count; i++) {
		members.push([]);
		admins.push([]);
	}
	for (const member of org.members) {
		if (member === org.owner || member.isArchived || member.isInactive) continue;
		const joins = random() < 0.33 ? 2 : 1;
		for (let j = 0; j < joins; j++) {
			const index = randomInt(random, count);
			const list = members[index];
			// A member's joins are consecutive, so a repeat of the same team shows as the last entry.
			if (!list || list[list.length - 1] === member.memberId) continue;
			list.push(member.memberId);
			if (random() < TEAM_ADMIN_SHARE) admins[index]?.push(member.memberId);
		}
	}
	for (let i = 0; i < count; i++) {
		const createdAt = new Date(GENERATION_EPOCH + i * 3600 * 1000).toISOString();
		org.addTeam({
			name: teamName(i),
			description: random() < 0.7 ? `Members of ${teamName(i)}` : null,
			visibility: random() < 0.4 ? 'public' : 'private',
			members: members[i] ?? [],
			teamAdmins: admins[i] ?? [],
			createdAt,
		});
	}
}

/** A new org with the owner plus `members` generated members and `teams` teams. */
export function generateOrg(options: GenerationOptions = {}): Org {
	const seed = options.seed ?? 1;
	const org = new Org({ seed });
	const random = createRandom(seed);
	generateMembers(org, options.members ?? 0, random);
	generateTeams(org, options.teams ?? 0, random);
	return org;
}
