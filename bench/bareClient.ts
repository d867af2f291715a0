import { Agent, request } from 'undici';

/**
 * The floor to compare the node with: plain undici requests doing the same work (token exchange,
 * the same requests, JSON parsing of every answer) and nothing else.
 */
export interface BareOptions {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/**
	 * Whether connections are kept open between requests. n8n's HTTP client opens a new
	 * connection for every request, so the like-for-like comparison has this off.
	 */
	keepAlive: boolean;
}

export interface BareMember {
	memberId: string;
	isArchived?: boolean;
	isInactive?: boolean;
}

export class BareClient {
	private readonly agent = new Agent({ keepAliveTimeout: 10_000 });
	private token = '';

	constructor(private readonly options: BareOptions) {}

	async close(): Promise<void> {
		await this.agent.close();
	}

	async exchangeToken(): Promise<void> {
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: this.options.clientId,
			client_secret: this.options.clientSecret,
		}).toString();
		const answer = (await this.send('POST', '/v2/auth/token', form, 'form')) as {
			access_token: string;
		};
		this.token = answer.access_token;
	}

	/** GET /v2/members page by page at the largest page size, as every entry is wanted. */
	async listMembers(): Promise<unknown[]> {
		const members: unknown[] = [];
		let cursor: string | null = null;
		do {
			const query: string = cursor === null ? '' : `&page=${encodeURIComponent(cursor)}`;
			const page = (await this.send('GET', `/v2/members?limit=1000${query}`)) as {
				entries: unknown[];
				nextPage: string | null;
			};
			for (const member of page.entries) members.push(member);
			cursor = page.nextPage;
		} while (cursor !== null && cursor !== '');
		return members;
	}

	/** POST /v2/members for each body, `concurrency` at a time, answers kept in input order. */
	async createMembers(bodies: object[], concurrency: number): Promise<unknown[]> {
		const created: unknown[] = new Array(bodies.length);
		let next = 0;
		const worker = async () => {
			while (next < bodies.length) {
				const index = next++;
				created[index] = await this.send(
					'POST',
					'/v2/members?sendInvite=true',
					JSON.stringify(bodies[index]),
					'json',
				);
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return created;
	}

	async addTeamMembers(teamId: string, memberIds: string[]): Promise<void> {
		const body = JSON.stringify({ add: memberIds });
		await this.send('PATCH', `/v2/teams/${encodeURIComponent(teamId)}/members`, body, 'json');
	}

	/**
	 * Reads the member list, archived and inactive members too (as a membership check needs
	 * them), until `found` says everything wanted was seen.
	 */
	async listEveryMemberUntil(found: (member: BareMember) => boolean): Promise<void> {
		let cursor: string | null = null;
		do {
			const query: string = cursor === null ? '' : `&page=${encodeURIComponent(cursor)}`;
			const page = (await this.send(
				'GET',
				`/v2/members?includeArchived=true&includeInactive=true&limit=1000${query}`,
			)) as { entries: BareMember[]; nextPage: string | null };
			let done = false;
			for (const member of page.entries) done = found(member) || done;
			if (done) return;
			cursor = page.nextPage;
		} while (cursor !== null && cursor !== '');
	}

	private async send(
		method: 'GET' | 'POST' | 'PATCH',
		path: string,
		body?: string,
		kind?: 'form' | 'json',
	): Promise<unknown> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (this.token !== '') headers.authorization = `Bearer ${this.token}`;
		if (kind === 'form') headers['content-type'] = 'application/x-www-form-urlencoded';
		if (kind === 'json') headers['content-type'] = 'application/json';
		const response = await request(`${this.options.baseUrl}${path}`, {
			method,
			headers,
			body,
			dispatcher: this.agent,
			reset: !this.options.keepAlive,
		});
		const answer: unknown = await response.body.json();
		if (response.statusCode >= 400) {
			throw new Error(`${method} ${path.split('?')[0]} answered ${response.statusCode}`);
		}
		return answer;
	}
}
