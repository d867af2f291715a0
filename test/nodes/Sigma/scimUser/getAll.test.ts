import type { IDataObject } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, node, pairing, scimQueries } from './helpers';

const getAll = (fields: IDataObject) => ({
	resource: 'scimUser',
	operation: 'getAll',
	...fields,
});

describe('SCIM user: get many, paging', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		// 2,499 generated members plus the owner: 2,500 SCIM users.
		sigma = await startSigma({ members: 2499 });
	});
	afterAll(async () => await sigma.stop());
	beforeEach(() => {
		sigma.emulator.log.clear();
		sigma.emulator.options.maxScimCount = 1000;
	});

	it('reads 2,500 users in 3 requests of 1,000, the largest count the server accepts', async () => {
		const users = await sigma.json(node, { parameters: getAll({ returnAll: true }) });

		expect(users).toHaveLength(2500);
		expect(users.map((user) => user.id)).toEqual(
			sigma.emulator.org.members.map((member) => member.memberId),
		);
		expect(scimQueries(sigma)).toEqual([
			{ startIndex: '1', count: '1000' },
			{ startIndex: '1001', count: '1000' },
			{ startIndex: '2001', count: '1000' },
		]);
	});

	const followsLowerPageCap =
		'follows a server that caps the page lower: 2,500 users at 400 a page in 7 requests';
	it(followsLowerPageCap, async () => {
		sigma.emulator.options.maxScimCount = 400;

		const users = await sigma.json(node, { parameters: getAll({ returnAll: true }) });

		expect(new Set(users.map((user) => user.id)).size).toBe(2500);
		expect(scimQueries(sigma).map((query) => query.startIndex)).toEqual([
			'1',
			'401',
			'801',
			'1201',
			'1601',
			'2001',
			'2401',
		]);
	});

	it('asks for no more users than the limit', async () => {
		const fifty = await sigma.json(node, { parameters: getAll({ returnAll: false, limit: 50 }) });
		expect(fifty).toHaveLength(50);
		expect(scimQueries(sigma)).toEqual([{ startIndex: '1', count: '50' }]);

		sigma.emulator.log.clear();
		const many = await sigma.json(node, { parameters: getAll({ returnAll: false, limit: 1500 }) });
		expect(many).toHaveLength(1500);
		expect(scimQueries(sigma)).toEqual([
			{ startIndex: '1', count: '1000' },
			{ startIndex: '1001', count: '500' },
		]);
	});

	it('returns one list per input item, each paired with its item', async () => {
		const run = await sigma.execute(node, {
			parameters: getAll({ limit: 2 }),
			items: [{ a: 1 }, { a: 2 }],
		});

		expect(pairing(run[0])).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
	});
});

describe('SCIM user: get many, filters', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		sigma = await startSigma({ members: 30 });
		sigma.emulator.org.addMember({ email: 'o"brien\\ops@example.com' });
	});
	afterAll(async () => await sigma.stop());
	beforeEach(() => sigma.emulator.log.clear());

	it('filters on the user name with quotes and backslashes escaped', async () => {
		const users = await sigma.json(node, {
			parameters: getAll({ returnAll: true, filters: { userName: 'o"brien\\ops@example.com' } }),
		});

		expect(users.map((user) => user.userName)).toEqual(['o"brien\\ops@example.com']);
		expect(scimQueries(sigma)[0].filter).toBe('userName eq "o\\"brien\\\\ops@example.com"');
	});

	const sendsFilterSyntaxLiterally =
		'sends a user name that looks like filter syntax as one literal, so it matches nobody';
	it(sendsFilterSyntaxLiterally, async () => {
		const users = await sigma.json(node, {
			parameters: getAll({
				returnAll: true,
				filters: { userName: 'x" or userName eq "owner@example.com' },
			}),
		});

		expect(users).toEqual([]);
		expect(scimQueries(sigma)[0].filter).toBe(
			'userName eq "x\\" or userName eq \\"owner@example.com"',
		);
	});

	it('sends the raw filter exactly as typed', async () => {
		const users = await sigma.json(node, {
			parameters: getAll({
				returnAll: true,
				filters: { filter: 'USERNAME EQ "OWNER@example.com"' },
			}),
		});

		expect(users.map((user) => user.userName)).toEqual(['owner@example.com']);
		expect(scimQueries(sigma)[0].filter).toBe('USERNAME EQ "OWNER@example.com"');
	});

	it('explains a raw filter Sigma refuses (400 invalidFilter)', async () => {
		const error = await failure(
			sigma.json(node, {
				parameters: getAll({ returnAll: true, filters: { filter: 'userName co "ann"' } }),
			}),
		);

		expect(error.message).toContain('Sigma SCIM GET /Users failed: HTTP 400');
		expect(error.description).toContain('Sigma refused the filter userName co "ann"');
	});

	it('refuses both a user name and a raw filter before sending anything', async () => {
		const error = await failure(
			sigma.json(node, {
				parameters: getAll({
					returnAll: true,
					filters: { userName: 'owner@example.com', filter: 'userName eq "x@example.com"' },
				}),
			}),
		);

		expect(error.message).toBe('Filters: set either User Name or Raw Filter (Advanced), not both');
		expect(sigma.emulator.log.entries).toEqual([]);
	});
});
