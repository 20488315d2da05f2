import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { simplifyProperty } from '../../../shared/descriptions';
import { limitProperty, returnAllProperty } from '../common.descriptions';
import { getManyFromWholeList, searchOption } from '../helpers/wholeList';
import { fetchMembers } from '../../../shared/api/members';
import { simplifyMember } from './helpers/memberOutput';
import type { ForItem } from '../../../shared/transport';

/**
 * The query flags of the member list, worded as eformsign documents them (docs/api/eformsign-api-notes.md,
 * "Members"): its documentation describes member_all only as "all members" and does not say which
 * members the list leaves out without it, so the descriptions claim nothing about the default.
 */
const FLAG_OPTIONS: INodeProperties[] = [
	{
		displayName: 'All Members',
		name: 'member_all',
		type: 'boolean',
		default: false,
		description:
			'Whether to ask eformsign for all members (member_all). Turn it on to make sure inactive members are listed too.',
	},
	{
		displayName: 'Include Custom Fields',
		name: 'include_field',
		type: 'boolean',
		default: false,
		description: "Whether to include each member's custom field values (include_field)",
	},
	{
		displayName: 'Include Deleted Members',
		name: 'include_delete',
		type: 'boolean',
		default: false,
		description:
			'Whether to also list members deleted from the company (include_delete). Their eformsign accounts may still exist.',
	},
];

/** The members of the company; eformsign sends the whole list in one answer. */
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
			searchOption(
				'e.g. Kim',
				'Only members whose name or account ID (login e-mail) contains this text',
			),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['member'], operation: ['getMany'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const members = await getManyFromWholeList.call(this, fetchMembers, FLAG_OPTIONS, itemIndex, forItem);
	return members.map((member) => ({ json: simplify ? simplifyMember(member) : member }));
}
