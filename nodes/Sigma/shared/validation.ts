import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Sigma IDs are opaque, but always one URL path segment without spaces. */
export const ID_PATTERN = /^[^\s/]+$/;

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An error about one item's input, raised before anything is sent for it. */
export function invalidInput(
	this: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(this.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

/** The HTTP status of a transport error, or undefined for any other failure. */
export function httpStatus(error: unknown): number | undefined {
	const code = (error as Partial<NodeApiError>).httpCode;
	return typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : undefined;
}

/** Why a value cannot be used as text, when an expression gave an object or a list. */
export function notTextProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const kind = Array.isArray(value) ? 'a list' : 'an object';
	const example = 'e.g. {{ $json.email }} rather than {{ $json }}';
	return `is ${kind}, not text: map one field of it, ${example}`;
}

export function requiredString(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	const notText = notTextProblem(value);
	if (notText !== undefined) throw invalidInput.call(this, itemIndex, `${label} ${notText}`);
	const text = typeof value === 'string' ? value.trim() : String(value ?? '').trim();
	if (text === '') {
		throw invalidInput.call(
			this,
			itemIndex,
			`${label} is empty; enter a value or map one from the input`,
		);
	}
	return text;
}

export function checkEmail(
	this: IExecuteFunctions,
	email: string,
	label: string,
	itemIndex: number,
): string {
	if (!EMAIL_PATTERN.test(email)) {
		throw invalidInput.call(
			this,
			itemIndex,
			`${label} "${email}" is not a valid email address; use the form name@example.com`,
		);
	}
	return email;
}

export function checkId(
	this: IExecuteFunctions,
	id: string,
	label: string,
	itemIndex: number,
): string {
	if (!ID_PATTERN.test(id)) {
		throw invalidInput.call(
			this,
			itemIndex,
			`${label} "${id}" is not a valid Sigma ID: IDs contain no spaces or slashes. ` +
				'Copy the ID from a Get or Get Many output, or switch the mode to pick from the list',
		);
	}
	return id;
}

/** An optional text parameter: undefined when empty. */
export function optionalText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

/** The error as n8n shows it best: transport errors pass through, anything else is wrapped. */
export function nodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}
