import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { cursorPages, endpoint, MAX_PAGE_SIZE, sigmaApiRequest } from '../../transport';
import type { MemberRef } from './locators';
import { httpStatus, invalidInput, nodeError } from './validation';

/** A member as Sigma returns it; only the fields this node reads are named. */
export interface SigmaMember extends IDataObject {
	memberId: string;
	email: string;
	firstName: string;
	lastName: string;
	memberType: string;
	userKind?: string;
	isArchived?: boolean;
	isInactive?: boolean;
}

/** The fields people map from a member; Simplify keeps only these. */
export const SIMPLE_MEMBER_FIELDS = [
	'memberId',
	'email',
	'firstName',
	'lastName',
	'memberType',
	'userKind',
	'isArchived',
	'isInactive',
	'createdAt',
	'updatedAt',
] as const;

export function simplifyMember(member: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const field of SIMPLE_MEMBER_FIELDS) {
		if (member[field] !== undefined) simple[field] = member[field];
	}
	return simple;
}

/** Archived and SCIM-inactive members are hidden from lists unless asked for. */
const EVERY_MEMBER = { includeArchived: true, includeInactive: true };

/** Up to this many members are looked up one request each; more read the member list. */
export const DIRECT_LOOKUP_MAX = 10;

export async function findMemberByEmail(
	this: IExecuteFunctions,
	email: string,
	itemIndex?: number,
): Promise<SigmaMember | undefined> {
	const wanted = email.toLowerCase();
	const pages = cursorPages.call(this, '/v2/members', {
		qs: { email, ...EVERY_MEMBER },
		limit: 1,
		itemIndex,
	}) as AsyncGenerator<SigmaMember[]>;
	for await (const page of pages) {
		// Sigma matches emails case-insensitively; checking again keeps a loose match out.
		const found = page.find((member) => member.email?.toLowerCase() === wanted);
		if (found) return found;
	}
	return undefined;
}

/** The member, or undefined when Sigma answers 404. */
export async function findMemberById(
	this: IExecuteFunctions,
	memberId: string,
	itemIndex?: number,
): Promise<SigmaMember | undefined> {
	try {
		return (await sigmaApiRequest.call(this, {
			method: 'GET',
			path: endpoint`/v2/members/${memberId}`,
			itemIndex,
		})) as SigmaMember;
	} catch (error) {
		if (httpStatus(error) === 404) return undefined;
		throw nodeError(this.getNode(), error, itemIndex);
	}
}

/**
 * Finds members by ID or email for a whole batch. A few are looked up one request each; for
 * more, the member list is read once, page by page, for as long as that costs fewer requests
 * than looking up the members still missing (who are then looked up one by one).
 */
export class MemberDirectory {
	private readonly byId = new Map<string, SigmaMember>();
	private readonly byEmail = new Map<string, SigmaMember>();
	/** Set once the whole list was read: anything not in the maps does not exist. */
	private complete = false;

	constructor(private readonly context: IExecuteFunctions) {}

	async preload(refs: MemberRef[]): Promise<void> {
		const ids = new Set<string>();
		const emails = new Set<string>();
		for (const ref of refs) {
			if (ref.by === 'id') ids.add(ref.memberId);
			else emails.add(ref.email.toLowerCase());
		}
		if (ids.size + emails.size <= DIRECT_LOOKUP_MAX) return;

		const missing = () =>
			[...ids].filter((id) => !this.byId.has(id)).length +
			[...emails].filter((email) => !this.byEmail.has(email)).length;
		let pagesRead = 0;
		const pages = cursorPages.call(this.context, '/v2/members', {
			qs: EVERY_MEMBER,
		}) as AsyncGenerator<SigmaMember[]>;
		try {
			for await (const page of pages) {
				for (const member of page) this.remember(member);
				pagesRead++;
				const left = missing();
				if (left === 0) return;
				// A short page is normally the last one: finishing the list then costs nothing and
				// proves the missing members do not exist.
				if (page.length >= MAX_PAGE_SIZE && pagesRead >= left) return;
			}
			this.complete = true;
		} catch (error) {
			// Reading ahead only saves requests: members not read yet are looked up one by one,
			// so a failure is then reported on the item that needs them.
			this.context.logger.debug(
				'Sigma: reading the member list ahead failed ' +
					`(${(error as Error).message}); looking members up one by one`,
			);
		}
	}

	async find(ref: MemberRef, itemIndex: number): Promise<SigmaMember | undefined> {
		const cached =
			ref.by === 'id' ? this.byId.get(ref.memberId) : this.byEmail.get(ref.email.toLowerCase());
		if (cached || this.complete) return cached;

		const found =
			ref.by === 'id'
				? await findMemberById.call(this.context, ref.memberId, itemIndex)
				: await findMemberByEmail.call(this.context, ref.email, itemIndex);
		if (found) this.remember(found);
		return found;
	}

	/** Like `find`, but a missing member is this item's error. */
	async require(ref: MemberRef, itemIndex: number): Promise<SigmaMember> {
		const member = await this.find(ref, itemIndex);
		if (member) return member;
		throw invalidInput.call(
			this.context,
			itemIndex,
			ref.by === 'id'
				? `No member with ID "${ref.memberId}" exists in this Sigma organization; ` +
						'check the ID, or pick the member from the list'
				: `No member with email "${ref.email}" exists in this Sigma organization; ` +
						'check the spelling, or create the member first',
		);
	}

	private remember(member: SigmaMember): void {
		this.byId.set(member.memberId, member);
		if (typeof member.email === 'string') this.byEmail.set(member.email.toLowerCase(), member);
	}
}

/** The member ID for a locator, looking the email up when needed. */
export async function resolveMemberId(
	this: IExecuteFunctions,
	ref: MemberRef,
	itemIndex: number,
	directory = new MemberDirectory(this),
): Promise<string> {
	if (ref.by === 'id') return ref.memberId;
	return (await directory.require(ref, itemIndex)).memberId;
}

export const SCIM_MANAGED_HINT =
	'Sigma advises against changing the status of ' +
	'SCIM-provisioned members (isInactive) through its REST API: ' +
	'the identity provider stays the source of truth and would conflict with the change.';
