import { Sigma } from '../nodes/Sigma/Sigma.node';
import { startSigma } from '../test/harness/sigma';

export interface TokensRow {
	executions: number;
	tokenLifetimeSeconds: number;
	tokenExchanges: number;
	/** A token lasts its lifetime for every execution that uses the credential. */
	minimum: number;
	requests: number;
	ms: number;
}

/**
 * Separate executions, one after another as a schedule would start them, each getting one
 * member by ID with the same credential, which starts without a token.
 */
export async function benchTokens(executions: number, latency: number): Promise<TokensRow> {
	const tokenLifetimeSeconds = 3600;
	// The token endpoint's rate limit stays on: a second exchange would show up as a 429 retry.
	const sigma = await startSigma({ members: 100, latencyMs: latency, tokenLifetimeSeconds });
	try {
		const { emulator } = sigma;
		const members = emulator.org.members;
		const node = new Sigma();
		sigma.store.edit(sigma.credentials.sigmaApi.id, { accessToken: '' });
		const issuedBefore = emulator.tokensIssued();
		emulator.log.clear();
		const started = performance.now();
		for (let execution = 0; execution < executions; execution++) {
			const member = members[execution % members.length];
			const output = await sigma.json(node, {
				parameters: {
					resource: 'member',
					operation: 'get',
					memberId: { __rl: true, mode: 'id', value: member.memberId },
				},
			});
			if (output[0]?.memberId !== member.memberId) throw new Error('Wrong member returned');
		}
		return {
			executions,
			tokenLifetimeSeconds,
			tokenExchanges: emulator.tokensIssued() - issuedBefore,
			minimum: 1,
			requests: emulator.log.entries.length,
			ms: performance.now() - started,
		};
	} finally {
		await sigma.stop();
	}
}
