import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder up from here whose package.json is this package's. */
export function repoRoot(): string {
	let dir = __dirname;
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest)) {
			const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
			if (name === 'n8n-nodes-sigma-computing') return dir;
		}
		const parent = dirname(dir);
		if (parent === dir) throw new Error('Could not find the repository root from ' + __dirname);
		dir = parent;
	}
}

export interface RunResult {
	code: number | null;
	/** The signal that ended the command, if one did. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** stdout and stderr interleaved, as a person would have seen them. */
	output: string;
	ms: number;
}

export interface RunOptions {
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	timeoutMs: number;
	/** Extra description for the timeout error. */
	label?: string;
	/** Written to the command's standard input. */
	input?: string;
}

/**
 * Kills a process started with `detached: true` together with the processes it started (n8n
 * starts task runners), by its process group, which is ours alone.
 */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// The whole group has already ended.
	}
}

/** Runs a command to its end, or kills it after `timeoutMs`; never rejects on a non-zero exit. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			detached: true,
			stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		});
		if (options.input !== undefined) child.stdin?.end(options.input);
		let stdout = '';
		let stderr = '';
		let output = '';
		child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
			output += chunk;
		});
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
			output += chunk;
		});
		const timer = setTimeout(() => {
			killGroup(child, 'SIGKILL');
			reject(
				new Error(
					`${options.label ?? command} ${args.join(' ')} did not finish within ` +
						`${options.timeoutMs} ms; its output:\n${output.slice(-4000)}`,
				),
			);
		}, options.timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, output, ms: Date.now() - started });
		});
	});
}

/** A long-running process (`n8n start`, `n8n worker`) whose output is kept for assertions. */
export class Background {
	output = '';
	private ended = false;
	private readonly exited: Promise<number | null>;
	private readonly listeners = new Set<() => void>();

	private constructor(
		readonly label: string,
		private readonly child: ChildProcess,
	) {
		const append = (chunk: string): void => {
			this.output += chunk;
			for (const listener of this.listeners) listener();
		};
		child.stdout?.setEncoding('utf8').on('data', append);
		child.stderr?.setEncoding('utf8').on('data', append);
		this.exited = new Promise((resolve) => {
			const end = (code: number | null): void => {
				this.ended = true;
				for (const listener of this.listeners) listener();
				resolve(code);
			};
			child.on('close', end);
			child.on('error', (error) => {
				append(`\n${label} could not be started: ${error.message}\n`);
				end(null);
			});
		});
	}

	static start(
		label: string,
		command: string,
		args: string[],
		env: NodeJS.ProcessEnv,
		cwd?: string,
	): Background {
		const child = spawn(command, args, {
			cwd,
			env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		return new Background(label, child);
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return !this.ended && this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Resolves once the output matches; rejects on timeout or when the process ends first. */
	waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
		return this.waitFor(() => this.output.match(pattern) ?? undefined, timeoutMs, String(pattern));
	}

	/**
	 * Polls `check` (also on every output chunk) until it gives a value; rejects on timeout, when
	 * `check` throws, or when the process ends first.
	 */
	waitFor<T>(
		check: () => T | undefined | Promise<T | undefined>,
		timeoutMs: number,
		what: string,
		intervalMs = 250,
	): Promise<T> {
		return new Promise((resolve, reject) => {
			let settled = false;
			let checking = false;
			const finish = (error?: Error, value?: T): void => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				clearInterval(interval);
				this.listeners.delete(probe);
				if (error) reject(error);
				else resolve(value as T);
			};
			const probe = (): void => {
				if (checking || settled) return;
				checking = true;
				Promise.resolve()
					.then(check)
					.then(
						(value) => {
							checking = false;
							if (value !== undefined) finish(undefined, value);
							else if (!this.running) {
								finish(new Error(`${this.label} ended before ${what}:\n${this.tail()}`));
							}
						},
						(error: unknown) => {
							checking = false;
							finish(error instanceof Error ? error : new Error(String(error)));
						},
					);
			};
			const timer = setTimeout(
				() =>
					finish(new Error(`${this.label}: no ${what} within ${timeoutMs} ms:\n${this.tail()}`)),
				timeoutMs,
			);
			const interval = setInterval(probe, intervalMs);
			this.listeners.add(probe);
			probe();
		});
	}

	/**
	 * SIGTERM to the process itself (n8n then stops its task runners and shuts down cleanly), and
	 * SIGKILL to its whole group after `graceMs` or once it has ended.
	 */
	async stop(graceMs = 15_000): Promise<number | null> {
		if (!this.running) {
			killGroup(this.child, 'SIGKILL');
			return await this.exited;
		}
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => killGroup(this.child, 'SIGKILL'), graceMs);
		const code = await this.exited;
		clearTimeout(timer);
		// Task runners started by n8n share its group; make sure none outlives it.
		killGroup(this.child, 'SIGKILL');
		return code;
	}

	tail(chars = 4000): string {
		return this.output.slice(-chars);
	}
}
