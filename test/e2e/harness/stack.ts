import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SigmaEmulator, type EmulatorOptions, type LogEntry } from '../../emulator';
import { emulatorCredentials, N8n, packPackage, type N8nPorts } from './n8n';
import type { WorkflowJson } from './workflows';

/**
 * Fixed ports, one pair per test file, so that a failing file cannot disturb the next one and a
 * developer's own n8n (5678/5679) is left alone.
 */
export const PORTS = {
	credential: { http: 5710, broker: 5711 },
	resources: { http: 5712, broker: 5713 },
	examples: { http: 5714, broker: 5715 },
	trigger: { http: 5716, broker: 5717 },
	queueMain: { http: 5718, broker: 5719, cliBroker: 5722 },
	queueWorker: { http: 5720, broker: 5721 },
	demo: { http: 5730, broker: 5731, cliBroker: 5732 },
} satisfies Record<string, N8nPorts>;

/** The packed package: the one globalSetup made, or a fresh pack (for the demo). */
export async function packedTarball(): Promise<string> {
	const packed = process.env.SIGMA_E2E_TARBALL;
	if (packed) return packed;
	return await packPackage(mkdtempSync(join(tmpdir(), 'sigma-e2e-pack-')));
}

export interface Stack {
	emulator: SigmaEmulator;
	n8n: N8n;
	stop(): Promise<void>;
}

/**
 * The emulator in this process, and an n8n with the package installed and both credentials
 * (pointing at the emulator) and the given workflows imported.
 */
export async function startStack(options: {
	label: string;
	ports: N8nPorts;
	emulator?: EmulatorOptions;
	workflows: WorkflowJson[];
	n8nEnv?: Record<string, string>;
}): Promise<Stack> {
	const emulator = await SigmaEmulator.start(options.emulator);
	let n8n: N8n | undefined;
	try {
		n8n = await N8n.create({
			label: options.label,
			tarball: await packedTarball(),
			ports: options.ports,
			env: options.n8nEnv,
		});
		await n8n.importCredentials(emulatorCredentials(emulator));
		if (options.workflows.length > 0) await n8n.importWorkflows(options.workflows);
	} catch (error) {
		await n8n?.dispose();
		await emulator.stop();
		throw error;
	}
	const instance = n8n;
	return {
		emulator,
		n8n: instance,
		stop: async () => {
			await instance.dispose();
			await emulator.stop();
		},
	};
}

/** The emulator's log entries for what `action` caused (control calls left out). */
export async function requestsDuring(
	emulator: SigmaEmulator,
	action: () => Promise<unknown>,
): Promise<LogEntry[]> {
	emulator.log.clear();
	await action();
	return emulator.log.entries.filter((entry) => entry.api !== 'control');
}

/** "METHOD /path status" per request, for readable assertions on request sequences. */
export function describeRequests(entries: readonly LogEntry[]): string[] {
	return entries.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
}
