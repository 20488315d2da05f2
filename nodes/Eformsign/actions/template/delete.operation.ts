import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { templateLocator } from '../../../shared/descriptions';
import { eformsignRequest, pathSegment } from '../../../shared/transport';

/** DELETE /v2.0/api/forms/{form_id} — api-reference §5.2. */
const properties: INodeProperties[] = [
	{
		displayName: 'Deleting a template cannot be undone. Documents already made from it are kept.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	templateLocator,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const templateId = this.getNodeParameter('templateId', itemIndex, '', { extractValue: true });
	const segment = pathSegment.call(this, templateId, 'template ID', itemIndex);
	await eformsignRequest.call(this, {
		method: 'DELETE',
		path: `/v2.0/api/forms/${segment}`,
		itemIndex,
	});
	return [{ json: { template_id: decodeURIComponent(segment), deleted: true } }];
}
