import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { node } from './helpers';

describe('Member list search', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 250, seed: 3 });
	});
	afterEach(async () => await sigma.stop());

	const search = (filter?: string, paginationToken?: string) =>
		sigma.runtime.listSearch(node, 'searchMembers', {
			parameters: { resource: 'member', operation: 'get' },
			credentials: { sigmaApi: sigma.credentials.sigmaApi },
			filter,
			paginationToken,
		});

	it('shows members as "First Last (email)" with their ID, page by page', async () => {
		const active = sigma.emulator.org.members.filter((m) => !m.isArchived && !m.isInactive);

		const first = await search();
		const second = await search(undefined, first.paginationToken);
		const third = await search(undefined, second.paginationToken);

		expect(first.results[0]).toEqual({
			name: `${active[0].firstName} ${active[0].lastName} (${active[0].email})`,
			value: active[0].memberId,
		});
		expect([...first.results, ...second.results, ...third.results].map((r) => r.value)).toEqual(
			active.map((m) => m.memberId),
		);
		expect(first.results).toHaveLength(100);
		expect(third.paginationToken).toBeUndefined();
	});

	it("filters with Sigma's search", async () => {
		const target = sigma.emulator.org.members[10];

		const found = await search(target.email);

		expect(found.results.map((r) => r.value)).toEqual([target.memberId]);
		expect(sigma.emulator.log.filter({ path: '/v2/members' }).at(-1)?.query).toEqual({
			limit: '100',
			search: target.email,
		});
	});
});
