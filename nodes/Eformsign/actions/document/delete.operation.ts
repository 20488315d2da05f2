import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { deleteDocuments } from '../../../shared/api/documents';
import { documentIdsProperty, perDocumentResults, readDocumentIds } from './helpers/documentIds';
import type { ForItem } from '../../../shared/transport';

/** Deletes several documents in one request; one output item per document. */
const properties: INodeProperties[] = [
	documentIdsProperty,
	{
		displayName: 'Permanently',
		name: 'permanently',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the documents for good instead of moving them to the trash. This cannot be undone.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				placeholder: 'e.g. Duplicate created by mistake',
				description: 'Reason recorded with the deletion',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const documentIds = readDocumentIds.call(this, itemIndex);
	const permanently = this.getNodeParameter('permanently', itemIndex, false) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const response = await deleteDocuments.call(
		this,
		documentIds,
		{ permanently, comment: String(options.comment ?? '') },
		forItem,
	);
	return perDocumentResults(documentIds, response, 'deleted');
}
