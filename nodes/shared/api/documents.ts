import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { COMPANY_BOX_REFUSED_HINT, creatorGroupHint, eformsignCodeOf } from '../errors';
import {
	CREDENTIAL_TYPE,
	eformsignDownload,
	eformsignRequest,
	type DownloadedFile,
	type EformsignContext,
	type ForItem,
} from '../transport';
import { findMember } from './members';

/**
 * Documents: get, list, files and the document actions (docs/api/eformsign-api-notes.md,
 * "Documents"). IDs arrive checked by ids.ts; they are put into paths here and nowhere else.
 */

const DOCUMENTS = '/v2.0/api/documents';

/** Passes on an error of the transport (already a NodeApiError, or a NodeOperationError). */
function passOn(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return new NodeOperationError(node, error);
	return new NodeApiError(node, error as JsonObject);
}

/** The path of one document, `below` appended (`/send`, `/download_files`…). */
export function documentPath(documentId: string, below = ''): string {
	return `${DOCUMENTS}/${encodeURIComponent(documentId)}${below}`;
}

/** The include_* flags of Get and of the document list; eformsign reads them only in the query. */
export const INCLUDE_FLAGS = [
	'include_fields',
	'include_histories',
	'include_previous_status',
	'include_next_status',
	'include_external_token',
	'include_detail_template_info',
] as const;

/** Only the flags turned on, as the "true" strings eformsign expects. */
export function includeFlags(options: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const flag of INCLUDE_FLAGS) {
		if (options[flag] === true) qs[flag] = 'true';
	}
	return qs;
}

export async function getDocument(
	this: EformsignContext,
	documentId: string,
	include: IDataObject = {},
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'GET',
		path: documentPath(documentId),
		qs: includeFlags(include),
		...forItem,
	});
}

// ---- The document list ----------------------------------------------------------------------

/** The boxes of the document list, as in the eformsign web app. */
export const DOCUMENT_BOXES = {
	inProgress: '01',
	actionRequired: '02',
	completed: '03',
	/** Every document of the company; only administrators and document managers may list it. */
	company: '04',
} as const;

/** The boxes every member may list: what a member sees when the company box is refused. */
export const MEMBER_BOXES: string[] = [
	DOCUMENT_BOXES.inProgress,
	DOCUMENT_BOXES.actionRequired,
	DOCUMENT_BOXES.completed,
];

/** The largest page eformsign serves in one list call. */
const LIST_PAGE_SIZE = 1000;

/** One box's list with its filters; read for one input item (its Timeout), or none. */
export interface DocumentListQuery extends ForItem {
	box: string;
	/** Search filters of the list body (title, template_ids, start_update_date…). */
	filters?: IDataObject;
	/** include_* options; only those set to true are sent. */
	include?: IDataObject;
}

export interface DocumentPage {
	documents: IDataObject[];
	/** eformsign's total_rows for the query, when it sends one. */
	total?: number;
	skip: number;
}

/** Whether eformsign refused a box to this member (the company box to an ordinary member). */
export function isBoxRefusal(error: unknown): boolean {
	const code = eformsignCodeOf(error);
	const httpCode = (error as { httpCode?: string | null }).httpCode;
	return (code !== undefined && /^403|^4000034$/.test(code)) || httpCode === '403';
}

/**
 * One page of POST /v2.0/api/list_document (the GET variant needs a body on a GET request, which
 * n8n's HTTP client does not send reliably). The only place in the package that lists documents.
 */
