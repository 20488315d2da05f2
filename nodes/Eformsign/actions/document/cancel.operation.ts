import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { eformsignRequest } from '../../../shared/transport';
import { documentIdsProperty, perDocumentResults, readDocumentIds } from './documentIds';

/** POST /v2.0/api/documents/cancel with `{ input: { document_ids, comment } }` — api-reference §4.9. */
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
): Promise<INodeExecutionData[]> {
	const documentIds = readDocumentIds.call(this, itemIndex);
	const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '');
	const input: { document_ids: string[]; comment?: string } = { document_ids: documentIds };
	if (reason) input.comment = reason;
	const response = await eformsignRequest.call(this, {
		method: 'POST',
		path: '/v2.0/api/documents/cancel',
		body: { input },
		itemIndex,
	});
	return perDocumentResults(documentIds, response, 'cancelled');
}
