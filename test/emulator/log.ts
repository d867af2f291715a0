import type { Api } from './http';

/** Selects requests: `path` is the URL path without query; a string must match exactly. */
export interface RouteMatch {
	method?: string;
	path?: string | RegExp;
}

export interface LogEntry {
	method: string;
	path: string;
	query: Record<string, string>;
	/** The status sent; for a 'lost' fault the status that was not sent; 0 for a 'drop'. */
	status: number;
	api: Api;
	/** Arrival time (ms since the epoch). */
	at: number;
	/** Set when an injected or random fault shaped the answer. */
	fault?: 'status' | 'drop' | 'lost';
}

export function matchesRoute(match: RouteMatch | undefined, method: string, path: string): boolean {
	if (!match) return true;
	if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) {
		return false;
	}
	if (match.path === undefined) return true;
	if (typeof match.path === 'string') return match.path === path;
	match.path.lastIndex = 0;
	return match.path.test(path);
}

const SECRET_QUERY_KEY = /secret|password|^(access_|refresh_|id_)?token$|^code$/i;

/** Query parameters as logged: a parameter that could carry a secret keeps its name only. */
export function loggableQuery(query: URLSearchParams): Record<string, string> {
	const logged: Record<string, string> = {};
	for (const [key, value] of query) {
		logged[key] = SECRET_QUERY_KEY.test(key) ? '[redacted]' : value;
	}
	return logged;
}

/** Method, path, query and status of every request; never headers, bodies or tokens. */
export class RequestLog {
	readonly entries: LogEntry[] = [];

	record(entry: LogEntry): void {
		this.entries.push(entry);
	}

	clear(): void {
		this.entries.length = 0;
	}

	count(match?: RouteMatch): number {
		let total = 0;
		for (const entry of this.entries) {
			if (matchesRoute(match, entry.method, entry.path)) total++;
		}
		return total;
	}

	/** Entries that match, oldest first. */
	filter(match?: RouteMatch): LogEntry[] {
		return this.entries.filter((entry) => matchesRoute(match, entry.method, entry.path));
	}
}
