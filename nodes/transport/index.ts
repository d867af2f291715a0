export { endpoint, scimApiRequest, sigmaApiRequest } from './request';
export type { SigmaContext, SigmaRequest } from './request';
export {
	collect,
	cursorPages,
	MAX_PAGE_SIZE,
	readInsensitive,
	scimPages,
	SCIM_PAGE_SIZE,
	tokenPages,
} from './pagination';
export type { PageOptions } from './pagination';
export { readErrorBody, sigmaApiError } from './errors';
export type { SigmaApiKind } from './errors';
export { DEFAULT_RETRY_POLICY } from './retry';
export type { RetryPolicy } from './retry';
