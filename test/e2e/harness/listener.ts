import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface ReceivedMessage {
	method: string;
	path: string;
	contentType: string | undefined;
	body: unknown;
}

/** A local stand-in for a chat tool's incoming webhook: it records what it is sent. */
export class ChatWebhook {
	readonly messages: ReceivedMessage[] = [];
	private readonly server = createServer((req, res) => this.receive(req, res));
	private port = 0;

	private constructor(private readonly path: string) {}

	static async start(path = '/hooks/sigma-alerts'): Promise<ChatWebhook> {
		const hook = new ChatWebhook(path);
		await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
		const address = hook.server.address();
		hook.port = typeof address === 'object' && address ? address.port : 0;
		return hook;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}${this.path}`;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	private receive(req: IncomingMessage, res: ServerResponse): void {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Kept as text, so that a failing assertion shows what arrived.
			}
			this.messages.push({
				method: req.method ?? '',
				path: req.url ?? '',
				contentType: req.headers['content-type'],
				body,
			});
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"ok":true}');
		});
	}
}
