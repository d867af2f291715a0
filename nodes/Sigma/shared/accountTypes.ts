import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collect, tokenPages } from '../../transport';
import { httpStatus, invalidInput, nodeError } from './validation';

export interface SigmaAccountType extends IDataObject {
	accountTypeId: string;
	accountTypeName: string;
	description?: string;
	isCustom?: boolean;
}

export async function listAccountTypes(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	options: { limit?: number; itemIndex?: number } = {},
): Promise<SigmaAccountType[]> {
	return (await collect(tokenPages.call(this, '/v2/accountTypes', options))) as SigmaAccountType[];
}

/**
 * Checks memberType values against the organization's account types before anything is
 * written, so a typo in the last of 1,000 items does not fail after 999 writes. The list is read
 * once per execution, on the first check. Credentials not owned by an Admin may not list account
 * types (403); then every value passes and Sigma's own answer decides, item by item.
 */
export class AccountTypeCheck {
	private names: Promise<string[] | undefined> | undefined;

	constructor(private readonly context: IExecuteFunctions) {}

	async check(memberType: string | undefined, itemIndex: number): Promise<void> {
		if (memberType === undefined) return;
		const names = await (this.names ??= this.load(itemIndex));
		if (names === undefined || names.includes(memberType)) return;

		const lower = memberType.toLowerCase();
		const nearest = names.find((name) => name.toLowerCase() === lower);
		const suggestion = nearest === undefined ? '.' : `; did you mean "${nearest}"?`;
		throw invalidInput.call(
			this.context,
			itemIndex,
			`memberType "${memberType}" is not an account type in ` +
				`this organization${suggestion} Valid: ${names.join(', ')}`,
			'Account type names are case-sensitive. ' +
				'Pick one from the Member Type list, or correct the value the expression gives.',
		);
	}

	private async load(itemIndex: number): Promise<string[] | undefined> {
		try {
			const types = await listAccountTypes.call(this.context, { itemIndex });
			return types.map((type) => type.accountTypeName);
		} catch (error) {
			if (httpStatus(error) !== 403) throw nodeError(this.context.getNode(), error, itemIndex);
			this.context.logger.warn(
				'Sigma: these API credentials may not list account types (only credentials ' +
					'owned by an Admin can), so memberType values are not checked before writing; ' +
					'Sigma rejects unknown ones item by item.',
			);
			return undefined;
		}
	}
}

/** Account type names for the Member Type dropdown. */
export async function getAccountTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	try {
		const types = await listAccountTypes.call(this);
		return types.map((type) => ({
			name: type.accountTypeName,
			value: type.accountTypeName,
			description: type.description || undefined,
		}));
	} catch (error) {
		if (httpStatus(error) !== 403) throw nodeError(this.getNode(), error);
		throw new NodeOperationError(
			this.getNode(),
			'These API credentials may not list account types: ' +
				'only credentials owned by an Admin can. Enter the account type name ' +
				'with an expression instead (names are case-sensitive, e.g. Build).',
		);
	}
}
