import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { eformsignRequest } from '../../../shared/transport';

const DOCUMENT_PAGE_SIZE = 50;

/** Documents for the "From list" mode: newest first, searched by title, paged by skip. */
export async function searchDocuments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const skip = Number(paginationToken ?? 0) || 0;
	const body: IDataObject = { type: '04', limit: String(DOCUMENT_PAGE_SIZE), skip: String(skip) };
	if (filter) body.title = filter;
	const response = await eformsignRequest.call(this, {
		method: 'POST',
		path: '/v2.0/api/list_document',
		body,
		retryable: true,
	});
	const documents = (response.documents ?? []) as IDataObject[];
	const total = Number(response.total_rows ?? 0);
	return {
		results: documents.map((document) => ({
			name: String(document.document_name ?? document.id),
			value: String(document.id),
		})),
		paginationToken:
			skip + documents.length < total && documents.length > 0
				? String(skip + documents.length)
				: undefined,
	};
}
