import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentIncludeOptions, documentLocator, simplifyProperty } from '../../../shared/descriptions';
import { simplifyDocument, withReadableNames } from '../../../shared/documents';
import { eformsignRequest, pathSegment } from '../../../shared/transport';

/** GET /v2.0/api/documents/{document_id} — api-reference §4.3. */
const properties: INodeProperties[] = [
	documentLocator,
	simplifyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: documentIncludeOptions,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const documentId = this.getNodeParameter('documentId', itemIndex, '', { extractValue: true });
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const document = await eformsignRequest.call(this, {
		method: 'GET',
		path: `/v2.0/api/documents/${pathSegment.call(this, documentId, 'document ID', itemIndex)}`,
		qs: includeFlags(options),
		itemIndex,
	});
	return [{ json: simplify ? simplifyDocument(document) : withReadableNames(document) }];
}

/** Only the flags the user turned on, as the "true" strings eformsign expects in the query. */
export function includeFlags(options: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const option of documentIncludeOptions) {
		if (options[option.name] === true) qs[option.name] = 'true';
	}
	return qs;
}
