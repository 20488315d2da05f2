import {
	NodeApiError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type JsonObject,
} from 'n8n-workflow';

import { eformsignRequest } from '../../../shared/transport';
import { COMPANY_BOX } from '../../../shared/descriptions';

const DOCUMENT_PAGE_SIZE = 50;
/** "Document management" shows every document, but only to administrators and document managers. */
/** What any member sees: in progress, action required, completed. */
const MEMBER_BOXES = ['01', '02', '03'];

interface Page {
	documents: IDataObject[];
	more: boolean;
}

async function listBox(
	this: ILoadOptionsFunctions,
	box: string,
	skip: number,
	filter: string | undefined,
): Promise<Page> {
	const body: IDataObject = { type: box, limit: String(DOCUMENT_PAGE_SIZE), skip: String(skip) };
	if (filter) body.title = filter;
	const response = await eformsignRequest.call(this, {
		method: 'POST',
		path: '/v2.0/api/list_document',
		body,
		retryable: true,
	});
	const documents = (Array.isArray(response.documents) ? response.documents : []) as IDataObject[];
	const total = Number(response.total_rows ?? 0);
	return { documents, more: documents.length > 0 && skip + documents.length < total };
}

function isRefused(error: unknown): boolean {
	const code = (error as { context?: { eformsignCode?: string } }).context?.eformsignCode;
	const httpCode = (error as { httpCode?: string | null }).httpCode;
	return (code !== undefined && /^403|^4000034$/.test(code)) || httpCode === '403';
}

/**
 * Documents for the "From list" mode, newest first, searched by title. Tries the company-wide box
 * first; a member who may not use it gets their own boxes (in progress, action required, completed)
 * instead. The pagination token remembers which of the two it is: "04:<skip>" or "member:<skip>".
 */
export async function searchDocuments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const [mode, offset] = (paginationToken ?? '').split(':');
	const skip = Number(offset ?? 0) || 0;
	let pages: Page[] | undefined;
	let nextMode = mode === 'member' ? 'member' : COMPANY_BOX;
	if (nextMode === COMPANY_BOX) {
		try {
			pages = [await listBox.call(this, COMPANY_BOX, skip, filter)];
		} catch (error) {
			if (!isRefused(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
			nextMode = 'member';
		}
	}
	if (!pages) {
		pages = [];
		for (const box of MEMBER_BOXES) pages.push(await listBox.call(this, box, skip, filter));
	}

	const seen = new Set<string>();
	const documents = pages
		.flatMap((page) => page.documents)
		.filter((document) => {
			const id = String(document.id);
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		})
		.sort((a, b) => Number(b.updated_date ?? 0) - Number(a.updated_date ?? 0));
	return {
		results: documents.map((document) => ({
			name: String(document.document_name ?? document.id),
			value: String(document.id),
		})),
		paginationToken: pages.some((page) => page.more)
			? `${nextMode}:${skip + DOCUMENT_PAGE_SIZE}`
			: undefined,
	};
}
