/**
 * A small text table; numbers are right-aligned, and the columns `leftAligned` counts from the
 * left (labels) are left-aligned.
 */
export function table(header: string[], rows: string[][], leftAligned = 0): string {
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
	);
	const format = (cells: string[]) =>
		cells
			.map((cell, column) =>
				column < leftAligned
					? (cell ?? '').padEnd(widths[column])
					: (cell ?? '').padStart(widths[column]),
			)
			.join('  ')
			.trimEnd();
	return [format(header), ...rows.map(format)].join('\n');
}

export const whole = (value: number) => Math.round(value).toLocaleString('en-US');

export const ms = (value: number) =>
	value >= 100 ? whole(value) : value.toFixed(value >= 10 ? 1 : 2);

export const ratio = (value: number) => value.toFixed(2);

export const mb = (value: number) => value.toFixed(1);

export interface Target {
	benchmark: string;
	target: string;
	figure: string;
	met: boolean;
	/** What else the figure needs to be read right, e.g. how much of it is n8n's own cost. */
	note?: string;
}

export function targetsTable(targets: Target[]): string {
	return table(
		['benchmark', 'target', 'figure', 'result', 'note'],
		targets.map((t) => [t.benchmark, t.target, t.figure, t.met ? 'met' : 'MISSED', t.note ?? '']),
		5,
	);
}

/** Breaks text into lines of at most `width` characters, each starting with `indent`. */
export function wrap(text: string, width: number, indent: string): string {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line !== '' && indent.length + line.length + 1 + word.length > width) {
			lines.push(indent + line);
			line = word;
		} else {
			line = line === '' ? word : `${line} ${word}`;
		}
	}
	if (line !== '') lines.push(indent + line);
	return lines.join('\n');
}
