import type { INodeParameterResourceLocator } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { byDisplayName, byId, failure, node, scimRequests } from '../scimUser/helpers';

describe('SCIM group: delete', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 10, teams: 3 });
	});
	afterEach(async () => await sigma.stop());

	const remove = (groupId: INodeParameterResourceLocator) =>
		sigma.json(node, { parameters: { resource: 'scimGroup', operation: 'delete', groupId } });

	it('deletes the group and its team with one DELETE and returns deleted: true', async () => {
		const team = sigma.emulator.org.teams[2];

		expect(await remove(byId(team.teamId))).toEqual([{ deleted: true }]);
		expect(sigma.emulator.org.getTeam(team.teamId)).toBeUndefined();
		expect(scimRequests(sigma)).toEqual([`DELETE /scim/v2/Groups/${team.teamId}`]);
	});

	it('deletes a group found by display name', async () => {
		const team = sigma.emulator.org.teams[0];

		await remove(byDisplayName(team.name));

		expect(sigma.emulator.org.getTeam(team.teamId)).toBeUndefined();
	});

	it('explains an unknown ID (404)', async () => {
		const error = await failure(remove(byId('t-unknown')));

		expect(error.message).toContain('Sigma SCIM DELETE /Groups/t-unknown failed: HTTP 404');
		expect(error.description).toContain('No SCIM group has the ID "t-unknown"');
	});
});
