import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { run } from '../member/helpers';

describe('Account Type > Get Many', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma();
		for (let n = 0; n < 1200; n++) sigma.emulator.org.addAccountType(`Custom ${n}`);
	});
	afterEach(async () => await sigma.stop());

	it("reads every account type with Return All, following Sigma's page tokens", async () => {
		const output = await run(sigma, {
			resource: 'accountType',
			operation: 'getAll',
			returnAll: true,
		});

		expect(output.map((item) => item.json)).toEqual(sigma.emulator.org.accountTypes);
		const pages = sigma.emulator.log.filter({ path: '/v2/accountTypes' });
		expect(pages).toHaveLength(2);
		expect(pages[0].query).toEqual({ pageSize: '1000' });
		expect(pages[1].query).toEqual({ pageSize: '1000', pageToken: expect.any(String) });
	});

	it('stops at the limit', async () => {
		const output = await run(sigma, { resource: 'accountType', operation: 'getAll', limit: 2 });

		expect(output.map((item) => item.json.accountTypeName)).toEqual(['View', 'Act']);
		expect(sigma.emulator.log.filter({ path: '/v2/accountTypes' })[0].query).toEqual({
			pageSize: '2',
		});
	});

	it('explains a 403 as a permission problem of the credential owner', async () => {
		sigma.emulator.options.accountTypesForbidden = true;

		const output = await run(
			sigma,
			{ resource: 'accountType', operation: 'getAll', returnAll: true },
			undefined,
			true,
		);

		expect(output[0].json.error).toMatch(/GET \/v2\/accountTypes failed: HTTP 403/);
		expect(output[0].json.description).toMatch(/owned by an Admin/);
	});
});
