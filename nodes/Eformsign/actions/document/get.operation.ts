import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentIncludeOptions, documentLocator, simplifyProperty } from '../../../shared/descriptions';
import { simplifyDocument, withReadableNames } from '../../../shared/documents';
import { eformsignRequest } from '../../../shared/transport';
import { documentSegment } from './documentIds';

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

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const segment = documentSegment.call(this, itemIndex);
	const document = await eformsignRequest.call(this, {
		method: 'GET',
		path: `/v2.0/api/documents/${segment}`,
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
