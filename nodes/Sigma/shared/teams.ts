import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { cursorPages } from '../../transport';
import type { TeamRef } from './locators';
import { invalidInput, nodeError } from './validation';

export interface SigmaTeam extends IDataObject {
	teamId: string;
	name: string;
}

/**
 * Resolves team names to IDs. Names are matched exactly but case-insensitively (Sigma keeps
 * them unique that way) on our side, because Sigma does not document how its `name` filter
 * matches. Teams are read once per execution, and only as far as needed.
 */
export class TeamDirectory {
	private readonly byName = new Map<string, SigmaTeam>();
	private pages: AsyncGenerator<IDataObject[]> | undefined;
	private complete = false;

	constructor(private readonly context: IExecuteFunctions) {}

	async teamId(ref: TeamRef, itemIndex: number): Promise<string> {
		if (ref.by === 'id') return ref.teamId;
		const wanted = ref.name.toLowerCase();

		while (!this.byName.has(wanted) && !this.complete) {
			const pages = (this.pages ??= cursorPages.call(this.context, '/v2/teams', {
				itemIndex,
			}) as AsyncGenerator<IDataObject[]>);
			let next: IteratorResult<IDataObject[]>;
			try {
				next = await pages.next();
			} catch (error) {
				// A failed page ends the generator; the next lookup starts the list again.
				this.pages = undefined;
				throw nodeError(this.context.getNode(), error, itemIndex);
			}
			if (next.done) {
				this.complete = true;
				break;
			}
			for (const team of next.value as SigmaTeam[]) {
				const key = String(team.name ?? '').toLowerCase();
				if (!this.byName.has(key)) this.byName.set(key, team);
			}
		}

		const team = this.byName.get(wanted);
		if (team) return team.teamId;
		throw invalidInput.call(
			this.context,
			itemIndex,
			`No team named "${ref.name}" exists in this Sigma organization; ` +
				'check the name, or pick the team from the list',
		);
	}
}
