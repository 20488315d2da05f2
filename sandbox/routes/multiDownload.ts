// Several documents' PDFs and audit trails in one zip: POST download_multi_files
// (docs/api/eformsign-api-notes.md, "Download several documents"). The zip
// is streamed like the single downloads; a password encrypts it (ZipCrypto, sandbox/zip.ts).

import type { SandboxContext } from '../context';
import { ApiError, jsonBody, looseBoolean, requiredInput } from '../http';
import type { Route } from '../router';
import { accessibleDocument } from '../serialize';
import type { DocumentRecord, MemberRecord } from '../state';
import { pollPdf } from '../workflow';
import { zipLength, zipStream } from '../zip';
import type { ZipEntry } from '../zip';
import { auditTrailPdf, documentPdf, fileAnswer, pdfEntry } from './documentFiles';

/** The sandbox's per-request limit (4000222 above it). eformsign's own is not documented. */
export const MULTI_DOWNLOAD_LIMIT = 100;

const INVALID_JSON = 'Invalid input JSON format.';
const FILE_TYPES = ['document', 'audit_trail'];

function stringArray(value: unknown, missing: () => ApiError): string[] {
	if (value === undefined || value === null) throw missing();
	if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
		throw new ApiError('4000070', INVALID_JSON);
	}
	return value;
}

function optionalString(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') throw new ApiError('4000070', INVALID_JSON);
	return value;
}

function safeName(name: string): string {
	return name.replace(/[/\\]/g, '_').trim();
}

/** Every document must be downloadable: known, not trashed, readable and completed (INFERRED 4000036). */
function downloadable(context: SandboxContext, documentId: string, member: MemberRecord | undefined): DocumentRecord {
	const document = accessibleDocument(context, documentId, member, new ApiError('4030029', 'You do not have access to the document'));
	if (document.phase !== 'completed') throw new ApiError('4000036', 'This document is not completed.');
	return document;
}

/**
 * Names inside the archive: `<title>_<document id>.pdf` (and `…_audit_trail.pdf`); with
 * use_simple_file_name just `<title>.pdf`, numbered when two documents share a title. eformsign's
 * own naming is not documented.
 */
function entriesOf(documents: DocumentRecord[], fileTypes: string[], simple: boolean): ZipEntry[] {
	const used = new Map<string, number>();
	const unique = (base: string) => {
		const seen = used.get(base) ?? 0;
		used.set(base, seen + 1);
		return seen === 0 ? base : `${base} (${seen + 1})`;
	};
	const entries: ZipEntry[] = [];
	for (const document of documents) {
		const title = safeName(document.document_name) || document.id;
		const base = unique(simple ? title : `${title}_${document.id}`);
		if (fileTypes.includes('document')) entries.push(pdfEntry(`${base}.pdf`, documentPdf(document)));
		if (fileTypes.includes('audit_trail')) entries.push(pdfEntry(`${base}_audit_trail.pdf`, auditTrailPdf(document)));
	}
	return entries;
}

export const multiDownloadRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v2.0/api/documents/download_multi_files',
		auth: 'access',
		handle: ({ context, request, member }) => {
			const body = jsonBody(request);
			if (!body) throw requiredInput();
			const ids = stringArray(body.document_ids, () => requiredInput());
			if (ids.length === 0) throw requiredInput();
			const fileTypes = stringArray(body.file_type, () => requiredInput('Either the document or audit_trail must be selected.'));
			if (fileTypes.length === 0 || !fileTypes.every((type) => FILE_TYPES.includes(type))) {
				throw requiredInput('Either the document or audit_trail must be selected.');
			}
			const password = optionalString(body.zip_password);
			const fileName = optionalString(body.file_name);
			const simple = body.use_simple_file_name === undefined || body.use_simple_file_name === null ? false : looseBoolean(body.use_simple_file_name);
			if (simple === undefined) throw new ApiError('4000070', INVALID_JSON);
			if (ids.length > context.options.multiDownloadLimit) {
				throw new ApiError('4000222', 'Document download limit exceeded.');
			}
			const documents = [...new Set(ids)].map((id) => downloadable(context, id, member));
			// A PDF still being generated holds up the whole archive, as on the single download.
			const pending = documents.filter((document) => pollPdf(context, document));
			if (pending.length > 0) throw new ApiError('2020001', 'The PDF is being generated. Please again try later.');

			const entries = entriesOf(documents, fileTypes, simple);
			const archive = `${safeName(fileName.replace(/\.zip$/i, '')) || 'documents'}.zip`;
			return fileAnswer(archive, 'application/zip', zipLength(entries, password), zipStream(entries, new Date(context.clock.now()), password));
		},
	},
];
