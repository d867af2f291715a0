import type { IDataObject } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, node, scimQueries } from '../scimUser/helpers';

const getAll = (fields: IDataObject) => ({
	resource: 'scimGroup',
	operation: 'getAll',
	...fields,
});

describe('SCIM group: get many', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		sigma = await startSigma({ members: 60, teams: 12, maxScimCount: 5 });
	});
	afterAll(async () => await sigma.stop());
	beforeEach(() => sigma.emulator.log.clear());

	it('reads every group, paging at the count the server allows', async () => {
		const groups = await sigma.json(node, { parameters: getAll({ returnAll: true }) });

		expect(groups.map((group) => group.displayName)).toEqual(
			sigma.emulator.org.teams.map((team) => team.name),
		);
		expect(groups[0]).toEqual({
			id: sigma.emulator.org.teams[0].teamId,
			displayName: sigma.emulator.org.teams[0].name,
			memberCount: sigma.emulator.org.teamMembers(sigma.emulator.org.teams[0].teamId).length,
		});
		expect(scimQueries(sigma).map((query) => query.startIndex)).toEqual(['1', '6', '11']);
	});

	it('stops at the limit', async () => {
		const groups = await sigma.json(node, { parameters: getAll({ limit: 7 }) });

		expect(groups).toHaveLength(7);
		expect(scimQueries(sigma)).toEqual([
			{ startIndex: '1', count: '7' },
			{ startIndex: '6', count: '2' },
		]);
	});

	it('filters on the display name, escaped', async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Say "Hi"' });

		const groups = await sigma.json(node, {
			parameters: getAll({ returnAll: true, filters: { displayName: 'say "hi"' } }),
		});

		expect(groups.map((group) => group.id)).toEqual([team.teamId]);
		expect(scimQueries(sigma)[0].filter).toBe('displayName eq "say \\"hi\\""');
	});

	it('sends the raw filter as typed, and refuses it together with a display name', async () => {
		const name = sigma.emulator.org.teams[3].name;
		const groups = await sigma.json(node, {
			parameters: getAll({ returnAll: true, filters: { filter: `displayName eq "${name}"` } }),
		});
		expect(groups.map((group) => group.displayName)).toEqual([name]);

		const error = await failure(
			sigma.json(node, {
				parameters: getAll({
					returnAll: true,
					filters: { filter: `displayName eq "${name}"`, displayName: name },
				}),
			}),
		);
		expect(error.message).toBe(
			'Filters: set either Display Name or Raw Filter (Advanced), not both',
		);
	});
});
