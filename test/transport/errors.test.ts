import type { INode } from 'n8n-workflow';

import { readErrorBody, sigmaApiError } from '../../nodes/transport/errors';
import { endpoint } from '../../nodes/transport/request';

const node: INode = {
	id: '1',
	name: 'Sigma',
	type: 'n8n-nodes-sigma-computing.sigma',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('reading error bodies', () => {
	it("reads Sigma's envelope", () => {
		expect(
			readErrorBody({ requestId: 'r-1', message: 'Member not found', code: 'not_found' }),
		).toEqual({
			requestId: 'r-1',
			message: 'Member not found',
			code: 'not_found',
			scimType: undefined,
		});
	});

	it("reads the nested {error: {...}} variant and SCIM's error schema", () => {
		expect(readErrorBody({ error: { message: 'nope', code: 'x' } }).message).toBe('nope');
		const scim = readErrorBody({
			schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
			status: '409',
			scimType: 'uniqueness',
			detail: 'userName exists',
		});
		expect(scim).toMatchObject({ message: 'userName exists', scimType: 'uniqueness' });
	});

	it('reads JSON sent as text and drops HTML error pages', () => {
		expect(readErrorBody('{"message":"bad"}').message).toBe('bad');
		expect(readErrorBody('<html><body>Cloudflare 1015</body></html>')).toEqual({});
	});
});

describe('node errors', () => {
	it('say what failed, how to fix it, and carry the request ID', () => {
		const error = sigmaApiError(
			node,
			{
				status: 404,
				body: { requestId: 'req-42', message: 'Member type name is not found', code: 'not_found' },
			},
			'rest',
			{ method: 'PATCH', path: '/v2/members/m1', itemIndex: 3 },
		);
		expect(error.message).toBe(
			'Sigma PATCH /v2/members/m1 failed: HTTP 404 (not_found): Member type name is not found',
		);
		expect(error.description).toContain('account type (memberType) does not exist');
		expect(error.description).toContain('Sigma request ID: req-42');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(3);
	});

	it('count the attempts when retries were spent', () => {
		const error = sigmaApiError(node, { status: 429 }, 'rest', {
			method: 'GET',
			path: '/v2/members',
			attempts: 5,
		});
		expect(error.message).toBe('Sigma GET /v2/members failed after 5 attempts: HTTP 429');
		expect(error.description).toContain('Lower the concurrency');
	});
});

describe('endpoint', () => {
	it('encodes every interpolated value as one path segment', () => {
		expect(endpoint`/v2/members/${'a/b c?d'}/teams`).toBe('/v2/members/a%2Fb%20c%3Fd/teams');
		expect(endpoint`/v2/teams/${'t1'}/members`).toBe('/v2/teams/t1/members');
	});
});
