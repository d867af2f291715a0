import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Runs a compiled script of this folder in its own process, passing its output through. */
export async function runScript(
	script: string,
	args: string[],
	options: { echo: boolean } = { echo: true },
): Promise<{ code: number; stdout: string; stderr: string }> {
	const child = spawn(process.execPath, [join(__dirname, script), ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text: string) => {
		stdout += text;
		if (options.echo) process.stdout.write(text);
	});
	child.stderr.setEncoding('utf8').on('data', (text: string) => {
		stderr += text;
		if (options.echo) process.stderr.write(text);
	});
	const code = await new Promise<number>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (exit) => resolve(exit ?? 1));
	});
	return { code, stdout, stderr };
}

export function scriptExists(script: string): boolean {
	return existsSync(join(__dirname, script));
}

/**
 * Reads the first table of a benchmark's output whose header names `marker`: columns are
 * separated by two or more spaces, numbers may have thousands separators.
 */
export function readTable(text: string, marker: string): Array<Record<string, string>> {
	const lines = text.split('\n');
	const start = lines.findIndex((line) => line.includes(marker));
	if (start < 0) return [];
	const header = lines[start].trim().split(/\s{2,}/);
	const rows: Array<Record<string, string>> = [];
	for (const line of lines.slice(start + 1)) {
		const cells = line.trim().split(/\s{2,}/);
		if (cells.length !== header.length) break;
		rows.push(Object.fromEntries(header.map((title, column) => [title, cells[column]])));
	}
	return rows;
}

export function numberIn(cell: string | undefined): number {
	return cell === undefined ? NaN : Number(cell.replace(/,/g, ''));
}
