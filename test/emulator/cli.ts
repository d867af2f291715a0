import { SigmaEmulator, type EmulatorOptions } from './index';

const NUMBER_FLAGS: Record<string, keyof EmulatorOptions> = {
	'--port': 'port',
	'--members': 'members',
	'--teams': 'teams',
	'--token-lifetime': 'tokenLifetimeSeconds',
	'--latency': 'latencyMs',
	'--seed': 'seed',
	'--max-scim-count': 'maxScimCount',
};

const STRING_FLAGS: Record<string, keyof EmulatorOptions> = {
	'--client-id': 'clientId',
	'--client-secret': 'clientSecret',
	'--scim-token': 'scimToken',
};

export const USAGE =
	'Usage: node build/test/emulator/cli.js [--port 8089] [--members 50] [--teams 5] ' +
	'[--token-lifetime 3600] [--latency 0] [--seed 1] [--max-scim-count 1000] ' +
	'[--client-id ID] [--client-secret SECRET] [--scim-token TOKEN] ' +
	'[--no-token-rate-limit] [--account-types-forbidden]';

/** Turns command-line flags into emulator options; throws with the usage on a bad flag. */
export function parseCliArgs(argv: readonly string[]): EmulatorOptions {
	const options: Record<string, unknown> = {};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i] ?? '';
		if (flag === '--no-token-rate-limit') {
			options.tokenRateLimit = false;
			continue;
		}
		if (flag === '--account-types-forbidden') {
			options.accountTypesForbidden = true;
			continue;
		}
		const numberKey = NUMBER_FLAGS[flag];
		const stringKey = STRING_FLAGS[flag];
		const value = argv[i + 1];
		if ((!numberKey && !stringKey) || value === undefined) {
			throw new Error(`Unknown flag or missing value: ${flag}\n${USAGE}`);
		}
		i++;
		if (stringKey) {
			options[stringKey] = value;
			continue;
		}
		const number = Number(value);
		if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
			throw new Error(`${flag} needs a non-negative number, got "${value}"\n${USAGE}`);
		}
		if (numberKey) options[numberKey] = number;
	}
	return options as EmulatorOptions;
}

/** Starts the emulator and writes one JSON line a harness can read to find and call it. */
export async function runCli(
	argv: readonly string[],
	write: (line: string) => void,
): Promise<SigmaEmulator> {
	const emulator = await SigmaEmulator.start(parseCliArgs(argv));
	const { url, scimUrl, clientId, clientSecret, scimToken } = emulator;
	write(`${JSON.stringify({ url, scimUrl, clientId, clientSecret, scimToken })}\n`);
	return emulator;
}

if (require.main === module) {
	runCli(process.argv.slice(2), (line) => process.stdout.write(line)).then(
		(emulator) => {
			const shutdown = (): void => {
				void emulator.stop().then(() => process.exit(0));
			};
			process.once('SIGINT', shutdown);
			process.once('SIGTERM', shutdown);
		},
		(error: unknown) => {
			process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
			process.exit(1);
		},
	);
}
