import { parseBaseUrl, restBaseUrl, SIGMA_REGIONS } from '../../credentials/sigmaHosts';

describe('Sigma regions', () => {
	it('lists the 13 documented API hosts plus a custom URL', () => {
		const hosts = SIGMA_REGIONS.map((region) => region.value).filter((value) => value !== 'custom');
		expect(hosts).toHaveLength(13);
		expect(hosts).toContain('https://api.sigmacomputing.com');
		expect(hosts).not.toContain('https://gcp-api.sigmacomputing.com');
		for (const host of hosts) expect(host).toMatch(/^https:\/\/[a-z0-9.-]+\.sigmacomputing\.com$/);
	});
});

describe('custom base URLs', () => {
	it('trims a trailing slash and /v2', () => {
		expect(restBaseUrl({ region: 'custom', baseUrl: ' https://api.example.com/v2/ ' })).toEqual({
			url: 'https://api.example.com',
		});
		expect(restBaseUrl({ region: 'custom', baseUrl: 'https://api.example.com/' })).toEqual({
			url: 'https://api.example.com',
		});
	});

	it('accepts http only for loopback hosts', () => {
		expect(restBaseUrl({ region: 'custom', baseUrl: 'http://127.0.0.1:8080' })).toEqual({
			url: 'http://127.0.0.1:8080',
		});
		expect(restBaseUrl({ region: 'custom', baseUrl: 'http://localhost:8080' })).toEqual({
			url: 'http://localhost:8080',
		});
		const remote = restBaseUrl({ region: 'custom', baseUrl: 'http://api.example.com' });
		expect(remote).toEqual({ problem: expect.stringContaining('use https://') });
	});

	it('names the field and the fix for text that is not a URL', () => {
		expect(parseBaseUrl('aws-api.sigmacomputing.com', 'Base URL')).toEqual({
			problem: expect.stringMatching(/^Base URL .* is not a URL: enter it with https:\/\//),
		});
		expect(parseBaseUrl('', 'Base URL')).toEqual({ problem: expect.stringContaining('is empty') });
	});

	it('refuses a SCIM Directory Base URL in the REST credential', () => {
		expect(
			restBaseUrl({ region: 'custom', baseUrl: 'https://aws-api.sigmacomputing.com/scim/v2' }),
		).toEqual({ problem: expect.stringContaining('Sigma SCIM API credential') });
	});

	it('uses the chosen region as it is', () => {
		expect(
			restBaseUrl({ region: 'https://api.eu.aws.sigmacomputing.com', baseUrl: 'ignored' }),
		).toEqual({
			url: 'https://api.eu.aws.sigmacomputing.com',
		});
	});
});
