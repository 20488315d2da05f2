import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { createExternalDocument } from '../../../shared/api/documents';
import { idParameter } from '../../../shared/api/ids';
import { TEMPLATE_FIELD } from './helpers/documentIds';
import { buildDocument, newDocumentProperties, sendExternalPdfOption } from './helpers/documentOptions';
import { withStatusNames } from './helpers/statusNames';
import type { ForItem } from '../../../shared/transport';

/**
 * A new document whose first writer is not a company member; eformsign takes the API key here,
 * not a token.
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
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const templateId = idParameter.call(this, 'templateId', TEMPLATE_FIELD, itemIndex);
	const document = buildDocument.call(this, itemIndex);
	const response = await createExternalDocument.call(this, templateId, document, forItem);
	return [{ json: withStatusNames(response) }];
}
