import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { byDisplayName, byId, failure, node, scimQueries, scimRequests } from '../scimUser/helpers';

describe('SCIM group: get', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		sigma = await startSigma({ members: 40, teams: 4 });
	});
	afterAll(async () => await sigma.stop());
	beforeEach(() => sigma.emulator.log.clear());

	const get = (groupId: INodeParameterResourceLocator, extra: IDataObject = {}) =>
		sigma.json(node, {
			parameters: { resource: 'scimGroup', operation: 'get', groupId, ...extra },
		});

	it('returns the simplified group with its member count', async () => {
		const team = sigma.emulator.org.teams[1];

		const [group] = await get(byId(team.teamId));

		expect(group).toEqual({
			id: team.teamId,
			displayName: team.name,
			memberCount: sigma.emulator.org.teamMembers(team.teamId).length,
		});
		expect(group.memberCount).toBeGreaterThan(0);
		expect(scimRequests(sigma)).toEqual([`GET /scim/v2/Groups/${team.teamId}`]);
	});

	it('returns the raw group with its members when Simplify is off', async () => {
		const team = sigma.emulator.org.teams[2];

		const [group] = await get(byId(team.teamId), { simplify: false });

		expect((group.members as Array<{ value: string }>).map((member) => member.value)).toEqual(
			sigma.emulator.org.teamMembers(team.teamId).map((membership) => membership.userId),
		);
	});

	const findsGroupByDisplayName =
		'finds a group by display name, escaping quotes and ' +
		'backslashes, without fetching members to look it up';
	it(findsGroupByDisplayName, async () => {
		const team = sigma.emulator.org.addTeam({ name: 'Ops "West" \\ 2' });

		const [group] = await get(byDisplayName('ops "west" \\ 2'));

		expect(group.id).toBe(team.teamId);
		expect(scimQueries(sigma)[0]).toMatchObject({
			filter: 'displayName eq "ops \\"west\\" \\\\ 2"',
			excludedAttributes: 'members',
		});
	});

	it('says which display name has no group', async () => {
		const error = await failure(get(byDisplayName('Nobody Here')));

		expect(error.message).toBe('No SCIM group has the displayName "Nobody Here"');
		expect(scimRequests(sigma)).toEqual(['GET /scim/v2/Groups']);
	});

	it('explains an unknown ID (404)', async () => {
		const error = await failure(get(byId('t-unknown')));

		expect(error.message).toContain('Sigma SCIM GET /Groups/t-unknown failed: HTTP 404');
		expect(error.description).toContain('No SCIM group has the ID "t-unknown"');
	});
});
