import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { listDocuments } from '../../../shared/api/documents';
import { DOCUMENT_BOX_OPTIONS, documentIncludeCollection, simplifyProperty } from '../../../shared/descriptions';
import { limitProperty, returnAllProperty } from '../common.descriptions';
import { simplifyDocument, withReadableNames } from '../../../shared/documentOutput';
import { resultLimit } from '../helpers/resultLimit';
import { listFilterBody, listFilterProperty } from './helpers/listFilters';
import type { ForItem } from '../../../shared/transport';

/** The documents of one box, filtered and paged by the document list of shared/api/documents.ts. */
const properties: INodeProperties[] = [
	{
		displayName: 'Box',
		name: 'box',
		type: 'options',
		options: DOCUMENT_BOX_OPTIONS,
		default: '01',
		description: 'The document box to list, as in the eformsign web app',
	},
	returnAllProperty,
	limitProperty,
	simplifyProperty,
	listFilterProperty,
	documentIncludeCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['getMany'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const box = this.getNodeParameter('box', itemIndex, '01') as string;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const wanted = resultLimit.call(this, itemIndex);
	const filterBody = listFilterBody.call(this, filters, itemIndex);

	const documents = await listDocuments.call(
		this,
		{ box, filters: filterBody, include: options, ...forItem },
		wanted,
	);
	return documents.map((document) => ({
		json: simplify ? simplifyDocument(document) : withReadableNames(document),
	}));
}
