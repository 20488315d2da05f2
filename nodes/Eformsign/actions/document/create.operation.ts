import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { createDocument } from '../../../shared/api/documents';
import { idParameter } from '../../../shared/api/ids';
import { TEMPLATE_FIELD } from './helpers/documentIds';
import { buildDocument, newDocumentProperties } from './helpers/documentOptions';
import { withStatusNames } from './helpers/statusNames';
import type { ForItem } from '../../../shared/transport';

/** A new document whose first writer is the member of the credential. */
export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['create'] } },
	newDocumentProperties(),
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const templateId = idParameter.call(this, 'templateId', TEMPLATE_FIELD, itemIndex);
	const document = buildDocument.call(this, itemIndex);
	const response = await createDocument.call(this, templateId, document, forItem);
	// Without recipients eformsign keeps the document as a draft; say so where the workflow can see it.
	return [{ json: { ...withStatusNames(response), saved_as_draft: !document.recipients } }];
}
