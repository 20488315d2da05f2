import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { limitProperty, returnAllProperty } from '../common.descriptions';
import { getManyFromWholeList, searchOption } from '../helpers/wholeList';
import { fetchGroups } from '../../../shared/api/groups';
import type { ForItem } from '../../../shared/transport';

const FLAG_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Include Fields',
		name: 'include_field',
		type: 'boolean',
		default: false,
		description: "Whether to include each group's custom field values",
	},
	{
		displayName: 'Include Members',
		name: 'include_member',
		type: 'boolean',
		default: false,
		description: 'Whether to include the members of each group',
	},
];

/** The groups of the company. A group has six fields, so there is nothing to simplify. */
const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			...FLAG_OPTIONS,
			searchOption('e.g. Sales', 'Only groups whose name contains this text'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getMany'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const groups = await getManyFromWholeList.call(this, fetchGroups, FLAG_OPTIONS, itemIndex, forItem);
	return groups.map((group) => ({ json: group }));
}
