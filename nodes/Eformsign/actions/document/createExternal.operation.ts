import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { eformsignRequest } from '../../../shared/transport';
import { buildDocument, newDocumentProperties, sendExternalPdfOption } from './documentOptions';
import { validId } from './documentIds';
import { withStatusNames } from './statusNames';

/**
 * POST /v2.0/api/documents/external?company_id=&template_id= — api-reference §4.2. The first writer
 * is not a company member; the request authenticates with the API key, not a token (§2.7).
 */
const properties: INodeProperties[] = [
	{
		displayName:
			'The template must allow document creation by URL (on its start step). eformsign expects at least one recipient here.',
		name: 'externalNotice',
		type: 'notice',
		default: '',
	},
	...newDocumentProperties({ withDraftNotice: false, extraOptions: [sendExternalPdfOption] }),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['createExternal'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const templateId = this.getNodeParameter('templateId', itemIndex, '', { extractValue: true });
	const response = await eformsignRequest.call(this, {
		method: 'POST',
		path: '/v2.0/api/documents/external',
		// company_id is added by the credential together with the API key.
		qs: { template_id: validId.call(this, templateId, 'template ID', itemIndex) },
		body: { document: buildDocument.call(this, itemIndex) },
		auth: 'apiKey',
		itemIndex,
	});
	return [{ json: withStatusNames(response) }];
}
