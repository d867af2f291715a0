import type { IDataObject } from 'n8n-workflow';

import { readInsensitive } from '../../transport';

export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface ScimPatchOperation {
	/** RFC 7644 allows any case; lower case is what every server accepts. */
	op: 'add' | 'remove' | 'replace';
	path?: string;
	value?: unknown;
}

export function scimPatchBody(operations: ScimPatchOperation[]): IDataObject {
	return { schemas: [SCIM_PATCH_SCHEMA], Operations: operations as unknown as IDataObject[] };
}

/**
 * Reads an attribute such as `name.givenName` from a SCIM resource. Attribute names are
 * case-insensitive in SCIM, and servers differ in how they spell them.
 */
export function readScimAttribute(resource: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((value, name) => readInsensitive(value, name), resource);
}

export function readScimText(resource: unknown, path: string): string | undefined {
	const value = readScimAttribute(resource, path);
	return typeof value === 'string' ? value : undefined;
}

/** The `id` every SCIM resource carries; an answer without one is not a resource. */
export function readScimId(resource: unknown): string | undefined {
	const id = readScimAttribute(resource, 'id');
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** True for the empty answer a server may give to PUT or PATCH (204, or 200 without a body). */
export function isEmptyAnswer(response: unknown): boolean {
	return (
		response === undefined ||
		response === null ||
		response === '' ||
		(typeof response === 'object' && Object.keys(response).length === 0)
	);
}
