import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import {
	groupDescriptionField,
	groupMembersProperty,
	groupNameField,
	readAccountIds,
	sendGroup,
} from './helpers/groupParameters';
import type { ForItem } from '../../../shared/transport';

/** A new group with its members. */
const properties: INodeProperties[] = [
	{
		...groupNameField,
		required: true,
		description: 'The name of the group; eformsign refuses a name another group already has',
	},
	groupMembersProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [groupDescriptionField],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'The group name is empty', {
			itemIndex,
			description: 'Enter a name for the group.',
		});
	}
	const members = readAccountIds.call(
		this,
		this.getNodeParameter('members', itemIndex, []),
		itemIndex,
	);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const group: IDataObject = {
		name,
		description: String(additionalFields.description ?? ''),
		members,
	};
	return await sendGroup.call(this, { group }, itemIndex, forItem);
}
