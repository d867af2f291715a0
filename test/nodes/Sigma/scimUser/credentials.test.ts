import type { SigmaTestbed } from '../../../harness/sigma';
import { logLines } from '../../../harness/runtime';
import { startSigma } from '../../../harness/sigma';
import { byId, failure, node } from './helpers';

describe('credentials of the SCIM resources', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		sigma = await startSigma({ members: 3 });
	});
	afterAll(async () => await sigma.stop());
	beforeEach(() => sigma.emulator.log.clear());

	const asksForMatchingCredential =
		'asks for the SCIM credential for SCIM resources only, and the REST credential for the others';
	it(asksForMatchingCredential, () => {
		const shownFor = Object.fromEntries(
			(node.description.credentials ?? []).map((credential) => [
				credential.name,
				credential.displayOptions?.show?.resource,
			]),
		);

		expect(shownFor).toEqual({
			sigmaApi: ['accountType', 'member', 'team'],
			sigmaScimApi: ['scimGroup', 'scimUser'],
		});
	});

	const runsWithScimCredentialOnly =
		'runs a SCIM operation with only the SCIM credential, ' +
		'sending the SCIM token and never the REST one';
	it(runsWithScimCredentialOnly, async () => {
		const member = sigma.emulator.org.members[1];

		const [user] = await sigma.runtime.execute(node, {
			parameters: { resource: 'scimUser', operation: 'get', userId: byId(member.memberId) },
			credentials: { sigmaScimApi: sigma.credentials.sigmaScimApi },
		});

		expect(user[0].json.id).toBe(member.memberId);
		expect(sigma.emulator.log.entries.map((entry) => entry.api)).toEqual(['scim']);
		expect(sigma.emulator.tokensIssued()).toBe(0);
	});

	it('explains a refused SCIM token without showing the token anywhere', async () => {
		const wrongToken = 'wrong-scim-token-6d1f0c';
		sigma.store.edit(sigma.credentials.sigmaScimApi.id, { token: wrongToken });
		try {
			const run = await sigma.execute(node, {
				parameters: { resource: 'scimUser', operation: 'getAll', returnAll: true },
				continueOnFail: true,
			});

			expect(run[0][0].json.error).toBe(
				'Sigma SCIM GET /Users failed: HTTP 401: Bearer token missing or invalid',
			);
			expect(run[0][0].json.description).toContain('The SCIM bearer token was refused');
			expect(JSON.stringify(run)).not.toContain(wrongToken);
			expect(JSON.stringify(logLines)).not.toContain(wrongToken);

			const error = await failure(
				sigma.json(node, { parameters: { resource: 'scimUser', operation: 'getAll', limit: 1 } }),
			);
			expect(JSON.stringify(error)).not.toContain(wrongToken);
			expect(`${error.message} ${String(error.description)}`).not.toContain(wrongToken);
		} finally {
			sigma.store.edit(sigma.credentials.sigmaScimApi.id, { token: sigma.emulator.scimToken });
		}
	});

	it('does not run a SCIM operation with only the REST credential', async () => {
		const error = await failure(
			sigma.runtime.execute(node, {
				parameters: { resource: 'scimGroup', operation: 'getAll', returnAll: true },
				credentials: { sigmaApi: sigma.credentials.sigmaApi },
			}),
		);

		expect(error.message).toBe('Node does not have any credentials set for "sigmaScimApi"');
		expect(sigma.emulator.log.entries).toEqual([]);
	});
});
