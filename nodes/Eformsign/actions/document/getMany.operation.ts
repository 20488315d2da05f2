import {
	NodeApiError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import {
	COMPANY_BOX,
	DOCUMENT_BOX_OPTIONS,
	documentIncludeOptions,
	limitProperty,
	returnAllProperty,
	simplifyProperty,
} from '../../../shared/descriptions';
import { simplifyDocument, withReadableNames } from '../../../shared/documents';
import { eformsignRequest } from '../../../shared/transport';
import { resultLimit } from '../resultLimit';
import { includeFlags } from './get.operation';
import { listFilterBody, listFilterProperty } from './listFilters';

/**
 * POST /v2.0/api/list_document — api-reference §4.6. The GET variant (§4.7) needs a JSON body on a
 * GET request, which n8n's HTTP client does not send reliably, so the POST variant is used.
 */
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
	{ show: { resource: ['document'], operation: ['getMany'] } },
	properties,
);

/** The largest page eformsign serves in one list_document call. */
export const LIST_PAGE_SIZE = 1000;
const COMPANY_BOX_HINT =
	'Only administrators and document managers may list the Document Management box. Pick In Progress, Action Required or Completed, or use a credential whose Member ID is a document manager.';

function isRefusal(error: unknown): boolean {
	return (error as { context?: { eformsignCode?: string } }).context?.eformsignCode === '4030009';
}

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const box = this.getNodeParameter('box', itemIndex, '01') as string;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const wanted = resultLimit.call(this, itemIndex);
	const filterBody = listFilterBody.call(this, filters, itemIndex);

	const documents: IDataObject[] = [];
	for (let skip = 0; documents.length < wanted; ) {
		const pageSize = Math.min(LIST_PAGE_SIZE, wanted - documents.length);
		let response: IDataObject;
		try {
			response = await eformsignRequest.call(this, {
				method: 'POST',
				path: '/v2.0/api/list_document',
				// The include_* flags only work in the query; eformsign ignores them in the body.
				qs: includeFlags(options),
				body: { type: box, ...filterBody, limit: String(pageSize), skip: String(skip) },
				retryable: true,
				itemIndex,
			});
		} catch (error) {
			if (box === COMPANY_BOX && isRefusal(error)) {
				(error as NodeApiError).description = COMPANY_BOX_HINT;
			}
			throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
		}
		const page = (Array.isArray(response.documents) ? response.documents : []) as IDataObject[];
		documents.push(...page.slice(0, wanted - documents.length));
		skip += page.length;
		const total = Number(response.total_rows);
		if (page.length === 0) break;
		// A server that caps `limit` lower than asked still reports total_rows: keep paging by it.
		if (Number.isFinite(total) ? skip >= total : page.length < pageSize) break;
	}
	return documents.map((document) => ({
		json: simplify ? simplifyDocument(document) : withReadableNames(document),
	}));
}
