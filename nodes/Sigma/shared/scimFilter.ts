/**
 * Escapes text for a SCIM filter's string literal. RFC 7644 uses JSON string syntax there, so a
 * backslash, a double quote and any control character must be escaped; nothing else may be.
 */
export function escapeScimString(value: string): string {
	let escaped = '';
	for (const character of value) {
		const code = character.charCodeAt(0);
		if (character === '\\' || character === '"') {
			escaped += `\\${character}`;
		} else if (code < 0x20) {
			escaped += `\\u${code.toString(16).padStart(4, '0')}`;
		} else {
			escaped += character;
		}
	}
	return escaped;
}

/** An attribute Sigma lets clients filter on; never text typed by a user. */
export type ScimFilterAttribute = 'userName' | 'displayName' | 'value';

/** `attribute eq "value"` with the value escaped, e.g. `userName eq "ann@example.com"`. */
export function scimEqualsFilter(attribute: ScimFilterAttribute, value: string): string {
	return `${attribute} eq "${escapeScimString(value)}"`;
}

/** The PATCH path that selects one member of a group, e.g. `members[value eq "m1"]`. */
export function scimMemberPath(userId: string): string {
	return `members[${scimEqualsFilter('value', userId)}]`;
}

const OPENING: Record<string, string> = { ')': '(', ']': '[' };

/**
 * What makes a filter typed by a person unreadable, if anything: a string value whose quote is
 * not closed, or brackets that do not pair up. Sigma would refuse it with 400 invalidFilter;
 * finding it here names the field and sends nothing.
 */
export function rawFilterProblem(filter: string): string | undefined {
	const open: string[] = [];
	let inString = false;
	for (let index = 0; index < filter.length; index++) {
		const character = filter[index];
		if (inString) {
			if (character === '\\') index++;
			else if (character === '"') inString = false;
		} else if (character === '"') {
			inString = true;
		} else if (character === '(' || character === '[') {
			open.push(character);
		} else if (character in OPENING && open.pop() !== OPENING[character]) {
			return `has a "${character}" that closes nothing: remove it, or add the bracket it closes`;
		}
	}
	if (inString) {
		return (
			'has a value whose quote is not closed: ' +
			'end the value with ", and escape a quote inside it as \\"'
		);
	}
	if (open.length > 0) return `has a "${open[open.length - 1]}" that is not closed: close it`;
	return undefined;
}
