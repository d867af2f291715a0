import { parseCliArgs, runCli } from './cli';
import { fetchToken, restClient } from './helpers';

describe('command line', () => {
	it('turns flags into emulator options', () => {
		const options = parseCliArgs([
			'--port',
			'8089',
			'--members',
			'50',
			'--teams',
			'5',
			'--token-lifetime',
			'60',
			'--latency',
			'10',
			'--seed',
			'9',
			'--no-token-rate-limit',
		]);

		expect(options).toEqual({
			port: 8089,
			members: 50,
			teams: 5,
			tokenLifetimeSeconds: 60,
			latencyMs: 10,
			seed: 9,
			tokenRateLimit: false,
		});
	});

	it('refuses an unknown flag, a missing value and a negative number, with the usage', () => {
		expect(() => parseCliArgs(['--member', '5'])).toThrow(/Usage:/);
		expect(() => parseCliArgs(['--members'])).toThrow(/--members/);
		expect(() => parseCliArgs(['--teams', '-1'])).toThrow(/non-negative/);
	});

	it('starts an emulator and prints one JSON line a harness can use', async () => {
		const lines: string[] = [];
		const emulator = await runCli(['--members', '20', '--teams', '2', '--seed', '4'], (line) =>
			lines.push(line),
		);
		try {
			expect(lines).toHaveLength(1);
			expect(lines[0]?.endsWith('\n')).toBe(true);
			const printed = JSON.parse(lines[0] ?? '') as Record<string, string>;
			expect(Object.keys(printed).sort()).toEqual([
				'clientId',
				'clientSecret',
				'scimToken',
				'scimUrl',
				'url',
			]);
			expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(printed.scimUrl).toBe(`${printed.url}/scim/v2`);

			const api = restClient(emulator, await fetchToken(emulator));
			const members = await api.get(
				'/v2/members?limit=100&includeArchived=true&includeInactive=true',
			);
			expect(members.body.entries).toHaveLength(21);
			expect(emulator.org.teams).toHaveLength(2);
		} finally {
			await emulator.stop();
		}
	});
});
