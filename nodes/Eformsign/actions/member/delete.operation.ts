import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { memberLocator } from '../../../shared/descriptions';
import { explainFailures } from '../../../shared/errors';
import { eformsignRequest, pathSegment } from '../../../shared/transport';

/** DELETE /v2.0/api/members/{member_id} — api-reference §6.3. */
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
): Promise<INodeExecutionData[]> {
	const rawId = this.getNodeParameter('memberId', itemIndex, '', { extractValue: true });
	const segment = pathSegment.call(this, rawId, 'member ID', itemIndex);
	await explainFailures(
		this.getNode(),
		async () =>
			await eformsignRequest.call(this, {
				method: 'DELETE',
				path: `/v2.0/api/members/${segment}`,
				itemIndex,
			}),
		{
			'4000125': {
				message: `"${decodeURIComponent(segment)}" is an administrator, and administrators cannot be removed through the eformsign API`,
				hint: 'Remove or hand over administrator accounts in the eformsign web console instead.',
			},
		},
		itemIndex,
	);
	return [{ json: { deleted: true } }];
}
