import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { eformsignRequest } from '../../../shared/transport';
import { buildDocument, newDocumentProperties } from './documentOptions';
import { validId } from './documentIds';
import { withStatusNames } from './statusNames';

/** POST /v2.0/api/documents?template_id= — api-reference §4.1 (the first writer is a company member). */
export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['create'] } },
	newDocumentProperties(),
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const templateId = this.getNodeParameter('templateId', itemIndex, '', { extractValue: true });
	const document = buildDocument.call(this, itemIndex);
	const response = await eformsignRequest.call(this, {
		method: 'POST',
		path: '/v2.0/api/documents',
		qs: { template_id: validId.call(this, templateId, 'template ID', itemIndex) },
		body: { document },
		itemIndex,
	});
	// Without recipients eformsign keeps the document as a draft; say so where the workflow can see it.
	return [{ json: { ...withStatusNames(response), saved_as_draft: !document.recipients } }];
}
