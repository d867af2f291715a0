import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpoint, scimApiRequest } from '../../../transport';
import { errorItem, toItems } from '../../shared/items';
import { scimGroupLocator, scimUserLocator } from '../../shared/scimDescriptions';
import { explainScimError, isScimStatus } from '../../shared/scimErrors';
import { scimMemberPath } from '../../shared/scimFilter';
import type { ScimLocator } from '../../shared/scimItems';
import { prepareScimItems, readScimLocator } from '../../shared/scimItems';
import { findScimId, resolveScimUserNames, SCIM_GROUPS } from '../../shared/scimLookup';
import type { ScimPatchOperation } from '../../shared/scimSchema';
import { scimPatchBody } from '../../shared/scimSchema';
import { GROUP_LOCATOR, groupHint, showFor } from './shared';

/** Members changed by one PATCH; larger batches are split so no request grows without bound. */
export const MEMBERS_PER_PATCH = 1000;

/** Statuses that may concern one member of a batch, so each item is then retried alone. */
const PER_MEMBER_STATUSES = ['400', '404', '409', '422'];

type Change = 'add' | 'remove';

const RESULT_KEY: Record<Change, string> = { add: 'added', remove: 'removed' };

export function membershipDescription(operation: string): INodeProperties[] {
	const displayOptions = showFor(operation);
	return [scimGroupLocator(displayOptions), scimUserLocator(displayOptions)];
}

interface Target {
	itemIndex: number;
	groupId: string;
	userId: string;
}

/**
 * Adds or removes one user per input item. Items that target the same group share PATCH
 * requests; when such a request fails, each of its items is sent alone so that every item gets
 * its own result or error.
 */
export async function changeMembers(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	change: Change,
): Promise<INodeExecutionData[]> {
	const outcomes: Array<IDataObject | { failed: unknown }> = new Array(items.length);
	const fail = (itemIndex: number, error: unknown) => {
		if (!this.continueOnFail()) throw error;
		outcomes[itemIndex] = { failed: error };
	};

	const prepared = prepareScimItems(this, items, (itemIndex) => ({
		group: readScimLocator.call(this, 'groupId', itemIndex, GROUP_LOCATOR),
		user: readScimLocator.call(this, 'userId', itemIndex, { label: 'User', key: 'userName' }),
	}));
	const locators = new Map<number, { group: ScimLocator; user: ScimLocator }>();
	prepared.forEach((entry, itemIndex) => {
		if ('error' in entry) fail(itemIndex, entry.error);
		else locators.set(itemIndex, entry.value);
	});

	const targets = await resolveTargets.call(this, locators, fail);
	for (const batch of batchesByGroup(targets)) {
		await patchBatch.call(this, batch, change, fail);
		for (const target of batch) {
			outcomes[target.itemIndex] ??= {
				groupId: target.groupId,
				userId: target.userId,
				[RESULT_KEY[change]]: true,
			};
		}
	}

	return outcomes.flatMap((outcome, itemIndex) =>
		'failed' in outcome ? [errorItem(outcome.failed, itemIndex)] : toItems(outcome, itemIndex),
	);
}

/** Looks up every displayName and userName once, however many items use it. */
async function resolveTargets(
	this: IExecuteFunctions,
	locators: Map<number, { group: ScimLocator; user: ScimLocator }>,
	fail: (itemIndex: number, error: unknown) => void,
): Promise<Target[]> {
	const groupIds = new Map<string, string | { failed: unknown }>();
	for (const [itemIndex, { group }] of locators) {
		const key = group.value.toLowerCase();
		if (!group.byKey || groupIds.has(key)) continue;
		try {
			groupIds.set(key, await findScimId.call(this, SCIM_GROUPS, group.value, itemIndex));
		} catch (error) {
			groupIds.set(key, { failed: error });
		}
	}

	const byUserName = [...locators].filter(([, { user }]) => user.byKey);
	let userIds: Map<string, string> | { failed: unknown } = new Map();
	if (byUserName.length > 0) {
		try {
			userIds = await resolveScimUserNames.call(
				this,
				byUserName.map(([, { user }]) => user.value),
				byUserName[0][0],
			);
		} catch (error) {
			userIds = { failed: error };
		}
	}

	const targets: Target[] = [];
	for (const [itemIndex, { group, user }] of locators) {
		const groupId = group.byKey ? groupIds.get(group.value.toLowerCase())! : group.value;
		if (typeof groupId === 'object') {
			fail(itemIndex, groupId.failed);
			continue;
		}
		let userId: string | undefined = user.value;
		if (user.byKey) {
			if ('failed' in userIds) {
				fail(itemIndex, userIds.failed);
				continue;
			}
			userId = userIds.get(user.value.toLowerCase());
		}
		if (userId === undefined) {
			fail(
				itemIndex,
				new NodeOperationError(this.getNode(), `No SCIM user has the userName "${user.value}"`, {
					itemIndex,
					description: 'Check the spelling, or pick the user from the list.',
				}),
			);
			continue;
		}
		targets.push({ itemIndex, groupId, userId });
	}
	return targets;
}

