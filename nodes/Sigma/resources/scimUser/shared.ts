import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ScimHint } from '../../shared/scimErrors';
import {
	readScimAttribute,
	readScimId,
	readScimText,
	SCIM_USER_SCHEMA,
} from '../../shared/scimSchema';
import { notTextProblem } from '../../shared/validation';

export function showFor(operation: string): IDisplayOptions {
	return { show: { resource: ['scimUser'], operation: [operation] } };
}

export const USER_LOCATOR = { label: 'User', key: 'userName' } as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const USER_TYPE_DESCRIPTION =
	"The Sigma account type, e.g. Build or View. It must match the account type's name exactly: " +
	'names are case-sensitive, and custom account types use the name an admin gave them.';

export const USER_NAME_DESCRIPTION =
	"The user's email address, which Sigma uses as the member's email";

/** The attributes of Create and Replace, which send a whole user. */
export function userFields(
	displayOptions: IDisplayOptions,
	options: { userTypeRequired: boolean },
): INodeProperties[] {
	return [
		{
			displayName: 'User Name',
			name: 'userName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. ann.lee@example.com',
			description: USER_NAME_DESCRIPTION,
			displayOptions,
		},
		{
			displayName: 'Given Name',
			name: 'givenName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Ann',
			description: "The user's first name",
			displayOptions,
		},
		{
			displayName: 'Family Name',
			name: 'familyName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Lee',
			description: "The user's last name",
			displayOptions,
		},
		{
			displayName: 'User Type',
			name: 'userType',
			type: 'string',
			required: options.userTypeRequired,
			default: '',
			placeholder: 'e.g. Build',
			description: options.userTypeRequired
				? USER_TYPE_DESCRIPTION
				: `${USER_TYPE_DESCRIPTION} Leave empty for the organization's default account type.`,
			displayOptions,
		},
		{
			displayName: 'Active',
			name: 'active',
			type: 'boolean',
			default: true,
			description: 'Whether the user can sign in. An inactive user keeps their documents.',
			displayOptions,
		},
	];
}

export interface ScimUserInput {
	userName: string;
	givenName: string;
	familyName: string;
	/** Undefined leaves the choice to Sigma (its default account type). */
	userType?: string;
	active: boolean;
}

