import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SigmaTestbed } from '../../../harness/sigma';
import { startSigma } from '../../../harness/sigma';
import { run } from './helpers';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: IDataObject;
}

const workflow = JSON.parse(
	readFileSync(join(__dirname, '../../../../examples/onboarding-sync.json'), 'utf8'),
) as { nodes: WorkflowNode[] };
const nodeNamed = (name: string) => workflow.nodes.find((node) => node.name === name)!;

/** The people the example's Code node returns. */
function hrList(): IDataObject[] {
	const code = String(nodeNamed('HR list').parameters.jsCode);
	const items = new Function(code)() as Array<{ json: IDataObject }>;
	return items.map((item) => item.json);
}

describe('the onboarding sync example', () => {
	let sigma: SigmaTestbed;

	beforeEach(async () => {
		sigma = await startSigma({ members: 8, seed: 7 });
		const org = sigma.emulator.org;
		org.addMember({
			email: 'ravi.patel@example.com',
			firstName: 'Ravi',
			lastName: 'Patel',
			memberType: 'View',
		});
		const tom = org.addMember({ email: 'tom.becker@example.com', memberType: 'Analyze' });
		org.addTeam({ name: 'Finance' });
		org.addTeam({ name: 'Sales EMEA', members: [tom.memberId] });
		org.addTeam({ name: 'Engineering' });
	});
	afterEach(async () => await sigma.stop());

	const createsUpdatesAndPutsInTeams =
		'creates the new people, updates the existing one and puts everyone in their team';
	it(createsUpdatesAndPutsInTeams, async () => {
		const sync = nodeNamed('Sync members');
		expect(sync.type).toBe('n8n-nodes-sigma-computing.sigma');
		const people = hrList();

		const output = (await run(sigma, sync.parameters as INodeParameters, people)).map(
			(item) => item.json,
		);

		const org = sigma.emulator.org;
		expect(output.map((item) => [item.action, item.email])).toEqual([
			['create', 'ann.lee@example.com'],
			['teamAdd', 'ann.lee@example.com'],
			['update', 'ravi.patel@example.com'],
			['teamAdd', 'ravi.patel@example.com'],
			['create', 'jonas.berg@example.com'],
			['teamAdd', 'jonas.berg@example.com'],
			['create', 'chloe.martin@example.com'],
			['teamAdd', 'chloe.martin@example.com'],
			['summary', undefined],
		]);
		expect(output.slice(0, -1).every((item) => item.outcome === 'applied')).toBe(true);
		for (const person of people) {
			const member = org.findMemberByEmail(String(person.email))!;
			expect(member).toMatchObject({ lastName: person.lastName, memberType: person.accountType });
			const team = org.findTeamByName(String(person.department))!;
			expect(org.teamMembers(team.teamId).map((entry) => entry.userId)).toContain(member.memberId);
		}
		// Tom is not in the list; the example does not deactivate or take anyone out of a team.
		const tom = org.findMemberByEmail('tom.becker@example.com')!;
		expect(tom.isArchived).toBe(false);
		expect(org.memberTeams(tom.memberId).map((team) => team.name)).toEqual(['Sales EMEA']);
		// The teams are resolved from one team list; one PATCH per team.
		expect(sigma.emulator.log.count({ method: 'PATCH', path: /\/members$/ })).toBe(3);
	});
});
