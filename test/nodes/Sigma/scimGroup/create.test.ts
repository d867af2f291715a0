import type { IDataObject } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { failure, node, scimRequests, startRecorder } from '../scimUser/helpers';

describe('SCIM group: create', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 3, teams: 2 });
	});
	afterEach(async () => await sigma.stop());

	const create = (displayName: string, extra: IDataObject = {}) =>
		sigma.json(node, {
			parameters: { resource: 'scimGroup', operation: 'create', displayName, ...extra },
		});

	const createsTeamWithOnePost =
		'creates a Sigma team with one POST of a core Group resource and returns the simplified group';
	it(createsTeamWithOnePost, async () => {
		const recorder = await startRecorder(sigma);
		let group;
		try {
			[group] = await create('Data Stewards');
		} finally {
			await recorder.stop();
		}

		const team = sigma.emulator.org.findTeamByName('Data Stewards');
		expect(group).toEqual({ id: team?.teamId, displayName: 'Data Stewards', memberCount: 0 });
		expect(recorder.recorded).toEqual([
			{
				method: 'POST',
				path: '/scim/v2/Groups',
				contentType: 'application/scim+json',
				body: {
					schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
					displayName: 'Data Stewards',
					members: [],
				},
			},
		]);
	});

	it('returns the raw group when Simplify is off', async () => {
		const [group] = await create('Raw', { simplify: false });

		expect(group).toMatchObject({
			schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
			displayName: 'Raw',
			members: [],
			meta: { resourceType: 'Group' },
		});
	});

	it('explains a name already taken by another team, compared without case (409)', async () => {
		const taken = sigma.emulator.org.teams[0].name.toUpperCase();

		const error = await failure(create(taken));

		expect(error.message).toContain('Sigma SCIM POST /Groups failed: HTTP 409');
		expect(error.description).toContain(
			`Another SCIM group (Sigma team) is already named "${taken}"`,
		);
		expect(sigma.emulator.org.teams).toHaveLength(2);
	});

	it('refuses an empty name or one with spaces around it before sending anything', async () => {
		expect((await failure(create(''))).message).toBe(
			"Display Name (displayName) is empty: enter the group's name",
		);
		expect((await failure(create(' Finance'))).message).toBe(
			'Display Name (displayName) " Finance" has spaces around it: remove them',
		);
		expect(scimRequests(sigma)).toEqual([]);
	});
});