export async function listDocumentPage(
	this: EformsignContext,
	query: DocumentListQuery,
	skip: number,
	limit: number,
): Promise<DocumentPage> {
	let response: IDataObject;
	try {
		response = await eformsignRequest.call(this, {
			method: 'POST',
			path: '/v2.0/api/list_document',
			qs: includeFlags(query.include ?? {}),
			body: { type: query.box, ...query.filters, limit: String(limit), skip: String(skip) },
			retryable: true,
			itemIndex: query.itemIndex,
			timeoutMs: query.timeoutMs,
		});
	} catch (error) {
		// eformsign's own hint for 4030009 speaks of a missing Member ID, which is not the cause here.
		if (query.box === DOCUMENT_BOXES.company && eformsignCodeOf(error) === '4030009') {
			(error as { description?: string }).description = COMPANY_BOX_REFUSED_HINT;
		}
		throw passOn(this.getNode(), error);
	}
	const documents = (Array.isArray(response.documents) ? response.documents : []) as IDataObject[];
	const total = Number(response.total_rows);
	return { documents, total: Number.isFinite(total) ? total : undefined, skip };
}

interface PagingOptions {
	/** Where to start (documents to skip). */
	from?: number;
	pageSize: number;
	/** Stop once this many documents are read; later pages only ask for what is still missing. */
	max?: number;
	/**
	 * How many documents consecutive pages share. A document that leaves the box while pages are
	 * read shifts the rest forward; with an overlap, the one crossing a page boundary is not missed.
	 */
	overlap?: number;
}

/**
 * THE paginator of the document list: pages newest update first, `skip` moving by what eformsign
 * actually sent (it may send fewer than asked), until total_rows is reached, a page is empty, or
 * (without total_rows) a page is short.
 */
export async function* documentPages(
	this: EformsignContext,
	query: DocumentListQuery,
	{ from = 0, pageSize, max = Number.POSITIVE_INFINITY, overlap = 0 }: PagingOptions,
): AsyncGenerator<DocumentPage> {
	let read = 0;
	for (let skip = from; read < max; ) {
		const limit = Math.min(pageSize, max - read);
		const page = await listDocumentPage.call(this, query, skip, limit);
		yield page;
		const count = page.documents.length;
		read += count;
		if (count === 0) return;
		const end = skip + count;
		if (page.total !== undefined ? end >= page.total : count < limit) return;
		skip += Math.max(1, count - overlap);
	}
}

/** Up to `max` documents of a box, read page by page. */
export async function listDocuments(
	this: EformsignContext,
	query: DocumentListQuery,
	max: number,
): Promise<IDataObject[]> {
	const documents: IDataObject[] = [];
	for await (const page of documentPages.call(this, query, { pageSize: LIST_PAGE_SIZE, max })) {
		documents.push(...page.documents.slice(0, max - documents.length));
	}
	return documents;
}

// ---- Files ----------------------------------------------------------------------------------

/** The document PDF, its audit trail, or both as a ZIP file ("document,audit_trail"). */
export async function downloadDocumentFiles(
	this: EformsignContext,
	documentId: string,
	request: { fileType: string; fileName?: string; maxWaitSeconds?: number },
	forItem?: ForItem,
): Promise<DownloadedFile> {
	const qs: IDataObject = { file_type: request.fileType };
	if (request.fileName) qs.file_name = request.fileName;
	return await eformsignDownload.call(this, {
		method: 'GET',
		path: documentPath(documentId, '/download_files'),
		qs,
		maxWaitSeconds: request.maxWaitSeconds,
		...forItem,
	});
}

/** The attachments as a ZIP file, with the document PDF unless `attachmentsOnly`. */
export async function downloadAttachments(
	this: EformsignContext,
	documentId: string,
	attachmentsOnly: boolean,
	forItem?: ForItem,
): Promise<DownloadedFile> {
	return await eformsignDownload.call(this, {
		method: 'GET',
		path: documentPath(documentId, '/download_attach_files'),
		qs: { doc_without_attachments: attachmentsOnly ? 'true' : 'false' },
		...forItem,
	});
}

// ---- Creating documents ---------------------------------------------------------------------

/** A document whose first writer is the member of the credential. */
export async function createDocument(
	this: EformsignContext,
	templateId: string,
	document: IDataObject,
	forItem?: ForItem,
): Promise<IDataObject> {
	try {
		return await eformsignRequest.call(this, {
			method: 'POST',
			path: DOCUMENTS,
			qs: { template_id: templateId },
			body: { document },
			...forItem,
		});
	} catch (error) {
		// eformsign answers a creator in several groups who names none with a bare 4000001.
		if (eformsignCodeOf(error) === '4000001' && !document.select_group_name) {
			(error as { description?: string }).description = creatorGroupHint(await creator.call(this, forItem));
		}
		throw passOn(this.getNode(), error);
	}
}

