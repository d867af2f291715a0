import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { MAX_LIMIT } from '../../nodes/Sigma/shared/descriptions';
import type { LogEntry } from '../emulator';
import type { SigmaTestbed } from '../harness/sigma';
import { startSigma } from '../harness/sigma';
import { failure, locator, reportFigure, run } from './helpers';

/**
 * Bad input across every resource and both credentials. Each row must fail with an error that
 * names the field and says how to fix it, and must send nothing: no token exchange, no request.
 * The one kind of check that cannot be made offline is whether an account type exists in the
 * organization; those rows may read the account types (never write) and say so in `reads`.
 */
interface BadInput {
	name: string;
	parameters: INodeParameters;
	items?: IDataObject[];
	sigmaApi?: ICredentialDataDecryptedObject;
	sigmaScimApi?: ICredentialDataDecryptedObject;
	/** The field as the message names it: its display name or its parameter name. */
	field: string | RegExp;
	/** Read-only requests the check needs; anything else in the log fails the row. */
	reads?: string[];
}

/** A fix is an instruction: what to enter, use, pick or remove. */
const FIX = new RegExp(
	'\\b(enter|use|choose|pick|remove|add|set|start|put|copy|create|map|keep|close|escape|' +
		'check|turn|switch|generate)\\b',
	'i',
);

const member = (operation: string, parameters: INodeParameters = {}) => ({
	resource: 'member',
	operation,
	...parameters,
});
const team = (operation: string, parameters: INodeParameters = {}) => ({
	resource: 'team',
	operation,
	...parameters,
});
const scimUser = (operation: string, parameters: INodeParameters = {}) => ({
	resource: 'scimUser',
	operation,
	...parameters,
});
const scimGroup = (operation: string, parameters: INodeParameters = {}) => ({
	resource: 'scimGroup',
	operation,
	...parameters,
});

const newMember = { email: 'ann.lee@example.com', firstName: 'Ann', lastName: 'Lee' };
const newUser = { userName: 'ann.lee@example.com', givenName: 'Ann', familyName: 'Lee' };
const someone = locator('id', 'm0000000001');
const someTeam = locator('id', 't0000000001');
const listMembers = member('getAll', { returnAll: false, limit: 10 });
const listUsers = scimUser('getAll', { returnAll: false, limit: 10 });
const ACCOUNT_TYPES = ['POST /v2/auth/token', 'GET /v2/accountTypes'];

