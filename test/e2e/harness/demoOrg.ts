import type { Member, Org } from '../../emulator';

/** The emulator settings of the demo org: a few generated members besides the named ones. */
export const DEMO_ORG_OPTIONS = { members: 8, teams: 0, seed: 7 };

/** Teams the onboarding example puts people into, by department. */
export const DEMO_TEAMS = ['Finance', 'Sales EMEA', 'Engineering'];

/**
 * People the examples refer to: Ravi is in the HR list already (an update), Tom and Li are the
 * leavers of the offboarding example, Maria and Sofia their managers.
 */
export const DEMO_PEOPLE = [
	{ email: 'ravi.patel@example.com', firstName: 'Ravi', lastName: 'Patel', memberType: 'View' },
	{
		email: 'maria.garcia@example.com',
		firstName: 'Maria',
		lastName: 'Garcia',
		memberType: 'Build',
	},
	{ email: 'sofia.rossi@example.com', firstName: 'Sofia', lastName: 'Rossi', memberType: 'Admin' },
	{ email: 'tom.becker@example.com', firstName: 'Tom', lastName: 'Becker', memberType: 'Analyze' },
	{ email: 'li.wei@example.com', firstName: 'Li', lastName: 'Wei', memberType: 'View' },
];

/** Adds the named people and the department teams to an emulator org. */
export function seedDemoOrg(org: Org): void {
	const people = DEMO_PEOPLE.map((person) => org.addMember(person));
	const byEmail = (email: string): Member => {
		const member = people.find((candidate) => candidate.email === email);
		if (!member) throw new Error(`No demo person ${email}`);
		return member;
	};
	org.addTeam({ name: 'Finance', visibility: 'private' });
	org.addTeam({
		name: 'Sales EMEA',
		visibility: 'public',
		members: [byEmail('tom.becker@example.com').memberId],
	});
	org.addTeam({
		name: 'Engineering',
		visibility: 'public',
		members: [byEmail('maria.garcia@example.com').memberId, byEmail('li.wei@example.com').memberId],
	});
}
