import { simplifyUser, userBody } from '../../../../nodes/Sigma/resources/scimUser/shared';

describe('simplifying a SCIM user', () => {
	it('reads attributes in any case and booleans written as strings', () => {
		const user = {
			Schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
			ID: 'u1',
			UserName: 'ann.lee@example.com',
			NAME: { GivenName: 'Ann', FAMILYNAME: 'Lee' },
			Emails: [
				{ Value: 'ann.private@example.com', Primary: 'False' },
				{ Value: 'ann@example.com', Primary: 'True' },
			],
			USERTYPE: 'Build',
			Active: 'False',
		};

		expect(simplifyUser(user)).toEqual({
			id: 'u1',
			userName: 'ann.lee@example.com',
			givenName: 'Ann',
			familyName: 'Lee',
			email: 'ann@example.com',
			userType: 'Build',
			active: false,
		});
	});

	it('falls back to the user name when the user has no email list', () => {
		const simplified = simplifyUser({ id: 'u2', userName: 'bo@example.com', active: true });

		expect(simplified).toMatchObject({ email: 'bo@example.com', givenName: null, active: true });
	});
});

describe('the user resource sent by Create and Replace', () => {
	const carriesCoreSchema =
		'carries the core schema, the email as primary work email, and no userType when none is given';
	it(carriesCoreSchema, () => {
		const body = userBody({
			userName: 'ann@example.com',
			givenName: 'Ann',
			familyName: 'Lee',
			active: true,
		});

		expect(body).toEqual({
			schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
			userName: 'ann@example.com',
			name: { givenName: 'Ann', familyName: 'Lee' },
			emails: [{ value: 'ann@example.com', type: 'work', primary: true }],
			active: true,
		});
	});
});
