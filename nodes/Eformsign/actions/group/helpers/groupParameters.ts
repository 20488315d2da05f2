import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { explainFailures } from '../../../../shared/errors';
import { createGroup, updateGroup } from '../../../../shared/api/groups';
import type { IdField } from '../../../../shared/api/ids';
import type { ForItem } from '../../../../shared/transport';

export const GROUP_FIELD: IdField = { kind: 'group', field: 'Group' };

/** The name of a group, as Update offers it; Create makes it required. */
export const groupNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Sales',
	description: 'Left out or empty, the current name is kept',
};

export const groupDescriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	placeholder: 'e.g. Sales team',
};

/** The group members picker of Create and Update: account IDs (login e-mails) from a list. */
export const groupMembersProperty: INodeProperties = {
	displayName: 'Member Names or IDs',
	name: 'members',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getMembers' },
	default: [],
	description:
		'The members of the group (their login e-mails). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Account IDs from the picker, from a mapped list, or from comma-separated text. */
export function readAccountIds(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	const ids: string[] = [];
	for (const part of parts) {
		if (part !== null && typeof part === 'object') {
			throw new NodeOperationError(this.getNode(), 'A member ID is not text', {
				itemIndex,
				description: 'Map the login e-mails of the members, for example {{ $json.account_id }}.',
			});
		}
		const id = String(part ?? '').trim();
		if (id !== '' && !ids.includes(id)) ids.push(id);
	}
	return ids;
}

/**
 * Create (without a group ID) or Update: sends `{ group }` and outputs the group eformsign answers
 * with. A name another group already has is explained rather than left as a bare code.
 */
export async function sendGroup(
	this: IExecuteFunctions,
	request: { groupId?: string; group: IDataObject },
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const { groupId, group } = request;
	const response = await explainFailures(
		this.getNode(),
		async () =>
			groupId === undefined
				? await createGroup.call(this, group, forItem)
				: await updateGroup.call(this, groupId, group, forItem),
		{
			'4000122': {
				message: `A group named "${String(group.name)}" already exists`,
				hint: 'Choose another name, or update the existing group instead.',
			},
		},
		itemIndex,
	);
	return [{ json: (response.group as IDataObject | undefined) ?? response }];
}
