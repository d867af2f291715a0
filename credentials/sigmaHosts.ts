import type { INodePropertyOptions } from 'n8n-workflow';

export const CUSTOM_REGION = 'custom';

/**
 * Sigma's API hosts, one per cloud region; each admin sees theirs under Administration > Developer
 * Access.
 */
export const SIGMA_REGIONS: INodePropertyOptions[] = [
	{ name: 'AWS Asia Pacific (Sydney)', value: 'https://api.au.aws.sigmacomputing.com' },
	{ name: 'AWS Canada (Central)', value: 'https://api.ca.aws.sigmacomputing.com' },
	{ name: 'AWS Europe (Frankfurt)', value: 'https://api.eu.aws.sigmacomputing.com' },
	{ name: 'AWS UK (London)', value: 'https://api.uk.aws.sigmacomputing.com' },
	{ name: 'AWS US East (N. Virginia)', value: 'https://api.us-a.aws.sigmacomputing.com' },
	{ name: 'AWS US West (Oregon)', value: 'https://aws-api.sigmacomputing.com' },
	{ name: 'Azure Australia', value: 'https://api.au.azure.sigmacomputing.com' },
	{ name: 'Azure Canada (Toronto)', value: 'https://api.ca.azure.sigmacomputing.com' },
	{ name: 'Azure Europe (Netherlands)', value: 'https://api.eu.azure.sigmacomputing.com' },
	{ name: 'Azure UK (London)', value: 'https://api.uk.azure.sigmacomputing.com' },
	{ name: 'Azure US (Virginia)', value: 'https://api.us.azure.sigmacomputing.com' },
	{ name: 'Custom URL', value: CUSTOM_REGION },
	{ name: 'GCP Saudi Arabia (Dammam)', value: 'https://api.sa.gcp.sigmacomputing.com' },
	{ name: 'GCP US (Iowa)', value: 'https://api.sigmacomputing.com' },
];

const REGION_HOSTS = new Set(
	SIGMA_REGIONS.map((region) => String(region.value)).filter((host) => host !== CUSTOM_REGION),
);

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks a base URL typed by a person and returns it without a trailing slash, or the reason it
 * cannot be used. `https://` is required except for loopback hosts (the emulator, a local proxy).
 */
export function parseBaseUrl(
	raw: unknown,
	field: string,
	stripSuffix?: RegExp,
): { url: string } | { problem: string } {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') {
		return { problem: `${field} is empty: enter the full URL, e.g. https://api.example.com` };
	}

	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return {
			problem:
				`${field} "${text}" is not a URL: ` +
				'enter it with https://, e.g. https://api.example.com',
		};
	}

	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return { problem: `${field} must start with https://: use e.g. https://api.example.com` };
	}
	if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
		return {
			problem:
				`${field} uses http:// to ${parsed.hostname}: ` +
				'use https:// (plain http is only accepted for localhost)',
		};
	}
	if (parsed.username || parsed.password || parsed.search || parsed.hash) {
		return {
			problem: `${field} must not contain a user name, password, query or fragment: remove them`,
		};
	}

	let url = `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
	if (stripSuffix) url = url.replace(stripSuffix, '');
	return { url };
}

/** The REST API base (without `/v2`) that a `sigmaApi` credential points at. */
export function restBaseUrl(credentials: { region?: unknown; baseUrl?: unknown }):
	| {
			url: string;
	  }
	| { problem: string } {
	if (
		credentials.region !== CUSTOM_REGION &&
		typeof credentials.region === 'string' &&
		credentials.region
	) {
		// The secret goes to this host: a value saved outside the editor must still be one of ours.
		if (!REGION_HOSTS.has(credentials.region)) {
			return {
				problem:
					`Region "${credentials.region}" is not one of Sigma's regions: ` +
					'choose one from the list, or Custom URL for another host',
			};
		}
		return { url: credentials.region };
	}
	const result = parseBaseUrl(credentials.baseUrl, 'Base URL', /\/v2(\.1)?$/);
	if ('url' in result && /\/scim(\/|$)/i.test(result.url)) {
		return {
			problem:
				'Base URL looks like a SCIM Directory Base URL: the Sigma API credential ' +
				'needs the REST API host (e.g. https://aws-api.sigmacomputing.com); ' +
				'put the SCIM URL in a Sigma SCIM API credential',
		};
	}
	return result;
}