const rows: BadInput[] = [
	// Sigma API credential
	{
		name: 'a custom base URL with http:// to a host that is not this machine',
		sigmaApi: { baseUrl: 'http://sigma.example.com' },
		parameters: listMembers,
		field: 'Base URL',
	},
	{
		name: 'a custom base URL that is not a URL',
		sigmaApi: { baseUrl: 'aws-api sigmacomputing com' },
		parameters: listMembers,
		field: 'Base URL',
	},
	{
		name: 'an empty custom base URL',
		sigmaApi: { baseUrl: '  ' },
		parameters: listMembers,
		field: 'Base URL',
	},
	{
		name: 'a custom base URL with a scheme other than https',
		sigmaApi: { baseUrl: 'ftp://aws-api.sigmacomputing.com' },
		parameters: listMembers,
		field: 'Base URL',
	},
	{
		name: 'a custom base URL with a user name and password in it',
		sigmaApi: { baseUrl: 'https://admin:hunter2@aws-api.sigmacomputing.com' },
		parameters: listMembers,
		field: 'Base URL',
	},
	{
		name: 'a SCIM Directory Base URL pasted into the REST credential',
		sigmaApi: { baseUrl: 'https://aws-api.sigmacomputing.com/scim/v2' },
		parameters: listMembers,
		field: 'Base URL',
	},
	{
		name: 'a region that is not one of Sigma’s',
		sigmaApi: { region: 'http://sigma.example.com' },
		parameters: listMembers,
		field: 'Region',
	},
	{
		name: 'an empty client ID',
		sigmaApi: { clientId: ' ' },
		parameters: listMembers,
		field: 'Client ID',
	},
	{
		name: 'an empty client secret',
		sigmaApi: { clientSecret: '' },
		parameters: listMembers,
		field: 'Client Secret',
	},
	// Sigma SCIM API credential
	{
		name: 'a Directory Base URL with http:// to a host that is not this machine',
		sigmaScimApi: { baseUrl: 'http://sigma.example.com/scim/v2' },
		parameters: listUsers,
		field: 'Directory Base URL',
	},
	{
		name: 'a Directory Base URL that is not a URL',
		sigmaScimApi: { baseUrl: 'scim/v2' },
		parameters: listUsers,
		field: 'Directory Base URL',
	},
	{
		name: 'an empty Directory Base URL',
		sigmaScimApi: { baseUrl: '' },
		parameters: listUsers,
		field: 'Directory Base URL',
	},
	{
		name: 'an empty SCIM bearer token',
		sigmaScimApi: { token: '' },
		parameters: listUsers,
		field: 'Bearer Token',
	},
	{
		name: 'a SCIM bearer token pasted with a line break',
		sigmaScimApi: { token: 'c2NpbS10b2tlbg\n' },
		parameters: listUsers,
		field: 'Bearer Token',
	},
	// Member
	{
		name: 'a member create without an email',
		parameters: member('create', { ...newMember, email: '' }),
		field: 'Email',
	},
	{
		name: 'a member create with an invalid email',
		parameters: member('create', { ...newMember, email: 'ann.lee@example' }),
		field: 'Email',
	},
	{
		name: 'a member create whose email expression gives an object',
		parameters: member('create', { ...newMember, email: '={{ $json.person }}' }),
		items: [{ person: { email: 'ann.lee@example.com' } }],
		field: 'Email',
	},
	{
		name: 'a member create without a first name',
		parameters: member('create', { ...newMember, firstName: '' }),
		field: 'First Name',
	},
	{
		name: 'a member create without a last name',
		parameters: member('create', { ...newMember, lastName: '  ' }),
		field: 'Last Name',
	},
	{
		name: 'a member create with an unknown account type',
		parameters: member('create', { ...newMember, memberType: 'Creator' }),
		field: 'memberType',
		reads: ACCOUNT_TYPES,
	},
	{
		name: 'a member create with an account type in the wrong case',
		parameters: member('create', { ...newMember, memberType: 'build' }),
		field: 'memberType',
		reads: ACCOUNT_TYPES,
	},
	{
		name: 'a member create with an unknown user kind',
		parameters: member('create', { ...newMember, additionalFields: { userKind: 'admin' } }),
		field: 'User Kind',
	},
	{
		name: 'a member create adding the member to a team ID with a space',
		parameters: member('create', {
			...newMember,
			additionalFields: { addToTeams: { teams: [{ teamId: 'finance team' }] } },
		}),
		field: 'Add to Teams',
	},
	{
		name: 'a member upsert with an invalid email',
		parameters: member('upsert', { ...newMember, email: 'ann lee@example.com' }),
		field: 'Email',
	},
	{
		name: 'a member get without a member',
		parameters: member('get', { memberId: locator('id', '') }),
		field: 'Member',
	},
	{
		name: 'a member get with an ID holding a slash',
		parameters: member('get', { memberId: locator('id', '../teams') }),
		field: 'Member ID',
	},
	{
		name: 'a member get with an ID holding spaces',
		parameters: member('get', { memberId: locator('id', 'm 123') }),
		field: 'Member ID',
	},
	{
		name: 'a member get by an email that is not one',
		parameters: member('get', { memberId: locator('email', 'ann.lee') }),
		field: 'Member email',
	},
	{
		name: 'a member get whose ID expression gives an object',
		parameters: member('get', { memberId: locator('id', '={{ $json.member }}') }),
		items: [{ member: { memberId: 'm0000000001' } }],
		field: 'Member',
	},
	{
		name: 'a member list with a limit of 0',
		parameters: member('getAll', { returnAll: false, limit: 0 }),
		field: 'Limit',
	},
	{
		name: 'a member list with a limit above the maximum',
		parameters: member('getAll', { returnAll: false, limit: 100_001 }),
		field: 'Limit',
	},
	{
		name: 'a member list with a fractional limit',
		parameters: member('getAll', { returnAll: false, limit: 2.5 }),
		field: 'Limit',
	},
	{
		name: 'a member list filtered by an invalid email',
		parameters: member('getAll', { returnAll: true, filters: { email: '"ann"@' } }),
		field: 'Filters: Email',
	},
	{
		name: 'a member list filtered by both email and search',
		parameters: member('getAll', {
			returnAll: true,
			filters: { email: 'ann.lee@example.com', search: 'lee' },
		}),
		field: 'Filters',
	},
	{
		name: 'a member update with nothing to update',
		parameters: member('update', { memberId: someone, updateFields: {} }),
		field: 'Update Fields',
	},
	{
		name: 'a member update to an invalid email',
		parameters: member('update', {
			memberId: someone,
			updateFields: { email: 'ann@@example.com' },
		}),
		field: 'Update Fields: Email',
	},
	{
		name: 'a member update to an unknown account type',
		parameters: member('update', { memberId: someone, updateFields: { memberType: 'Pro' } }),
		field: 'memberType',
		reads: ACCOUNT_TYPES,
	},
	{
		name: 'a member deactivation handing documents to an invalid new owner',
		parameters: member('deactivate', { memberId: someone, options: { newOwnerId: 'a b' } }),
		field: 'New Owner',
	},
	{
		name: 'a member reactivation without a member',
		parameters: member('reactivate', { memberId: locator('list', '') }),
		field: 'Member',
	},
	{
		name: 'a member’s teams with a limit of 0',
		parameters: member('getTeams', { memberId: someone, returnAll: false, limit: 0 }),
		field: 'Limit',
	},
	// Team
	{
		name: 'a team create without a name',
		parameters: team('create', { name: ' ' }),
		field: 'Name',
	},
	{
		name: 'a team create with an unknown visibility',
		parameters: team('create', { name: 'Finance', additionalFields: { visibility: 'secret' } }),
		field: 'Visibility',
	},
	{
		name: 'a team create with an invalid member email',
		parameters: team('create', { name: 'Finance', additionalFields: { members: 'ann@, bob' } }),
		field: 'Members',
	},
	{
		name: 'a team get with an ID holding a slash',
		parameters: team('get', { teamId: locator('id', 't1/members') }),
		field: 'Team ID',
	},
	{
		name: 'a team update with nothing to update',
		parameters: team('update', { teamId: someTeam, updateFields: {} }),
		field: 'Update Fields',
	},
	{
		name: 'a team delete without a team',
		parameters: team('delete', { teamId: locator('list', '') }),
		field: 'Team',
	},
	{
		name: 'a team member addition with a member ID holding spaces',
		parameters: team('addMembers', { teamId: someTeam, memberId: locator('id', 'ann lee') }),
		field: 'Member ID',
	},
	{
		name: 'a team member removal by an email that is not one',
		parameters: team('removeMembers', { teamId: someTeam, memberId: locator('email', 'ann@') }),
		field: 'Member email',
	},
	{
		name: 'a team’s members with a limit above the maximum',
		parameters: team('getMembers', { teamId: someTeam, returnAll: false, limit: 1e9 }),
		field: 'Limit',
	},
	{
		name: 'a team list filtered by an unknown visibility',
		parameters: team('getAll', { returnAll: true, filters: { visibility: 'hidden' } }),
		field: 'Visibility',
	},
	// Account type
	{
		name: 'an account type list with a negative limit',
		parameters: { resource: 'accountType', operation: 'getAll', returnAll: false, limit: -5 },
		field: 'Limit',
	},
	// SCIM user
	{
		name: 'a SCIM user create without a user name',
		parameters: scimUser('create', { ...newUser, userName: '' }),
		field: 'User Name',
	},
	{
		name: 'a SCIM user create with a user name that is not an email',
		parameters: scimUser('create', { ...newUser, userName: 'ann.lee' }),
		field: 'User Name',
	},
	{
		name: 'a SCIM user create with a user type in the wrong case',
		parameters: scimUser('create', { ...newUser, userType: 'build' }),
		field: 'User Type',
	},
	{
		name: 'a SCIM user create with a user type padded with spaces',
		parameters: scimUser('create', { ...newUser, userType: ' Build ' }),
		field: 'User Type',
	},
	{
		name: 'a SCIM user create without a family name',
		parameters: scimUser('create', { ...newUser, familyName: '' }),
		field: 'Family Name',
	},
	{
		name: 'a SCIM user replace without a user type',
		parameters: scimUser('replace', { userId: someone, ...newUser, userType: '' }),
		field: 'User Type',
	},
	{
		name: 'a SCIM user get with an ID holding a slash',
		parameters: scimUser('get', { userId: locator('id', 'm1/../Groups') }),
		field: 'User',
	},
	{
		name: 'a SCIM user get by a user name that is not an email',
		parameters: scimUser('get', { userId: locator('userName', 'ann') }),
		field: 'User',
	},
	{
		name: 'a SCIM user get whose ID expression gives an object',
		parameters: scimUser('get', { userId: locator('id', '={{ $json.user }}') }),
		items: [{ user: { id: 'm0000000001' } }],
		field: 'User',
	},
	{
		name: 'a SCIM user update with nothing to update',
		parameters: scimUser('update', { userId: someone, updateFields: {} }),
		field: 'Update Fields',
	},
	{
		name: 'a SCIM user update to a user name that is not an email',
		parameters: scimUser('update', { userId: someone, updateFields: { userName: 'x' } }),
		field: 'User Name',
	},
	{
		name: 'a SCIM user list with a limit of 0',
		parameters: scimUser('getAll', { returnAll: false, limit: 0 }),
		field: 'Limit',
	},
	{
		name: 'a SCIM user list with a raw filter whose quote is not closed',
		parameters: scimUser('getAll', {
			returnAll: true,
			filters: { filter: 'userName eq "ann.lee@example.com' },
		}),
		field: 'Raw Filter',
	},
	{
		name: 'a SCIM user list filtered both by user name and by a raw filter',
		parameters: scimUser('getAll', {
			returnAll: true,
			filters: { userName: 'ann@example.com', filter: 'userName eq "bob@example.com"' },
		}),
		field: 'Filters',
	},
	// SCIM group
	{
		name: 'a SCIM group create without a display name',
		parameters: scimGroup('create', { displayName: '' }),
		field: 'Display Name',
	},
	{
		name: 'a SCIM group rename to a name padded with spaces',
		parameters: scimGroup('update', { groupId: someTeam, displayName: ' Finance' }),
		field: 'Display Name',
	},
	{
		name: 'a SCIM group delete without a group',
		parameters: scimGroup('delete', { groupId: locator('list', '') }),
		field: 'Group',
	},
	{
		name: 'a SCIM group member addition by a user name that is not an email',
		parameters: scimGroup('addMembers', {
			groupId: someTeam,
			userId: locator('userName', 'ann'),
		}),
		field: 'User',
	},
	{
		name: 'a SCIM group list with a limit above the maximum',
		parameters: scimGroup('getAll', { returnAll: false, limit: 250_000 }),
		field: 'Limit',
	},
	{
		name: 'a SCIM group list with a raw filter whose brackets do not match',
		parameters: scimGroup('getAll', {
			returnAll: true,
			filters: { filter: '(displayName eq "Finance"' },
		}),
		field: 'Raw Filter',
	},
];

