/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Document PDF / audit trail downloads and attachments (docs/api/eformsign-api-notes.md,
// "Download files" and "Download attachments"): binary answers, the 2020001 "still generating"
// answer, and Korean-safe Content-Disposition headers.

import type { Readable } from 'node:stream';

import type { SandboxContext } from '../context';
import { ApiError, queryFlag, requiredInput } from '../http';
import type { ApiResponse } from '../http';
import { buildPdf } from '../pdf';
import type { PdfFile } from '../pdf';
import type { Route } from '../router';
import { accessibleDocument } from '../serialize';
import type { DocumentRecord, MemberRecord } from '../state';
import { STATUS_NAMES, pollPdf } from '../workflow';
import { bufferEntry, zipLength, zipStream } from '../zip';
import type { ZipEntry } from '../zip';

const PDF_PENDING = 'The PDF is being generated. Please again try later.';
const AUDIT_PENDING = 'The audit trail will be generated when the document is completed.';

/** RFC 5987 value: percent-encode everything but attr-chars. */
function rfc5987(value: string): string {
	return encodeURIComponent(value).replace(/['()*]/g, (character) => '%' + character.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * `attachment; filename="<raw UTF-8>"; filename*=UTF-8''<percent-encoded>`. The quoted form
 * carries the UTF-8 bytes as eformsign does (Node writes header strings as latin1, so the
 * string is the UTF-8 bytes seen as latin1); clients should prefer filename*.
 */
function contentDisposition(fileName: string): string {
	// Control characters (CR/LF above all) would break the header.
	const clean = [...fileName].map((character) => (character.charCodeAt(0) < 0x20 || character === '\x7f' ? ' ' : character)).join('');
	const quoted = Buffer.from(clean.replace(/["\\]/g, (character) => '\\' + character), 'utf8').toString('latin1');
	return `attachment; filename="${quoted}"; filename*=UTF-8''${rfc5987(clean)}`;
}

export function documentPdf(document: DocumentRecord): PdfFile {
	const lines = [
		`Document ID: ${document.id}`,
		`Document number: ${document.document_number}`,
		`Template: ${document.template_name}`,
		`Status: ${STATUS_NAMES[document.status_type] ?? document.status_type}`,
		...document.fields.map((field) => `${field.id}: ${field.value}`),
	];
	return buildPdf(document.document_name, lines, document.file_size);
}

export function auditTrailPdf(document: DocumentRecord): PdfFile {
	const lines = document.histories.map(
		(history) =>
			`${new Date(history.executed_date).toISOString()}  ${history.step_name}  action ${history.action_type}  ${history.executor.id}`,
	);
	return buildPdf(`Audit trail - ${document.document_name}`, [`Document ID: ${document.id}`, ...lines]);
}

export function pdfEntry(name: string, file: PdfFile): ZipEntry {
	return { name, size: file.length, stream: () => file.stream() };
}

export function fileAnswer(fileName: string, contentType: string, length: number, stream: Readable): ApiResponse {
	return {
		status: 200,
		headers: {
			'content-type': contentType,
			'content-length': String(length),
			'content-disposition': contentDisposition(fileName),
		},
		stream,
	};
}

/** Base file name: `file_name` (without a .pdf/.zip ending) or the document name; no path separators. */
function baseName(document: DocumentRecord, requested: string | undefined): string {
	const base = requested?.trim() ? requested.trim().replace(/\.(pdf|zip)$/i, '') : document.document_name;
	return base.replace(/[/\\]/g, '_') || document.id;
}

function downloadableDocument(context: SandboxContext, documentId: string, member: MemberRecord | undefined) {
	return accessibleDocument(context, documentId, member, new ApiError('4030029', 'You do not have access to the document'));
}

export const documentFileRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v2.0/api/documents/:document_id/download_files',
		auth: 'access',
		handle: ({ context, request, member }) => {
			const document = downloadableDocument(context, request.params.document_id, member);
			const requested = (request.query.file_type ?? '').split(',').map((type) => type.trim());
			const valid = requested.every((type) => type === 'document' || type === 'audit_trail');
			if (!valid || requested.length === 0 || requested.length > 2) {
				throw requiredInput('Either the document or audit_trail must be selected.');
			}
			const wantsDocument = requested.includes('document');
			const wantsAudit = requested.includes('audit_trail');
			if (wantsAudit && document.phase !== 'completed') throw new ApiError('2020001', AUDIT_PENDING);
			if (pollPdf(context, document)) throw new ApiError('2020001', PDF_PENDING);

			const base = baseName(document, request.query.file_name);
			if (wantsDocument && wantsAudit) {
				const entries = [pdfEntry(`${base}.pdf`, documentPdf(document)), pdfEntry(`${base}_audit_trail.pdf`, auditTrailPdf(document))];
				return fileAnswer(`${base}.zip`, 'application/zip', zipLength(entries), zipStream(entries));
			}
			const file = wantsDocument ? documentPdf(document) : auditTrailPdf(document);
			const name = wantsDocument ? `${base}.pdf` : `${base}_audit_trail.pdf`;
			return fileAnswer(name, 'application/pdf', file.length, file.stream());
		},
	},
	{
		method: 'GET',
		pattern: '/v2.0/api/documents/:document_id/download_attach_files',
		auth: 'access',
		handle: ({ context, request, member }) => {
			const document = downloadableDocument(context, request.params.document_id, member);
			// true = attachments only; false (default) = the document PDF plus its attachments.
			const attachmentsOnly = queryFlag(request.query, 'doc_without_attachments');
			const entries: ZipEntry[] = [];
			if (!attachmentsOnly) entries.push(pdfEntry(`${baseName(document, undefined)}.pdf`, documentPdf(document)));
			for (const attachment of document.attachments) {
				entries.push(bufferEntry(attachment.name, Buffer.from(attachment.content, 'utf8')));
			}
			if (entries.length === 0) throw new ApiError('4000087', 'No file exists.');
			return fileAnswer(`${document.id}.zip`, 'application/zip', zipLength(entries), zipStream(entries));
		},
	},
];
