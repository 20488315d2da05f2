import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { limitProperty, returnAllProperty, simplifyProperty } from '../../../shared/descriptions';
import { fetchMembers, simplifyMember } from './memberApi';

const FLAG_OPTIONS: INodeProperties[] = [
	{
		displayName: 'All Members',
		name: 'member_all',
		type: 'boolean',
		default: false,
		description: 'Whether to list all members, inactive ones included (member_all)',
	},
	{
		displayName: 'Include Custom Fields',
		name: 'include_field',
		type: 'boolean',
		default: false,
		description: "Whether to include each member's custom field values",
	},
	{
		displayName: 'Include Withdrawn Members',
		name: 'include_delete',
		type: 'boolean',
		default: false,
		description: 'Whether to include members who left or were removed from the company',
	},
];

/** GET /v2.0/api/members — api-reference §6.1. */
const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	simplifyProperty,
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
				placeholder: 'e.g. Kim',
				description: 'Only members whose name or account ID (login e-mail) contains this text',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['member'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const qs: IDataObject = {};
	for (const flag of FLAG_OPTIONS) {
		if (options[flag.name] === true) qs[flag.name] = 'true';
	}
	const search = String(options.eb_name_search ?? '').trim();
	if (search) qs.eb_name_search = search;

	const members = await fetchMembers.call(this, qs, itemIndex);
	// eformsign has no paging here, so the limit is applied to the complete answer.
	const selected = returnAll
		? members
		: members.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
	return selected.map((member) => ({ json: simplify ? simplifyMember(member) : member }));
}
