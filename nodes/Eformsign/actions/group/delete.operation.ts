import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { groupLocator } from '../common.descriptions';
import { deleteGroups, fetchGroups } from '../../../shared/api/groups';
import { idParameter } from '../../../shared/api/ids';
import type { ForItem } from '../../../shared/transport';
import { errorItem, itemError } from '../helpers/itemErrors';
import { GROUP_FIELD } from './helpers/groupParameters';

/** Deletes groups: all groups of the input items in one request. */
const properties: INodeProperties[] = [
	{
		...groupLocator,
		description:
			'The group to delete. With several input items, all their groups are deleted in one request.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['delete'] } },
	properties,
);

interface Wanted {
	itemIndex: number;
	groupId?: string;
	failure?: unknown;
}

/**
 * Every input item names one group; they are checked against the group list first, so that an
 * unknown ID fails its own item (and nothing is deleted without Continue On Fail), then all known
 * groups go in one DELETE.
 */
export async function executeAll(this: IExecuteFunctions, forAll: ForItem): Promise<INodeExecutionData[]> {
	const wanted: Wanted[] = this.getInputData().map((_item, itemIndex) => {
		try {
			return { itemIndex, groupId: idParameter.call(this, 'groupId', GROUP_FIELD, itemIndex) };
		} catch (failure) {
			return { itemIndex, failure };
		}
	});

	let names = new Map<string, string>();
	try {
		const groups = await fetchGroups.call(this, {}, forAll);
		names = new Map(
			groups.map((group: IDataObject) => [String(group.id), String(group.name ?? '')]),
		);
	} catch (failure) {
		for (const entry of wanted) entry.failure ??= failure;
	}
	for (const entry of wanted) {
		if (entry.failure || entry.groupId === undefined || names.has(entry.groupId)) continue;
		entry.failure = new NodeOperationError(
			this.getNode(),
			`No group has the ID "${entry.groupId}"`,
			{
				itemIndex: entry.itemIndex,
				description:
					'Pick the group from the list, or map the "id" of Group > Get Many. It may have been deleted already.',
			},
		);
	}
	failUnlessContinuing.call(this, wanted);

	const groupIds = [
		...new Set(wanted.filter((entry) => !entry.failure).map((entry) => entry.groupId!)),
	];
	if (groupIds.length > 0) {
		const firstItem = wanted.find((entry) => !entry.failure)?.itemIndex;
		try {
			await deleteGroups.call(this, groupIds, { ...forAll, itemIndex: firstItem });
		} catch (failure) {
			for (const entry of wanted) entry.failure ??= failure;
			failUnlessContinuing.call(this, wanted);
		}
	}

	return wanted.map((entry) =>
		entry.failure
			? errorItem(entry.failure as Error, entry.itemIndex)
			: {
					json: { group_id: entry.groupId, name: names.get(entry.groupId!), deleted: true },
					pairedItem: { item: entry.itemIndex },
				},
	);
}

function failUnlessContinuing(this: IExecuteFunctions, wanted: Wanted[]): void {
	const failed = wanted.find((entry) => entry.failure);
	if (failed && !this.continueOnFail())
		throw itemError.call(this, failed.failure, failed.itemIndex);
}
