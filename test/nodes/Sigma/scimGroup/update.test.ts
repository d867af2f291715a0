import type { INodeParameterResourceLocator } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { byDisplayName, byId, failure, node, startRecorder } from '../scimUser/helpers';

describe('SCIM group: update', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 20, teams: 3 });
	});
	afterEach(async () => await sigma.stop());

	const rename = (groupId: INodeParameterResourceLocator, displayName: string) =>
		sigma.json(node, {
			parameters: { resource: 'scimGroup', operation: 'update', groupId, displayName },
		});

	it('renames the group and its Sigma team with one PatchOp replace of displayName', async () => {
		const team = sigma.emulator.org.teams[0];
		const memberCount = sigma.emulator.org.teamMembers(team.teamId).length;
		const recorder = await startRecorder(sigma);
		let group;
		try {
			[group] = await rename(byId(team.teamId), 'Finance EMEA');
		} finally {
			await recorder.stop();
		}

		expect(group).toEqual({ id: team.teamId, displayName: 'Finance EMEA', memberCount });
		expect(sigma.emulator.org.getTeam(team.teamId)?.name).toBe('Finance EMEA');
		expect(recorder.recorded.map((request) => request.body)).toEqual([
			{
				schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
				Operations: [{ op: 'replace', path: 'displayName', value: 'Finance EMEA' }],
			},
		]);
	});

	it('renames a group found by its display name', async () => {
		const team = sigma.emulator.org.teams[1];

		await rename(byDisplayName(team.name.toLowerCase()), 'Renamed');

		expect(sigma.emulator.org.getTeam(team.teamId)?.name).toBe('Renamed');
	});

	it("explains a new name that is another team's (409) and keeps the old name", async () => {
		const [first, second] = sigma.emulator.org.teams;

		const error = await failure(rename(byId(first.teamId), second.name));

		expect(error.message).toContain('HTTP 409');
		expect(error.description).toContain('Another SCIM group (Sigma team) is already named');
		expect(sigma.emulator.org.getTeam(first.teamId)?.name).toBe(first.name);
	});
});
