import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readConcurrency } from '../../../shared/descriptions';
import { checkEmail, invalidInput, optionalText } from '../../../shared/validation';
import { USER_KINDS } from '../shared';
import { DEFAULT_FIELDS, DEFAULT_MAX_DEACTIVATIONS } from './description';
import type { DeactivationLimit, Person, Scope } from './plan';
import { parseDeactivationLimit, parseEmailDomains } from './plan';

export type InputFields = typeof DEFAULT_FIELDS;

export interface SyncSettings {
	mode: 'plan' | 'apply';
	fields: InputFields;
	deactivateMissing: boolean;
	scope: Scope;
	maxDeactivations: DeactivationLimit;
	/** Member ID or email, as entered. */
	newOwner?: string;
	/** Team IDs or names, as entered; empty when the sync manages no teams. */
	manageTeams: string[];
	sendInvite: boolean;
	concurrency: number;
}

/**
 * The settings of the run. They describe the whole list, not one person, so they are read once
 * (from the first item); a problem with them fails the run before anything is sent.
 */
export function readSettings(this: IExecuteFunctions): SyncSettings {
	const fail = (message: string) => new NodeOperationError(this.getNode(), message);
	const mode = this.getNodeParameter('mode', 0, 'plan') as string;
	if (mode !== 'plan' && mode !== 'apply') {
		throw fail(`Mode "${mode}" is not known; use plan or apply`);
	}

	const given = this.getNodeParameter('fields', 0, {}) as IDataObject;
	const fields = { ...DEFAULT_FIELDS };
	for (const name of Object.keys(DEFAULT_FIELDS) as Array<keyof InputFields>) {
		const value = optionalText(given[name]);
		if (value !== undefined) fields[name] = value;
	}

	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const rawLimit = options.maxDeactivations ?? DEFAULT_MAX_DEACTIVATIONS;
	const maxDeactivations = parseDeactivationLimit(
		typeof rawLimit === 'string' && rawLimit.trim() === '' ? DEFAULT_MAX_DEACTIVATIONS : rawLimit,
	);
	if (maxDeactivations === undefined) {
		throw fail(
			`Max Deactivations ${JSON.stringify(rawLimit)} is neither a count nor a percentage; ` +
				'enter e.g. 25 or 5% (0 refuses any deactivation)',
		);
	}

	const rules = ((options.scope as IDataObject | undefined)?.rules ?? {}) as IDataObject;
	const userKinds = list(rules.userKinds);
	const unknownKind = userKinds.find((kind) => !USER_KINDS.includes(kind));
	if (unknownKind !== undefined) {
		throw fail(
			`Scope > User Kinds: "${unknownKind}" is not one Sigma knows; use internal, guest or embed`,
		);
	}

	return {
		mode,
		fields,
		deactivateMissing: options.deactivateMissing === true,
		scope: {
			emailDomains: parseEmailDomains(rules.emailDomains),
			accountTypes: list(rules.accountTypes),
			userKinds,
		},
		maxDeactivations,
		newOwner: optionalText(options.newOwnerId),
		manageTeams: list(options.manageTeams),
		sendInvite: options.sendInvite !== false,
		concurrency: readConcurrency.call(this),
	};
}

/** A multi-options value, or comma-separated text when an expression gives one. */
function list(value: unknown): string[] {
	const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return [...new Set(values.map((entry) => String(entry).trim()).filter((entry) => entry !== ''))];
}

/** The value at a field name, or at a dotted path when no field has that exact name. */
export function valueAt(json: IDataObject, path: string): unknown {
	if (path in json) return json[path];
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** One input item as a person; throws this item's error for bad input. */
export function readPerson(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	fields: InputFields,
	withTeams: boolean,
): Person {
	const json = item.json ?? {};
	const text = (name: keyof InputFields): string | undefined => {
		const value = valueAt(json, fields[name]);
		if (typeof value === 'object' && value !== null) {
			throw invalidInput.call(
				this,
				itemIndex,
				`Field "${fields[name]}" is ${Array.isArray(value) ? 'a list' : 'an object'}, ` +
					`not text; point Input Fields > ${FIELD_LABELS[name]} Field at ` +
					`the field that holds the ${FIELD_LABELS[name].toLowerCase()}`,
			);
		}
		return optionalText(value);
	};

	const email = text('email');
	if (email === undefined) {
		throw invalidInput.call(
			this,
			itemIndex,
			`The item has no email in field "${fields.email}", the key of the sync; ` +
				'fill it in the list, or map the field that holds the email in Input Fields > Email Field',
		);
	}
	const person: Person = {
		itemIndex,
		email: checkEmail.call(this, email, `Email (field "${fields.email}")`, itemIndex),
	};
	for (const name of ['firstName', 'lastName', 'memberType'] as const) {
		const value = text(name);
		if (value !== undefined) person[name] = value;
	}
	if (withTeams)
		person.teams = readTeams.call(this, valueAt(json, fields.teams), fields, itemIndex);
	return person;
}

const FIELD_LABELS: Record<keyof InputFields, string> = {
	email: 'Email',
	firstName: 'First Name',
	lastName: 'Last Name',
	memberType: 'Member Type',
	teams: 'Teams',
};

function readTeams(
	this: IExecuteFunctions,
	value: unknown,
	fields: InputFields,
	itemIndex: number,
): string[] {
	if (value === undefined || value === null) return [];
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: [value];
	return entries
		.map((entry) => {
			if (typeof entry === 'string' || typeof entry === 'number') return String(entry).trim();
			throw invalidInput.call(
				this,
				itemIndex,
				`Field "${fields.teams}" holds ${JSON.stringify(entry)}, not a team name or ID; ` +
					'give a list of team names or IDs, or comma-separated text',
			);
		})
		.filter((entry) => entry !== '');
}

/** The key of an item as far as it can be read, so an invalid item still protects its member. */
export function rawEmail(item: INodeExecutionData, fields: InputFields): string | undefined {
	const value = valueAt(item.json ?? {}, fields.email);
	return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined;
}