const describeRequest = (entry: LogEntry) => `${entry.method} ${entry.path}`;

describe('bad input is refused before anything is sent', () => {
	let sigma: SigmaTestbed;

	beforeAll(async () => {
		sigma = await startSigma({ members: 5, teams: 2, tokenRateLimit: false });
	});
	afterAll(async () => await sigma.stop());

	const original = () => ({
		sigmaApi: sigma.store.stored(sigma.credentials.sigmaApi.id),
		sigmaScimApi: sigma.store.stored(sigma.credentials.sigmaScimApi.id),
	});
	let saved: ReturnType<typeof original>;
	beforeAll(() => (saved = original()));
	beforeEach(() => {
		sigma.store.edit(sigma.credentials.sigmaApi.id, { ...saved.sigmaApi, accessToken: '' });
		sigma.store.edit(sigma.credentials.sigmaScimApi.id, saved.sigmaScimApi);
		sigma.emulator.log.clear();
	});

	it('still sends inputs at the edge of what is allowed', async () => {
		await run(sigma, member('getAll', { returnAll: false, limit: 1 }));
		await run(sigma, member('getAll', { returnAll: false, limit: MAX_LIMIT }));
		await run(
			sigma,
			scimUser('getAll', {
				returnAll: true,
				filters: { filter: 'userName eq "a\\"b(c]@example.com"' },
			}),
		);
		await run(sigma, scimUser('create', { ...newUser, userType: 'Build' }));

		expect(sigma.emulator.log.entries.map(describeRequest)).toEqual([
			'POST /v2/auth/token',
			'GET /v2/members',
			'GET /v2/members',
			'GET /scim/v2/Users',
			'POST /scim/v2/Users',
		]);
		expect(sigma.emulator.log.entries.map((entry) => entry.query.limit)).toEqual([
			undefined,
			'1',
			'1000',
			undefined,
			undefined,
		]);
	});

	it('covers at least 40 bad inputs over every resource and both credentials', () => {
		const resources = new Set(rows.map((row) => row.parameters.resource));
		expect(rows.length).toBeGreaterThanOrEqual(40);
		expect([...resources].sort()).toEqual([
			'accountType',
			'member',
			'scimGroup',
			'scimUser',
			'team',
		]);
		expect(rows.some((row) => row.sigmaApi && Object.keys(row.sigmaApi).length > 0)).toBe(true);
		expect(rows.some((row) => row.sigmaScimApi)).toBe(true);
		reportFigure('bad inputs', rows.length);
	});

	it.each(rows.map((row) => [row.name, row] as const))(
		'refuses %s, naming the field and the fix',
		async (_name, row) => {
			if (row.sigmaApi) sigma.store.edit(sigma.credentials.sigmaApi.id, row.sigmaApi);
			if (row.sigmaScimApi) sigma.store.edit(sigma.credentials.sigmaScimApi.id, row.sigmaScimApi);

			const error = await failure(run(sigma, row.parameters, row.items));
			const requests = sigma.emulator.log.entries.map(describeRequest);

			if (process.env.SHOW)
				console.log(`${row.name} => ${error.message} || ${String(error.description)}`);
			const text = `${error.message} ${String(error.description ?? '')}`;
			expect(error.message).toContain(typeof row.field === 'string' ? row.field : '');
			if (row.field instanceof RegExp) expect(error.message).toMatch(row.field);
			expect(text).toMatch(FIX);
			expect(requests).toEqual(row.reads ?? []);

			// Continue On Fail reports it on the item instead, and still sends nothing more.
			sigma.emulator.log.clear();
			const output = await run(sigma, row.parameters, row.items, true);
			expect(output).toEqual([
				{ json: expect.objectContaining({ error: error.message }), pairedItem: { item: 0 } },
			]);
			expect(sigma.emulator.log.entries.map(describeRequest)).toEqual(
				(row.reads ?? []).filter((read) => !read.includes('/v2/auth/token')),
			);
		},
	);
});
