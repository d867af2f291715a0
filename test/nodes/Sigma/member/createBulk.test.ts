import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { deepFreeze, failure, run } from './helpers';

/** Names are constants: n8n evaluates every expression once per item, which is what costs time. */
const bulk = {
	resource: 'member',
	operation: 'create',
	email: '={{ $json.email }}',
	firstName: 'New',
	lastName: 'Hire',
	memberType: '={{ $json.type }}',
};

function onboarding(count: number) {
	return Array.from({ length: count }, (_, n) => ({
		email: `new.hire${n}@example.com`,
		type: 'Analyze',
	}));
}

describe('Member > Create, 1,000 items', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 20 });
	});
	afterEach(async () => await sigma.stop());

	const writesNothingOnUnknownType =
		'writes nothing when the last of 1,000 items has ' +
		'an unknown memberType, and suggests the right case';
	it(writesNothingOnUnknownType, async () => {
		const before = sigma.emulator.org.members.length;
		const items = onboarding(1000);
		items[999].type = 'build';

		const error = await failure(run(sigma, bulk, items));

		expect(error.message).toBe(
			'memberType "build" is not an account type in this organization; ' +
				'did you mean "Build"? Valid: View, Act, Analyze, Build, Admin [item 999]',
		);
		expect(sigma.emulator.log.count({ method: 'POST', path: '/v2/members' })).toBe(0);
		expect(sigma.emulator.log.count({ method: 'GET', path: '/v2/accountTypes' })).toBe(1);
		expect(sigma.emulator.org.members).toHaveLength(before);
	});

	const writesValidItemsOnContinue =
		'with Continue On Fail writes the 999 valid items of 1,000 and reports the invalid one';
	it(writesValidItemsOnContinue, async () => {
		const before = sigma.emulator.org.members.length;
		const items = onboarding(1000);
		items[999].type = 'Superuser';

		const output = await run(
			sigma,
			{ ...bulk, options: { concurrency: 10 } },
			deepFreeze(items),
			true,
		);

		expect(sigma.emulator.org.members).toHaveLength(before + 999);
		expect(sigma.emulator.log.count({ method: 'POST', path: '/v2/members' })).toBe(999);
		expect(sigma.emulator.log.count({ method: 'GET', path: '/v2/accountTypes' })).toBe(1);
		expect(output).toHaveLength(1000);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output[998].json.email).toBe('new.hire998@example.com');
		expect(output[999].json.error).toBe(
			'memberType "Superuser" is not an account type in this organization. ' +
				'Valid: View, Act, Analyze, Build, Admin [item 999]',
		);
		expect(output[999].json.description).toMatch(/case-sensitive/);
	});
});
