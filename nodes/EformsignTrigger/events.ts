import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { DOCUMENT_STATUSES, DOCUMENT_STATUS_KEYS, WEBHOOK_STATUSES } from '../shared/codes';

/**
 * The two event shapes of eformsign webhooks (docs/api/eformsign-api-notes.md, "Events"): what the user can select,
 * how a delivery is read, and what the workflow receives.
 */

export const ALL_DOCUMENT_EVENTS = '*';
export const PDF_READY = 'ready_document_pdf';

const GROUP_DESCRIPTIONS: Record<string, string> = {
	Created: 'Document created',
	Participant: 'Participant step',
	Reviewer: 'Reviewer step',
	Approval:
		"Approval step, e.g. one your own approval system decides (the eformsign node's Approve / Decline (Integrated Approval))",
	Requests: 'Cancellation, rejection and deletion requests',
	Finished: 'Document finished',
	'Old Workflow': 'Templates that still use the old workflow (external and internal steps)',
};

/**
 * Generated from the webhook status table in codes.ts (which also names the statuses in the output), in the
 * order of a document's life rather than alphabetically, so related statuses stay together.
 */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'All Document Events',
		value: ALL_DOCUMENT_EVENTS,
		description: 'Every change of a document, including statuses not listed here',
	},
	{
		name: 'PDF Ready',
		value: PDF_READY,
		description:
			'A PDF (or the audit trail) of the document can be downloaded now. Sent after each step, so also for documents still in progress.',
	},
	...Object.entries(WEBHOOK_STATUSES).map(([status, { name, group }]) => ({
		name,
		value: status,
		description: `${GROUP_DESCRIPTIONS[group] ?? group} (${status})`,
	})),
];

type EventKind = 'document' | typeof PDF_READY;

export interface WebhookEvent {
	kind: EventKind;
	envelope: IDataObject;
	/** The `document` or `ready_document_pdf` object of the delivery. */
	payload: IDataObject;
	/** Webhook status of a document event; the document's status of a PDF-ready event. */
	status: string;
	documentId: string;
	templateId: string;
	historyId: string;
	/** The console's Test button sends fake IDs (`test_doc_id`, `test_document_history_id`). */
	isTest: boolean;
}

type ParsedDelivery = { event: WebhookEvent } | { ignored: string };

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseDelivery(body: unknown): ParsedDelivery {
	if (!isObject(body)) return { ignored: 'the body is not a JSON object' };
	const eventType = text(body.event_type);
	if (eventType === 'document' && isObject(body.document)) {
		const payload = body.document;
		// The older English guide names the fields doc_status and document_history_id.
		const status = text(payload.status) || text(payload.doc_status);
		const documentId = text(payload.id) || text(payload.document_id);
		const historyId = text(payload.history_id) || text(payload.document_history_id);
		return {
			event: {
				kind: 'document',
				envelope: body,
				payload,
				status,
				documentId,
				templateId: text(payload.template_id),
				historyId,
				isTest: isTestId(documentId) || isTestId(historyId),
			},
		};
	}
	if (eventType === PDF_READY && isObject(body.ready_document_pdf)) {
		const payload = body.ready_document_pdf;
		const documentId = text(payload.document_id) || text(payload.id);
		const historyId = text(payload.document_history_id) || text(payload.history_id);
		return {
			event: {
				kind: PDF_READY,
				envelope: body,
				payload,
				status: text(payload.document_status),
				documentId,
				templateId: text(payload.template_id),
				historyId,
				isTest: isTestId(documentId) || isTestId(historyId),
			},
		};
	}
	return { ignored: `the event type "${eventType || 'none'}" is not one the trigger handles` };
}

function isTestId(id: string): boolean {
	return id.startsWith('test_');
}

export function isSelected(event: WebhookEvent, selected: string[]): boolean {
	if (event.kind === PDF_READY) return selected.includes(PDF_READY);
	return selected.includes(ALL_DOCUMENT_EVENTS) || selected.includes(event.status);
}

/** Files a PDF-ready event says can be downloaded now (`document`, `audit_trail`). */
export function exportReadyList(event: WebhookEvent): string[] {
	const list = event.payload.export_ready_list;
	return Array.isArray(list)
		? list.filter((entry): entry is string => typeof entry === 'string')
		: [];
}

/**
 * Two deliveries with the same key report the same change. A PDF-ready event that names more
 * files than before is a new one, so the list is part of its key.
 */
export function deliveryKey(event: WebhookEvent): string | undefined {
	if (!event.historyId) return undefined;
	if (event.kind === 'document') return `${event.historyId}:${event.status}`;
	return `${event.historyId}:${PDF_READY}:${event.status}:${[...exportReadyList(event)].sort().join(',')}`;
}

function capitalized(name: string): string {
	return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Readable name of a status in either vocabulary (webhook statuses and document statuses, both in codes.ts). */
function statusName(status: string): string | undefined {
	const eventStatus = WEBHOOK_STATUSES[status];
	if (eventStatus) return eventStatus.name;
	const code = DOCUMENT_STATUS_KEYS[status];
	const documentStatus = code === undefined ? undefined : DOCUMENT_STATUSES[code];
	return documentStatus === undefined ? undefined : capitalized(documentStatus);
}

/** The envelope and the event object side by side, plus readable names and the test flag. */
export function eventOutput(event: WebhookEvent): IDataObject {
	const envelope = { ...event.envelope };
	delete envelope[event.kind];
	const names: IDataObject =
		event.kind === 'document'
			? { status_name: statusName(event.status) ?? event.status }
			: { document_status_name: statusName(event.status) ?? event.status };
	return {
		...envelope,
		...event.payload,
		document_id: event.documentId,
		...names,
		is_test_event: event.isTest,
	};
}
