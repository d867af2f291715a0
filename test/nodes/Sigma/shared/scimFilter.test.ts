import {
	escapeScimString,
	scimEqualsFilter,
	scimMemberPath,
} from '../../../../nodes/Sigma/shared/scimFilter';
import { readScimAttribute } from '../../../../nodes/Sigma/shared/scimSchema';

describe('escaping SCIM filter values', () => {
	it('escapes a backslash and a double quote with a backslash each', () => {
		expect(escapeScimString('o"brien\\x@example.com')).toBe('o\\"brien\\\\x@example.com');
	});

	const escapesBackslashesFirst =
		'escapes backslashes before quotes, so an escaped quote in the input cannot close the string';
	it(escapesBackslashesFirst, () => {
		expect(escapeScimString('\\"')).toBe('\\\\\\"');
		expect(escapeScimString('x\\" or userName pr or "')).toBe('x\\\\\\" or userName pr or \\"');
	});

	it('escapes control characters as \\u sequences', () => {
		expect(escapeScimString('a\nb\tc\u0000')).toBe('a\\u000ab\\u0009c\\u0000');
	});

	it('leaves every other character as it is', () => {
		const text = "Zoë O'Neil + 名前 (R&D) [x] 😀 eq pr";
		expect(escapeScimString(text)).toBe(text);
	});

	const givesBackOriginalText =
		'gives back the original text when the literal is read as RFC 7644 (JSON) string syntax';
	it(givesBackOriginalText, () => {
		const samples = [
			'',
			'"',
			'\\',
			'\\\\"',
			'a"b"c',
			'tab\there',
			'new\nline',
			'😀"\\😀',
			'\u001f',
		];
		for (const sample of samples) {
			expect(JSON.parse(`"${escapeScimString(sample)}"`)).toBe(sample);
		}
	});
});

describe('building SCIM filters', () => {
	it('builds an eq filter on the attribute with the value quoted and escaped', () => {
		expect(scimEqualsFilter('userName', 'ann@example.com')).toBe('userName eq "ann@example.com"');
		expect(scimEqualsFilter('displayName', 'R&D "Core"')).toBe('displayName eq "R&D \\"Core\\""');
	});

	it('builds the member path of a remove operation', () => {
		expect(scimMemberPath('m1"x')).toBe('members[value eq "m1\\"x"]');
	});
});

describe('reading SCIM attributes', () => {
	it('reads attribute names and sub-attributes without regard to case', () => {
		const user = { ID: 'u1', Name: { GIVENNAME: 'Ann' }, userName: 'ann@example.com' };

		expect(readScimAttribute(user, 'id')).toBe('u1');
		expect(readScimAttribute(user, 'name.givenName')).toBe('Ann');
		expect(readScimAttribute(user, 'username')).toBe('ann@example.com');
		expect(readScimAttribute(user, 'name.familyName')).toBeUndefined();
	});
});
