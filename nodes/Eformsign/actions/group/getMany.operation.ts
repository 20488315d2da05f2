import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { limitProperty, returnAllProperty } from '../../../shared/descriptions';
import { fetchGroups } from './groupApi';

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

/** GET /v2.0/api/groups — api-reference §7. A group has six fields, so there is nothing to simplify. */
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
			{
				displayName: 'Search',
				name: 'eb_name_search',
				type: 'string',
				default: '',
				placeholder: 'e.g. Sales',
				description: 'Only groups whose name contains this text',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const qs: IDataObject = {};
	for (const flag of FLAG_OPTIONS) {
		if (options[flag.name] === true) qs[flag.name] = 'true';
	}
	const search = String(options.eb_name_search ?? '').trim();
	if (search) qs.eb_name_search = search;

	const groups = await fetchGroups.call(this, qs, itemIndex);
	// eformsign has no paging here, so the limit is applied to the complete answer.
	const selected = returnAll
		? groups
		: groups.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
	return selected.map((group) => ({ json: group }));
}
