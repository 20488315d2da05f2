import {
	NodeApiError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type JsonObject,
} from 'n8n-workflow';

import {
	DOCUMENT_BOXES,
	isBoxRefusal,
	listDocumentPage,
	MEMBER_BOXES,
	type DocumentPage,
} from '../../../shared/api/documents';

const DOCUMENT_PAGE_SIZE = 50;
const MEMBER_MODE = 'member';

function hasMore(page: DocumentPage): boolean {
	const count = page.documents.length;
	return count > 0 && page.skip + count < (page.total ?? 0);
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
	const filters: IDataObject = filter ? { title: filter } : {};
	const page = async (box: string) =>
		await listDocumentPage.call(this, { box, filters }, skip, DOCUMENT_PAGE_SIZE);
	let pages: DocumentPage[] | undefined;
	let nextMode = mode === MEMBER_MODE ? MEMBER_MODE : DOCUMENT_BOXES.company;
	if (nextMode === DOCUMENT_BOXES.company) {
		try {
			pages = [await page(DOCUMENT_BOXES.company)];
		} catch (error) {
			if (!isBoxRefusal(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
			nextMode = MEMBER_MODE;
		}
	}
	if (!pages) {
		pages = [];
		for (const box of MEMBER_BOXES) pages.push(await page(box));
	}

	const seen = new Set<string>();
	const documents = pages
		.flatMap((entry) => entry.documents)
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
		paginationToken: pages.some(hasMore) ? `${nextMode}:${skip + DOCUMENT_PAGE_SIZE}` : undefined,
	};
}
