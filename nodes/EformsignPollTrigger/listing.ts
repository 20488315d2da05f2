import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { eformsignRequest } from '../shared/transport';
import { dateField, dateOf, isInState, type PollEvent } from './cursor';

/**
 * Reads POST /v2.0/api/list_document (api-reference §4.6): newest update first, paged with
 * skip/limit as strings, include flags in the query. A read, so the transport may retry it.
 */

export const PAGE_SIZE = 100;
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

interface Page {
	documents: IDataObject[];
	total: number;
}

async function listPage(this: IPollFunctions, query: ListQuery, skip: number): Promise<Page> {
	const body: IDataObject = { type: query.box, limit: String(PAGE_SIZE), skip: String(skip) };
	if (query.templateId) body.template_ids = [query.templateId];
	if (query.since !== undefined && query.since > 0) {
		body[dateField(query.event) === 'created_date' ? 'start_create_date' : 'start_update_date'] =
			query.since;
	}
	const response = await eformsignRequest.call(this, {
		method: 'POST',
		path: '/v2.0/api/list_document',
		qs: query.include,
		body,
		retryable: true,
	});
	const documents = Array.isArray(response.documents) ? (response.documents as IDataObject[]) : [];
	const total = Number(response.total_rows);
	return { documents, total: Number.isFinite(total) ? total : documents.length };
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
	// eformsign may answer fewer documents than asked for; paging follows what it actually sends.
	const advance = (count: number) => Math.max(1, count - PAGE_OVERLAP);
	if (first.total > MAX_DOCUMENTS_PER_POLL && first.documents.length > 0) {
		// Newest first: the oldest changes are at the end of the list. Taking those (and leaving
		// the newest for a later poll) lets the cursor move forward without a gap.
		const oldest: IDataObject[] = [];
		const start = first.total - MAX_DOCUMENTS_PER_POLL;
		let from = Math.max(start, first.total - first.documents.length);
		for (;;) {
			const page = await listPage.call(this, query, from);
			oldest.push(...page.documents);
			if (from <= start || page.documents.length === 0) break;
			from = Math.max(start, from - advance(page.documents.length));
		}
		return { documents: oldest, truncated: true };
	}
	const documents = [...first.documents];
	let skip = 0;
	let count = first.documents.length;
	let total = first.total;
	while (count > 0 && skip + count < total) {
		skip += advance(count);
		const page = await listPage.call(this, query, skip);
		documents.push(...page.documents);
		count = page.documents.length;
		total = page.total;
	}
	return { documents, truncated: false };
}

/** For a manual test run: the most recent document in the chosen state, if any. */
export async function latestMatching(
	this: IPollFunctions,
	query: ListQuery,
): Promise<IDataObject | undefined> {
	let best: IDataObject | undefined;
	for (let pageIndex = 0; pageIndex < MANUAL_SCAN_PAGES; pageIndex++) {
		const page = await listPage.call(this, query, pageIndex * PAGE_SIZE);
		for (const document of page.documents) {
			if (!isInState(document, query.event)) continue;
			if (!best || dateOf(document, query.event) > dateOf(best, query.event)) best = document;
		}
		// Newest updates come first, so the first page with a match holds the latest one.
		if (best || (pageIndex + 1) * PAGE_SIZE >= page.total) break;
	}
	return best;
}
