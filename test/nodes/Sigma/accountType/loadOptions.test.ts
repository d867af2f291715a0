import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { node } from '../member/helpers';

describe('Member Type dropdown (getAccountTypes)', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma();
	});
	afterEach(async () => await sigma.stop());

	const load = () =>
		sigma.runtime.loadOptions(node, 'getAccountTypes', {
			parameters: { resource: 'member', operation: 'create' },
			credentials: { sigmaApi: sigma.credentials.sigmaApi },
		});

	it("offers the organization's account types by name, custom ones included", async () => {
		sigma.emulator.org.addAccountType('Finance Viewer', 'Views finance workbooks');

		const options = await load();

		expect(options.map((option) => option.value)).toEqual([
			'View',
			'Act',
			'Analyze',
			'Build',
			'Admin',
			'Finance Viewer',
		]);
		expect(options[5]).toEqual({
			name: 'Finance Viewer',
			value: 'Finance Viewer',
			description: 'Views finance workbooks',
		});
	});

	it('tells a user without Admin credentials to type the name in an expression', async () => {
		sigma.emulator.options.accountTypesForbidden = true;

		await expect(load()).rejects.toThrow(/Enter the account type name with an expression instead/);
	});
});
