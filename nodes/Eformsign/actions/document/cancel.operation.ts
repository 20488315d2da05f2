import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { cancelDocuments } from '../../../shared/api/documents';
import { documentIdsProperty, perDocumentResults, readDocumentIds } from './helpers/documentIds';
import type { ForItem } from '../../../shared/transport';

/** Cancels several documents in one request; one output item per document. */
const properties: INodeProperties[] = [
	documentIdsProperty,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'e.g. Terms changed, a new contract follows',
		description: 'Why the documents are cancelled; recorded in their history',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['cancel'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const documentIds = readDocumentIds.call(this, itemIndex);
	const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '');
	const response = await cancelDocuments.call(this, documentIds, reason, forItem);
	return perDocumentResults(documentIds, response, 'cancelled');
}
