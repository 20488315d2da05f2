import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import {
	documentPages,
	listDocumentPage,
	type DocumentListQuery,
	type DocumentPage,
} from '../shared/api/documents';
import { dateField, dateOf, isInState, type PollEvent } from './cursor';

/**
 * What the poll trigger reads from the document list (shared/api/documents.ts): newest update
 * first, paged with skip/limit.
 */

const PAGE_SIZE = 100;
// Pages overlap a little: a document that leaves the box while the pages are read shifts the
// rest forward, and without the overlap the one crossing a page boundary would be skipped.
const PAGE_OVERLAP = 5;
/** More changes than this in one poll are taken oldest first; the rest come with the next polls. */
export const MAX_DOCUMENTS_PER_POLL = 5000;
const MANUAL_SCAN_PAGES = 3;

export interface ListQuery {
	box: string;
	templateId: string;
	event: PollEvent;
	/** Only documents with this date or later (`updated_date`, or `created_date` for Created). */
	since?: number;
	include: IDataObject;
}

function listQuery(query: ListQuery): DocumentListQuery {
	const filters: IDataObject = {};
	if (query.templateId) filters.template_ids = [query.templateId];
	if (query.since !== undefined && query.since > 0) {
		filters[dateField(query.event) === 'created_date' ? 'start_create_date' : 'start_update_date'] =
			query.since;
	}
	return { box: query.box, filters, include: query.include };
}

async function listPage(
	this: IPollFunctions,
	query: ListQuery,
	skip: number,
): Promise<DocumentPage> {
	return await listDocumentPage.call(this, listQuery(query), skip, PAGE_SIZE);
}

/** total_rows, or what the page holds when eformsign sends no total. */
function totalOf(page: DocumentPage): number {
	return page.total ?? page.skip + page.documents.length;
}

/** The first page only: what the trigger takes as "now" when it starts. */
export async function newestDocuments(
	this: IPollFunctions,
	query: ListQuery,
): Promise<IDataObject[]> {
	return (await listPage.call(this, query, 0)).documents;
}

export interface Changes {
	documents: IDataObject[];
	/** True when there were more than MAX_DOCUMENTS_PER_POLL and only the oldest were read. */
	truncated: boolean;
}

/** Every document listed since the cursor; the oldest ones when there are too many for one poll. */
export async function documentsSince(this: IPollFunctions, query: ListQuery): Promise<Changes> {
	const first = await listPage.call(this, query, 0);
	const total = totalOf(first);
	if (total > MAX_DOCUMENTS_PER_POLL && first.documents.length > 0) {
		// Newest first: the oldest changes are at the end of the list. Taking those (and leaving
		// the newest for a later poll) lets the cursor move forward without a gap.
		const oldest: IDataObject[] = [];
		const start = total - MAX_DOCUMENTS_PER_POLL;
		let from = Math.max(start, total - first.documents.length);
		for (;;) {
			const page = await listPage.call(this, query, from);
			oldest.push(...page.documents);
			if (from <= start || page.documents.length === 0) break;
			from = Math.max(start, from - Math.max(1, page.documents.length - PAGE_OVERLAP));
		}
		return { documents: oldest, truncated: true };
	}
	const documents = [...first.documents];
	if (first.documents.length > 0 && first.documents.length < total) {
		const rest = documentPages.call(this, listQuery(query), {
			from: Math.max(1, first.documents.length - PAGE_OVERLAP),
			pageSize: PAGE_SIZE,
			overlap: PAGE_OVERLAP,
		});
		for await (const page of rest) documents.push(...page.documents);
	}
	return { documents, truncated: false };
}

/** For a manual test run: the most recent document in the chosen state, if any. */
export async function latestMatching(
	this: IPollFunctions,
	query: ListQuery,
): Promise<IDataObject | undefined> {
	let best: IDataObject | undefined;
	let pagesRead = 0;
	const pages = documentPages.call(this, listQuery(query), { pageSize: PAGE_SIZE });
	for await (const page of pages) {
		for (const document of page.documents) {
			if (!isInState(document, query.event)) continue;
			if (!best || dateOf(document, query.event) > dateOf(best, query.event)) best = document;
		}
		// Newest updates come first, so the first page with a match holds the latest one.
		if (best || ++pagesRead >= MANUAL_SCAN_PAGES) break;
	}
	return best;
}