/** Items grouped by group, in order of first appearance, at most MEMBERS_PER_PATCH users each. */
function batchesByGroup(targets: Target[]): Target[][] {
	const byGroup = new Map<string, Target[]>();
	for (const target of targets) {
		byGroup.set(target.groupId, [...(byGroup.get(target.groupId) ?? []), target]);
	}
	const batches: Target[][] = [];
	for (const groupTargets of byGroup.values()) {
		let batch: Target[] = [];
		let users = new Set<string>();
		for (const target of groupTargets) {
			if (!users.has(target.userId) && users.size === MEMBERS_PER_PATCH) {
				batches.push(batch);
				batch = [];
				users = new Set();
			}
			users.add(target.userId);
			batch.push(target);
		}
		batches.push(batch);
	}
	return batches;
}

function operationsFor(change: Change, userIds: string[]): ScimPatchOperation[] {
	if (change === 'add') {
		return [{ op: 'add', path: 'members', value: userIds.map((value) => ({ value })) }];
	}
	return userIds.map((userId) => ({ op: 'remove', path: scimMemberPath(userId) }));
}

async function sendPatch(
	context: IExecuteFunctions,
	groupId: string,
	change: Change,
	userIds: string[],
	itemIndex: number,
): Promise<void> {
	try {
		await scimApiRequest.call(context, {
			method: 'PATCH',
			path: endpoint`/Groups/${groupId}`,
			body: scimPatchBody(operationsFor(change, userIds)),
			itemIndex,
		});
	} catch (error) {
		throw explainScimError(error, (failure) => {
			const general = groupHint({ groupId })(failure);
			if (general !== undefined || failure.status !== '400') return general;
			return userIds.length === 1
				? `Sigma refused to ${change} the user "${userIds[0]}". ` +
						'Check that the user exists; pick them from the list.'
				: undefined;
		});
	}
}

async function patchBatch(
	this: IExecuteFunctions,
	batch: Target[],
	change: Change,
	fail: (itemIndex: number, error: unknown) => void,
): Promise<void> {
	const { groupId, itemIndex } = batch[0];
	const userIds = [...new Set(batch.map((target) => target.userId))];
	try {
		await sendPatch(this, groupId, change, userIds, itemIndex);
		return;
	} catch (error) {
		if (userIds.length === 1 || !isScimStatus(error, ...PER_MEMBER_STATUSES)) {
			for (const target of batch) fail(target.itemIndex, error);
			return;
		}
		if (isScimStatus(error, '404') && !(await groupExists(this, groupId, itemIndex))) {
			for (const target of batch) fail(target.itemIndex, error);
			return;
		}
	}
	for (const target of batch) {
		try {
			await sendPatch(this, groupId, change, [target.userId], target.itemIndex);
		} catch (error) {
			fail(target.itemIndex, error);
		}
	}
}

async function groupExists(
	context: IExecuteFunctions,
	groupId: string,
	itemIndex: number,
): Promise<boolean> {
	try {
		await scimApiRequest.call(context, {
			method: 'GET',
			path: endpoint`/Groups/${groupId}`,
			qs: { excludedAttributes: 'members' },
			itemIndex,
		});
		return true;
	} catch (error) {
		// Any other failure leaves the question open; sending each item alone still answers it.
		return !isScimStatus(error, '404');
	}
}