/** The credential's member and the groups eformsign lists them in; undefined when unknown. Never fails. */
async function creator(
	this: EformsignContext,
	forItem?: ForItem,
): Promise<{ memberId: string; groups: string[] } | undefined> {
	try {
		const memberId = String((await this.getCredentials(CREDENTIAL_TYPE)).memberId ?? '').trim();
		if (!memberId) return undefined;
		const member = await findMember.call(this, memberId, forItem);
		return { memberId, groups: (Array.isArray(member?.group) ? member.group : []).map(String) };
	} catch {
		return undefined;
	}
}

/**
 * A document whose first writer is outside the company. Authenticates with the API key, not a
 * token; the transport adds company_id together with the API key (applyApiKey).
 */
export async function createExternalDocument(
	this: EformsignContext,
	templateId: string,
	document: IDataObject,
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: `${DOCUMENTS}/external`,
		qs: { template_id: templateId },
		body: { document },
		auth: 'apiKey',
		...forItem,
	});
}

/**
 * Up to 100 documents in one request, created by eformsign in the background. With a template ID,
 * all of one template; without, every document names its own `template_id`.
 */
export async function createDocumentsInBulk(
	this: EformsignContext,
	request: { templateId?: string; documents: IDataObject[]; comment?: string },
	forItem?: ForItem,
): Promise<IDataObject> {
	const body: IDataObject = { documents: request.documents };
	if (request.comment) body.comment = request.comment;
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: request.templateId
			? '/v2.0/api/forms/mass_documents'
			: '/v2.0/api/forms/mass_multi_documents',
		qs: request.templateId ? { template_id: request.templateId } : undefined,
		body,
		...forItem,
	});
}

// ---- Acting on documents --------------------------------------------------------------------

export async function cancelDocuments(
	this: EformsignContext,
	documentIds: string[],
	reason: string,
	forItem?: ForItem,
): Promise<IDataObject> {
	const input: IDataObject = { document_ids: documentIds };
	if (reason) input.comment = reason;
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: `${DOCUMENTS}/cancel`,
		body: { input },
		...forItem,
	});
}

export async function deleteDocuments(
	this: EformsignContext,
	documentIds: string[],
	request: { permanently: boolean; comment: string },
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'DELETE',
		path: DOCUMENTS,
		qs: { is_permanent: request.permanently ? 'true' : 'false' },
		// The live server has been seen to require `comment`, so it is always sent.
		body: { document_ids: documentIds, comment: request.comment },
		...forItem,
	});
}

/** Sends the document back `stepsBack` steps, as a member taking part in it. */
export async function declineDocument(
	this: EformsignContext,
	documentId: string,
	request: { stepsBack: number; comment: string },
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: documentPath(documentId, '/decline'),
		// eformsign counts backwards: [-1] is one step back.
		body: { previous_steps: [-request.stepsBack], comment: request.comment },
		...forItem,
	});
}

/** Declines for an external recipient, named by their outside token; authenticates with the API key. */
export async function declineAsExternalRecipient(
	this: EformsignContext,
	documentId: string,
	request: { outsideToken: string; comment: string },
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: documentPath(documentId, '/external_decline'),
		// The transport adds company_id together with the API key (applyApiKey).
		qs: { outside_token: request.outsideToken },
		body: { comment: request.comment },
		auth: 'apiKey',
		...forItem,
	});
}

/** Asks the recipients of one step again. */
export async function resendDocument(
	this: EformsignContext,
	documentId: string,
	step: IDataObject,
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: documentPath(documentId, '/re_request_outsider'),
		body: { input: { next_steps: [step] } },
		...forItem,
	});
}
