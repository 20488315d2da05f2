import type { IDataObject } from 'n8n-workflow';

/**
 * Which documents a poll hands to the workflow, and where the next poll starts. Pure functions
 * over the document list (docs/api/eformsign-api-notes.md, "List documents"), so the rules can be read in one place:
 *
 * - The cursor is the newest date seen (`updated_date`, or `created_date` for "Created") plus the
 *   IDs of the documents seen at exactly that millisecond. The next poll asks eformsign for
 *   dates >= cursor and skips those IDs, so a document changed in the same millisecond as the
 *   last one seen is neither lost nor emitted twice.
 * - "Completed" and "Rejected" also remember which documents were already emitted in that state,
 *   so a later change to a completed document (a PDF sent, a transfer) is not a second completion.
 */

export type PollEvent = 'completed' | 'created' | 'rejected' | 'anyUpdate';

export interface CursorState {
	/** What the cursor was taken for; other settings start over (position.ts). */
	settings: string;
	date: number;
	idsAtDate: string[];
	/** IDs emitted in the chosen state (Completed, Rejected), newest last. */
	emitted: string[];
}

const EMITTED_MEMORY = 1000;

const COMPLETED = '003';
// Approval, reception, external, participant and reviewer steps refused (docs/api/eformsign-api-notes.md, "Code tables").
const REJECTED = new Set(['011', '021', '031', '061', '071']);

export function dateField(event: PollEvent): 'created_date' | 'updated_date' {
	return event === 'created' ? 'created_date' : 'updated_date';
}

export function dateOf(document: IDataObject, event: PollEvent): number {
	const value = Number(document[dateField(event)]);
	return Number.isFinite(value) ? value : 0;
}

function statusOf(document: IDataObject): string {
	const status = document.current_status as IDataObject | undefined;
	return String(status?.status_type ?? '');
}

export function isInState(document: IDataObject, event: PollEvent): boolean {
	switch (event) {
		case 'completed':
			return statusOf(document) === COMPLETED;
		case 'rejected':
			return REJECTED.has(statusOf(document));
		default:
			return true;
	}
}

function remembersState(event: PollEvent): boolean {
	return event === 'completed' || event === 'rejected';
}

/** The cursor for a trigger that starts now: everything listed so far counts as already seen. */
export function startingCursor(
	settings: string,
	newestFirst: IDataObject[],
	event: PollEvent,
): CursorState {
	// Ordered by updated_date; a document's created_date is never later than its updated_date, so
	// the newest update also bounds every creation so far.
	const date = newestFirst.reduce(
		(newest, document) => Math.max(newest, Number(document.updated_date) || 0),
		0,
	);
	const idsAtDate = newestFirst
		.filter((document) => (Number(document.updated_date) || 0) === date)
		.map((document) => String(document.id));
	const emitted = remembersState(event)
		? newestFirst
				.filter((document) => isInState(document, event))
				.map((document) => String(document.id))
		: [];
	return { settings, date, idsAtDate, emitted: emitted.slice(0, EMITTED_MEMORY).reverse() };
}

/**
 * A cursor for a poll that finds no position at all (position.ts): everything changed since `since`
 * counts as new, including documents that reached the chosen state earlier and changed again since.
 */
export function lookbackCursor(settings: string, since: number): CursorState {
	return { settings, date: since, idsAtDate: [], emitted: [] };
}

interface Selection {
	emit: IDataObject[];
	next: CursorState;
}

/**
 * Picks what to emit from every document listed since the cursor (in any order), oldest first,
 * and moves the cursor to the newest date among them.
 */
export function selectChanges(
	documents: IDataObject[],
	state: CursorState,
	event: PollEvent,
): Selection {
	const seenAtDate = new Set(state.idsAtDate);
	const unique = new Map<string, IDataObject>();
	for (const document of documents) {
		const id = String(document.id ?? '');
		if (id && !unique.has(id)) unique.set(id, document);
	}
	const fresh = [...unique.values()]
		.filter((document) => {
			const date = dateOf(document, event);
			return date > state.date || (date === state.date && !seenAtDate.has(String(document.id)));
		})
		.sort((a, b) => dateOf(a, event) - dateOf(b, event));

	const emitted = new Set(state.emitted);
	const emit: IDataObject[] = [];
	for (const document of fresh) {
		const id = String(document.id);
		if (!isInState(document, event)) {
			// It left the state, so coming back to it later is a new event.
			emitted.delete(id);
			continue;
		}
		if (remembersState(event)) {
			if (emitted.has(id)) continue;
			emitted.add(id);
		}
		emit.push(document);
	}

	const newest = fresh.reduce(
		(date, document) => Math.max(date, dateOf(document, event)),
		state.date,
	);
	const idsAtNewest = fresh
		.filter((document) => dateOf(document, event) === newest)
		.map((document) => String(document.id));
	return {
		emit,
		next: {
			settings: state.settings,
			date: newest,
			idsAtDate:
				newest === state.date ? [...new Set([...state.idsAtDate, ...idsAtNewest])] : idsAtNewest,
			emitted: remembersState(event) ? [...emitted].slice(-EMITTED_MEMORY) : [],
		},
	};
}

export function readCursor(value: unknown): CursorState | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const cursor = value as IDataObject;
	if (typeof cursor.settings !== 'string' || typeof cursor.date !== 'number') return undefined;
	const strings = (list: unknown) =>
		Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === 'string') : [];
	return {
		settings: cursor.settings,
		date: cursor.date,
		idsAtDate: strings(cursor.idsAtDate),
		emitted: strings(cursor.emitted),
	};
}
