import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { groupLocator } from '../common.descriptions';
import { fetchGroups } from '../../../shared/api/groups';
import { idParameter } from '../../../shared/api/ids';
import { readUpdateFields, updateFieldsProperty } from '../helpers/updateFields';
import {
	GROUP_FIELD,
	groupDescriptionField,
	groupMembersProperty,
	groupNameField,
	readAccountIds,
	sendGroup,
} from './helpers/groupParameters';
import type { ForItem } from '../../../shared/transport';

/** Changes a group; name and description left out are read from the group and sent unchanged. */
const properties: INodeProperties[] = [
	groupLocator,
	updateFieldsProperty([
		{
			...groupDescriptionField,
			description: 'Left out, the current description is kept; empty, it is cleared',
		},
		{
			...groupMembersProperty,
			description:
				'The new members of the group; they replace the current members. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		groupNameField,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const groupId = idParameter.call(this, 'groupId', GROUP_FIELD, itemIndex);
	const fields = readUpdateFields.call(this, itemIndex);
	const members =
		fields.members === undefined ? undefined : readAccountIds.call(this, fields.members, itemIndex);

	// eformsign refuses an update without a description (4000001) or a name, so what the user
	// does not change is read from the group first.
	let name = typeof fields.name === 'string' && fields.name.trim() ? fields.name.trim() : undefined;
	let description = fields.description === undefined ? undefined : String(fields.description);
	if (name === undefined || description === undefined) {
		const current = (await fetchGroups.call(this, {}, forItem)).find(
			(group) => group.id === groupId,
		);
		if (!current) {
			throw new NodeOperationError(this.getNode(), `No group has the ID "${groupId}"`, {
				itemIndex,
				description: 'Pick the group from the list, or map the "id" of Group > Get Many.',
			});
		}
		name ??= String(current.name ?? '');
		description ??= String(current.description ?? '');
	}

	const group: IDataObject = { name, description };
	if (members) group.members = members;
	return await sendGroup.call(this, { groupId, group }, itemIndex, forItem);
}
