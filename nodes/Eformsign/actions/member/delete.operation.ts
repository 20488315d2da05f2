import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { memberLocator } from '../common.descriptions';
import { MEMBER_FIELD } from './helpers/memberOutput';
import { explainFailures } from '../../../shared/errors';
import { idParameter } from '../../../shared/api/ids';
import { deleteMember } from '../../../shared/api/members';
import type { ForItem } from '../../../shared/transport';

/** Removes a member from the company; the eformsign account itself remains. */
const properties: INodeProperties[] = [
	{ ...memberLocator, description: 'The member to remove from the company' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['member'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const accountId = idParameter.call(this, 'memberId', MEMBER_FIELD, itemIndex);
	await explainFailures(
		this.getNode(),
		async () => await deleteMember.call(this, accountId, forItem),
		{
			'4000125': {
				message: `"${accountId}" is an administrator, and administrators cannot be removed through the eformsign API`,
				hint: 'Remove or hand over administrator accounts in the eformsign web console instead.',
			},
		},
		itemIndex,
	);
	return [{ json: { deleted: true } }];
}
