import type { IDataObject } from 'n8n-workflow';

import { COMPANY_ID_PLACEHOLDER } from '../authenticate';
import { eformsignDownload, eformsignRequest, type DownloadedFile, type EformsignContext, type ForItem } from '../transport';
import { documentPath } from './documents';

/**
 * What is done with completed documents beyond downloading one: their files in one ZIP, their PDF
 * sent to people, their completed-document links extended (docs/api/eformsign-api-notes.md,
 * "Download several documents", "Send completed PDFs", "Extend completion tokens").
 */

/** What a multi-download may take; JSON stays acceptable for errors and "PDF being generated". */
const ZIP_ACCEPT = 'application/zip, application/octet-stream, application/json;q=0.1';

export interface ZipRequest {
	documentIds: string[];
	/** `document`, `audit_trail` or both; an array here, not the comma list of Download. */
	fileTypes: string[];
	zipPassword?: string;
	fileName?: string;
	simpleFileNames?: boolean;
	maxWaitSeconds?: number;
}

/** One ZIP of the documents' PDFs and/or audit trails, streamed like any download. */
export async function downloadDocumentsAsZip(
	this: EformsignContext,
	request: ZipRequest,
	forItem?: ForItem,
): Promise<DownloadedFile> {
	const body: IDataObject = {
		document_ids: request.documentIds,
		file_type: request.fileTypes,
		zip_password: request.zipPassword ?? '',
		use_simple_file_name: request.simpleFileNames === true,
	};
	if (request.fileName) body.file_name = request.fileName;
	return await eformsignDownload.call(this, {
		method: 'POST',
		path: '/v2.0/api/documents/download_multi_files',
		body,
		accept: ZIP_ACCEPT,
		maxWaitSeconds: request.maxWaitSeconds,
		...forItem,
	});
}

/** `send_pdfs[]`: a document and the people its PDF goes to (`pdf_send_infos[]`). */
export interface PdfSending {
	document_id: string;
	pdf_send_infos: IDataObject[];
}

/**
 * Sends the final PDF of completed documents by e-mail or SMS. The company ID comes with the
 * token; the credential puts it into the path.
 */
export async function sendCompletedPdfs(
	this: EformsignContext,
	sendPdfs: PdfSending[],
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: `/v2.0/api/companies/${COMPANY_ID_PLACEHOLDER}/send_multiple_completed_document`,
		body: { input: { send_pdfs: sendPdfs as unknown as IDataObject[] } },
		...forItem,
	});
}

/** Extends the complete tokens of the given workflow steps (none = every step that has one). */
export async function extendCompletionTokens(
	this: EformsignContext,
	documentId: string,
	steps: number[],
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: documentPath(documentId, '/refresh_complete_token'),
		body: { step_seq: steps },
		...forItem,
	});
}
