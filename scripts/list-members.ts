// A first look at the package without n8n's editor: start the emulator with a small org and
// list its members through our transport, inside n8n-core's real execution context.
import type { IExecuteFunctions } from 'n8n-workflow';

import { collect, cursorPages } from '../nodes/transport';
import { probeNode, startSigma } from '../test/harness/sigma';

async function main() {
	const sigma = await startSigma({ members: 24, teams: 4, seed: 7 });
	try {
		const listMembers = probeNode(async function (this: IExecuteFunctions) {
			return await collect(cursorPages.call(this, '/v2/members'));
		});
		const members = await sigma.json(listMembers, { parameters: {} });

		console.log(`Sigma emulator at ${sigma.emulator.url}: ${members.length} active members\n`);
		for (const member of members) {
			const name = `${member.firstName} ${member.lastName}`;
			console.log(`  ${name.padEnd(24)} ${String(member.email).padEnd(36)} ${member.memberType}`);
		}
		const requests = sigma.emulator.log.entries.map((entry) => `${entry.method} ${entry.path}`);
		console.log(`\nRequests sent: ${requests.join(', ')}`);
	} finally {
		await sigma.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