function problem(context: IExecuteFunctions, itemIndex: number, message: string) {
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

export function checkUserName(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field = 'User Name (userName)',
): string {
	const notText = notTextProblem(value);
	if (notText !== undefined) throw problem(this, itemIndex, `${field} ${notText}`);
	const text = typeof value === 'string' ? value : String(value ?? '');
	if (text.trim() === '') {
		throw problem(this, itemIndex, `${field} is empty: enter the user's email address`);
	}
	if (text !== text.trim()) {
		throw problem(this, itemIndex, `${field} "${text}" has spaces around it: remove them`);
	}
	if (!EMAIL.test(text)) {
		throw problem(
			this,
			itemIndex,
			`${field} "${text}" is not an email address: enter the user's email, ` +
				'which Sigma uses as the user name, e.g. ann.lee@example.com',
		);
	}
	return text;
}

/**
 * Sigma's standard account types. SCIM cannot list an organization's types, but a name that
 * differs from one of these only in case is a typo, since Sigma compares names exactly. Admin is
 * left out: organizations on Sigma's older license model send "admin" in lower case.
 */
const STANDARD_ACCOUNT_TYPES = ['View', 'Act', 'Analyze', 'Build'];

/** Only the form of the name, and the case of a standard type, can be checked without Sigma. */
export function checkUserType(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field = 'User Type (userType)',
): string {
	const text = typeof value === 'string' ? value : String(value ?? '');
	if (text.trim() === '') {
		throw problem(this, itemIndex, `${field} is empty: enter an account type name, e.g. Build`);
	}
	if (text !== text.trim()) {
		throw problem(
			this,
			itemIndex,
			`${field} "${text}" has spaces around it: ` +
				'remove them, as Sigma compares account type names exactly',
		);
	}
	const standard = STANDARD_ACCOUNT_TYPES.find((name) => name.toLowerCase() === text.toLowerCase());
	if (standard !== undefined && standard !== text) {
		throw problem(
			this,
			itemIndex,
			`${field} "${text}" is not an account type: ` +
				`use "${standard}", as Sigma compares account type names exactly`,
		);
	}
	return text;
}

function checkName(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field: string,
): string {
	const text = typeof value === 'string' ? value : String(value ?? '');
	if (text.trim() === '') throw problem(context, itemIndex, `${field} is empty: enter a name`);
	return text;
}

export function readUserInput(
	this: IExecuteFunctions,
	itemIndex: number,
	options: { userTypeRequired: boolean },
): ScimUserInput {
	const userType = this.getNodeParameter('userType', itemIndex, '') as string;
	return {
		userName: checkUserName.call(this, this.getNodeParameter('userName', itemIndex), itemIndex),
		givenName: checkName(
			this,
			this.getNodeParameter('givenName', itemIndex),
			itemIndex,
			'Given Name (givenName)',
		),
		familyName: checkName(
			this,
			this.getNodeParameter('familyName', itemIndex),
			itemIndex,
			'Family Name (familyName)',
		),
		userType:
			userType === '' && !options.userTypeRequired
				? undefined
				: checkUserType.call(this, userType, itemIndex),
		active: this.getNodeParameter('active', itemIndex, true) as boolean,
	};
}

/** A whole SCIM user, as Create and Replace send it. */
export function userBody(input: ScimUserInput): IDataObject {
	const body: IDataObject = {
		schemas: [SCIM_USER_SCHEMA],
		userName: input.userName,
		name: { givenName: input.givenName, familyName: input.familyName },
		emails: [{ value: input.userName, type: 'work', primary: true }],
		active: input.active,
	};
	if (input.userType !== undefined) body.userType = input.userType;
	return body;
}

function readBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	// Some SCIM servers write booleans as the strings "True" and "False".
	if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
		return value.toLowerCase() === 'true';
	}
	return undefined;
}

function primaryEmail(user: IDataObject): string | undefined {
	const emails = readScimAttribute(user, 'emails');
	if (!Array.isArray(emails)) return undefined;
	const primary = emails.find((email) => readBoolean(readScimAttribute(email, 'primary')));
	return readScimText(primary ?? emails[0], 'value');
}

export function simplifyUser(user: IDataObject): IDataObject {
	return {
		id: readScimId(user) ?? null,
		userName: readScimText(user, 'userName') ?? null,
		givenName: readScimText(user, 'name.givenName') ?? null,
		familyName: readScimText(user, 'name.familyName') ?? null,
		email: primaryEmail(user) ?? readScimText(user, 'userName') ?? null,
		userType: readScimText(user, 'userType') ?? null,
		active: readBoolean(readScimAttribute(user, 'active')) ?? null,
	};
}

export function shapeUser(user: IDataObject, simplify: boolean): IDataObject {
	return simplify ? simplifyUser(user) : user;
}

/** Advice on Sigma's common SCIM user errors, naming the field to change. */
export function userHint(request: { userName?: string; userId?: string }): ScimHint {
	return ({ status, detail }) => {
		if (status === '409') {
			const name = request.userName ? ` "${request.userName}"` : '';
			return (
				`Another SCIM user already has the user name${name} (compared without case), possibly ` +
				'a deactivated one. Find it with Get and By User Name, then use Update or Replace on it.'
			);
		}
		if (status === '400' && detail.includes('usertype')) {
			return (
				'User Type must be the exact name of an account type in this Sigma organization. ' +
				"Names are case-sensitive (e.g. 'Build', not 'build'); " +
				'Sigma lists them under Administration > Account Types.'
			);
		}
		if (status === '400' && (detail.includes('username') || detail.includes('email'))) {
			return "User Name must be the user's email address, e.g. ann.lee@example.com.";
		}
		if (status === '404' && request.userId) {
			return (
				`No SCIM user has the ID "${request.userId}". ` +
				'Pick the user from the list, or look them up By User Name.'
			);
		}
		return undefined;
	};
}
