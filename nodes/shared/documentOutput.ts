import type { IDataObject } from 'n8n-workflow';

import {
	ACTION_TYPES,
	DOCUMENT_STATUSES,
	NEXT_STATUSES,
	STEP_TYPES,
	USER_TYPES,
	nameOf,
} from './codes';

function named(object: unknown, additions: (value: IDataObject) => IDataObject): IDataObject | unknown {
	if (!object || typeof object !== 'object' || Array.isArray(object)) return object;
	const value = object as IDataObject;
	return { ...value, ...additions(value) };
}

function withName(key: string, name: string | undefined): IDataObject {
	return name === undefined ? {} : { [key]: name };
}

function person(value: unknown): unknown {
	return named(value, (p) => withName('recipient_type_name', nameOf(USER_TYPES, p.recipient_type)));
}

function step(value: unknown, statuses: Record<string, string>): unknown {
	return named(value, (s) => ({
		...withName('step_type_name', nameOf(STEP_TYPES, s.step_type)),
		...withName('status_name', nameOf(statuses, s.status_type)),
		...withName('action_name', nameOf(ACTION_TYPES, s.action_type)),
		...(s.executor ? { executor: person(s.executor) as IDataObject } : {}),
		...(Array.isArray(s.step_recipients)
			? { step_recipients: s.step_recipients.map(person) as IDataObject[] }
			: {}),
	}));
}

function list(value: unknown, map: (entry: unknown) => unknown): unknown {
	return Array.isArray(value) ? value.map(map) : value;
}

/**
 * Keeps every raw code and adds its readable name next to it (docs/api/eformsign-api-notes.md, "Code tables"), e.g.
 * `current_status.status_type: "003"` gains `status_name: "completed"`.
 */
export function withReadableNames(document: IDataObject): IDataObject {
	return {
		...document,
		...(document.creator ? { creator: person(document.creator) } : {}),
		...(document.last_editor ? { last_editor: person(document.last_editor) } : {}),
		...(document.current_status
			? { current_status: step(document.current_status, DOCUMENT_STATUSES) }
			: {}),
		...(document.next_status
			? { next_status: list(document.next_status, (s) => step(s, NEXT_STATUSES)) }
			: {}),
		...(document.previous_status
			? { previous_status: list(document.previous_status, (s) => step(s, DOCUMENT_STATUSES)) }
			: {}),
		...(document.histories
			? { histories: list(document.histories, (s) => step(s, DOCUMENT_STATUSES)) }
			: {}),
	} as IDataObject;
}

/** At most ten flat fields: what a workflow (or an AI agent) usually needs from a document. */
export function simplifyDocument(document: IDataObject): IDataObject {
	const status = (document.current_status ?? {}) as IDataObject;
	const template = (document.template ?? {}) as IDataObject;
	const creator = (document.creator ?? {}) as IDataObject;
	const simplified: IDataObject = {
		id: document.id,
		document_name: document.document_name,
		template_id: template.id,
		status_type: status.status_type,
		status_name: nameOf(DOCUMENT_STATUSES, status.status_type) ?? status.status_type,
		step_name: status.step_name,
		creator_id: creator.id,
		created_date: document.created_date,
		updated_date: document.updated_date,
	};
	if (Array.isArray(document.fields) && document.fields.length > 0) {
		simplified.fields = Object.fromEntries(
			(document.fields as IDataObject[]).map((field) => [String(field.id), field.value]),
		);
	}
	return simplified;
}
