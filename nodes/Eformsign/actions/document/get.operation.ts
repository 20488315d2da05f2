import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentIncludeCollection, simplifyProperty } from '../../../shared/descriptions';
import { documentLocator } from '../common.descriptions';
import { simplifyDocument, withReadableNames } from '../../../shared/documentOutput';
import { getDocument } from '../../../shared/api/documents';
import { idParameter } from '../../../shared/api/ids';
import { DOCUMENT_FIELD } from './helpers/documentIds';
import type { ForItem } from '../../../shared/transport';

/** One document, with the include_* flags chosen under Options. */
const properties: INodeProperties[] = [
	documentLocator,
	simplifyProperty,
	documentIncludeCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['get'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const documentId = idParameter.call(this, 'documentId', DOCUMENT_FIELD, itemIndex);
	const document = await getDocument.call(this, documentId, options, forItem);
	return [{ json: simplify ? simplifyDocument(document) : withReadableNames(document) }];
}
