import type { INodeListSearchItems } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { node, scimQueries } from './helpers';

describe('SCIM user: list search', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		sigma = await startSigma({ members: 2499 });
	});
	afterAll(async () => await sigma.stop());
	beforeEach(() => sigma.emulator.log.clear());

	const search = (filter?: string, paginationToken?: string) =>
		sigma.runtime.listSearch(node, 'searchScimUsers', {
			parameters: { resource: 'scimUser', operation: 'get' },
			credentials: sigma.credentials,
			filter,
			paginationToken,
		});

	/** Every result, following the pagination token to the end. */
	async function searchAll(filter?: string) {
		const results: INodeListSearchItems[] = [];
		let token: string | undefined;
		do {
			const page = await search(filter, token);
			results.push(...page.results);
			token = page.paginationToken;
		} while (token !== undefined);
		return results;
	}

	it('lists users a page at a time, with the next startIndex as the token', async () => {
		const first = await search();
		const owner = sigma.emulator.org.owner;

		expect(first.results).toHaveLength(1000);
		expect(first.results[0]).toEqual({
			name: `${owner.firstName} ${owner.lastName} (${owner.email})`,
			value: owner.memberId,
		});
		expect(first.paginationToken).toBe('1001');

		const all = await searchAll();
		expect(all.map((result) => result.value)).toEqual(
			sigma.emulator.org.members.map((member) => member.memberId),
		);
		expect(scimQueries(sigma).map((query) => query.startIndex)).toEqual(['1', '1', '1001', '2001']);
	});

	const matchesSearchText =
		'matches the search text against user names and full names, without case, over every page';
	it(matchesSearchText, async () => {
		const needle = sigma.emulator.org.members[1700].lastName.toUpperCase();
		const expected = sigma.emulator.org.members
			.filter((member) =>
				`${member.firstName} ${member.lastName} (${member.email})`
					.toLowerCase()
					.includes(needle.toLowerCase()),
			)
			.map((member) => member.memberId);

		const found = await searchAll(needle);

		expect(found.map((result) => result.value)).toEqual(expected);
		expect(expected.length).toBeGreaterThan(0);
	});

	it('reads further pages in one call until it has enough matches', async () => {
		const owner = sigma.emulator.org.owner;

		const page = await search(owner.email);

		expect(page.results.map((result) => result.value)).toEqual([owner.memberId]);
		// One match is not enough, so the call read on through all three pages.
		expect(scimQueries(sigma)).toHaveLength(3);
		expect(page.paginationToken).toBeUndefined();
	});
});
