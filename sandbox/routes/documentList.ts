// Document lists: POST /v2.0/api/list_document and GET /v2.0/api/documents with a body
// (docs/api/eformsign-api-notes.md, "List documents"). include_* flags come from the query only; the body's
// copies are ignored like eformsign.

import type { SandboxContext } from '../context';
import { ApiError, isRecord, json, jsonBody, looseInteger } from '../http';
import type { ApiResponse } from '../http';
import type { Route, RouteCall } from '../router';
import { canAccessDocument, includeFlags, serializeDocument } from '../serialize';
import type { DocumentRecord, MemberRecord } from '../state';

/** Larger `limit` values are clamped to this (and the clamped value is echoed back). */
const MAX_LIST_LIMIT = 1000;
const BOX_TYPES = ['01', '02', '03', '04'];
const INVALID_DATE = 'The date format is invalid.';

function boxType(value: unknown): string {
	const text = typeof value === 'number' ? String(value).padStart(2, '0') : value;
	if (typeof text !== 'string' || !BOX_TYPES.includes(text)) {
		throw new ApiError('5000089', 'Invalid document inbox type.');
	}
	return text;
}

function isManager(member: MemberRecord): boolean {
	return member.role.some((role) => ['admin', 'company_manager', 'document_manager'].includes(role));
}

function waitsFor(context: SandboxContext, member: MemberRecord, document: DocumentRecord): boolean {
	if (document.phase !== 'in_progress') return false;
	const step = document.steps[document.current_seq - 1];
	return step.recipients.some((recipient) =>
		recipient.group_id
			? (context.state.groups.get(recipient.group_id)?.members.includes(member.account_id) ?? false)
			: recipient.id === member.account_id,
	);
}

/** Which documents a box shows. Company tokens (no member) see every document of the box. */
function inBox(context: SandboxContext, box: string, member: MemberRecord | undefined, document: DocumentRecord) {
	if (document.trashed) return false;
	const involved = !member || isInvolved(context, member, document);
	switch (box) {
		case '01':
			return (document.phase === 'in_progress' || document.phase === 'rejected') && involved;
		case '02':
			return member ? waitsFor(context, member, document) : document.phase === 'in_progress';
		case '03':
			return document.phase === 'completed' && involved;
		default:
			return true;
	}
}

function isInvolved(context: SandboxContext, member: MemberRecord, document: DocumentRecord): boolean {
	// Manager roles see everything in "04", not in the personal boxes.
	const asPlainMember: MemberRecord = { ...member, role: ['member'] };
	return canAccessDocument(context, asPlainMember, document);
}

function optionalDate(body: Record<string, unknown>, name: string): number | undefined {
	const value = body[name];
	if (value === undefined || value === null || value === '') return undefined;
	const date = looseInteger(value);
	if (date === undefined || date < 0) throw new ApiError('4000013', INVALID_DATE);
	return date;
}

function optionalKeyword(body: Record<string, unknown>, name: string): string | undefined {
	const value = body[name];
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') throw new ApiError('4000001', 'The body data is invalid.');
	return value.toLowerCase();
}

function templateIds(value: unknown): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value.split(',').map((id) => id.trim()).filter(Boolean);
	if (Array.isArray(value) && value.every((id) => typeof id === 'string')) return value.length ? value : undefined;
	throw new ApiError('4000001', 'The body data is invalid.');
}

function paging(body: Record<string, unknown>): { limit: number | undefined; skip: number } {
	const rawLimit = body.limit;
	let limit: number | undefined;
	if (rawLimit !== undefined && rawLimit !== null && rawLimit !== '') {
		limit = looseInteger(rawLimit);
		if (limit === undefined || limit < 0) throw new ApiError('4000001', 'The body data is invalid.');
		limit = Math.min(limit, MAX_LIST_LIMIT);
	}
	const rawSkip = body.skip;
	let skip = 0;
	if (rawSkip !== undefined && rawSkip !== null && rawSkip !== '') {
		const parsed = looseInteger(rawSkip);
		if (parsed === undefined || parsed < 0) throw new ApiError('4000001', 'The body data is invalid.');
		skip = parsed;
	}
	return { limit, skip };
}

function listDocuments({ context, request, member }: RouteCall): ApiResponse {
	const body = jsonBody(request);
	if (!body || !isRecord(body)) throw new ApiError('4000001', 'The body data is invalid.');
	const box = boxType(body.type);
	if (box === '04' && member && !isManager(member)) throw new ApiError('4030009', 'You do not have access.');
	const title = optionalKeyword(body, 'title');
	const content = optionalKeyword(body, 'content');
	const titleOrContent = optionalKeyword(body, 'title_and_content');
	const templates = templateIds(body.template_ids);
	const createdFrom = optionalDate(body, 'start_create_date');
	const createdTo = optionalDate(body, 'end_create_date');
	const updatedFrom = optionalDate(body, 'start_update_date');
	const updatedTo = optionalDate(body, 'end_update_date');
	const { limit, skip } = paging(body);

	const contentMatches = (document: DocumentRecord, keyword: string) =>
		document.fields.some((field) => field.value.toLowerCase().includes(keyword));
	const matches = [...context.state.documents.values()].filter((document) => {
		if (!inBox(context, box, member, document)) return false;
		const name = document.document_name.toLowerCase();
		if (title && !name.includes(title)) return false;
		if (content && !contentMatches(document, content)) return false;
		if (titleOrContent && !name.includes(titleOrContent) && !contentMatches(document, titleOrContent)) return false;
		if (templates && !templates.includes(document.template_id)) return false;
		if (createdFrom !== undefined && document.created_date < createdFrom) return false;
		if (createdTo !== undefined && document.created_date > createdTo) return false;
		if (updatedFrom !== undefined && document.updated_date < updatedFrom) return false;
		if (updatedTo !== undefined && document.updated_date > updatedTo) return false;
		return true;
	});
	matches.sort(
		(a, b) => b.updated_date - a.updated_date || b.created_date - a.created_date || a.id.localeCompare(b.id),
	);
	// Without `limit` eformsign answers an empty page (docs/api/eformsign-api-notes.md, "List documents");
	// total_rows still counts the matches.
	const page = limit === undefined ? [] : matches.slice(skip, skip + limit);
	const flags = includeFlags(request.query);
	return json({
		documents: page.map((document) => serializeDocument(context, document, flags)),
		total_rows: matches.length,
		limit: limit ?? 0,
		skip,
	});
}

export const documentListRoutes: Route[] = [
	{ method: 'POST', pattern: '/v2.0/api/list_document', auth: 'access', handle: listDocuments },
	{ method: 'GET', pattern: '/v2.0/api/documents', auth: 'access', handle: listDocuments },
];
