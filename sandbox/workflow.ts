// The document state machine: create, accept/reject a step, send back, cancel, delete. Every
// change writes a history entry, emits a `document` webhook event and regenerates the PDF (which
// ends in a `ready_document_pdf` event once it is "ready"; docs/api/eformsign-api-notes.md, "Events").

import type { SandboxContext } from './context';
import { randomId, randomToken } from './ids';
import type { DocumentRecord, DocumentStep, FieldValue, HistoryRecord, Party, TemplateRecord } from './state';

interface Transition {
	status: string;
	action: string;
	event: string;
}

interface StepKind {
	request: Transition;
	accept: Transition;
	reject: Transition;
	rerequest: Transition;
}

const PARTICIPANT: StepKind = {
	request: { status: '060', action: '060', event: 'doc_request_participant' },
	accept: { status: '062', action: '062', event: 'doc_accept_participant' },
	reject: { status: '061', action: '061', event: 'doc_reject_participant' },
	rerequest: { status: '060', action: '063', event: 'doc_request_participant' },
};

const STEP_KINDS: Record<string, StepKind> = {
	'05': PARTICIPANT,
	'06': {
		request: { status: '070', action: '070', event: 'doc_request_reviewer' },
		accept: { status: '072', action: '072', event: 'doc_accept_reviewer' },
		reject: { status: '071', action: '071', event: 'doc_reject_reviewer' },
		rerequest: { status: '070', action: '073', event: 'doc_request_reviewer' },
	},
	// Approval steps (type 02), decided in the company's own system through the integrated approval
	// calls (docs/api/eformsign-api-notes.md, "Integrated approval"). The codes are the approval rows
	// of the status and action tables (INFERRED for this use).
	'02': {
		request: { status: '010', action: '010', event: 'doc_request_approval' },
		accept: { status: '012', action: '012', event: 'doc_accept_approval' },
		reject: { status: '011', action: '011', event: 'doc_reject_approval' },
		rerequest: { status: '010', action: '010', event: 'doc_request_approval' },
	},
	// Viewers have no status codes of their own (docs/api/eformsign-api-notes.md, "Code tables"); they read
	// (075/076) like a participant step.
	'07': {
		request: { status: '060', action: '075', event: 'doc_request_participant' },
		accept: { status: '062', action: '076', event: 'doc_accept_participant' },
		reject: PARTICIPANT.reject,
		rerequest: { status: '060', action: '077', event: 'doc_request_participant' },
	},
};

/** current_status.status_type → name (docs/api/eformsign-api-notes.md, "Code tables"); also the webhook document_status. */
export const STATUS_NAMES: Record<string, string> = {
	'001': 'doc_tempsave',
	'002': 'doc_create',
	'003': 'doc_complete',
	'043': 'doc_update',
	'047': 'doc_request_delete',
	'049': 'doc_delete',
	'040': 'doc_request_revoke',
	'042': 'doc_revoke',
	'045': 'doc_request_reject',
	'010': 'doc_request_approval',
	'012': 'doc_accept_approval',
	'011': 'doc_reject_approval',
	'013': 'doc_cancel',
	'020': 'doc_request_reception',
	'022': 'doc_accept_reception',
	'021': 'doc_reject_reception',
	'030': 'doc_request_outsider',
	'032': 'doc_accept_outsider',
	'031': 'doc_reject_outsider',
	'060': 'doc_request_participant',
	'062': 'doc_accept_participant',
	'061': 'doc_reject_participant',
	'070': 'doc_request_reviewer',
	'072': 'doc_accept_reviewer',
	'071': 'doc_reject_reviewer',
};

export const START_STEP_NAME = '시작';
export const COMPLETE_STEP_NAME = '완료';

export function stepKind(stepType: string): StepKind {
	return STEP_KINDS[stepType] ?? PARTICIPANT;
}

export interface NewDocument {
	template: TemplateRecord;
	creator: Party;
	document_name: string;
	comment: string;
	fields: FieldValue[];
	ignored_field_ids: string[];
	parameters: Array<{ id: string; value: string }>;
	/** Recipient steps in workflow order; empty = saved as a draft. */
	steps: DocumentStep[];
	mass_job_request_id?: string;
	/** Saved as a draft even with steps (a "my file" draft keeps its recipients for /send). */
	draft?: boolean;
	/** Made from "my file", not from a template. */
	unstructured?: boolean;
}

let documentCounter = 0;

export function stepParty(step: DocumentStep): Party {
	const recipient = step.recipients[0];
	return { recipient_type: recipient?.recipient_type ?? '02', id: recipient?.id ?? '', name: recipient?.name ?? '' };
}

/** Outside token of the step's first external recipient ('' when the step is internal). */
function outsideTokenOf(step: DocumentStep | undefined): string {
	return step?.recipients.find((recipient) => recipient.recipient_type === '02')?.token_id ?? '';
}

function addHistory(
	context: SandboxContext,
	document: DocumentRecord,
	stepSeq: number,
	actionType: string,
	executor: Party,
	comment: string,
): HistoryRecord {
	const step = document.steps[stepSeq - 1];
	const isEnd = stepSeq > document.steps.length;
	const history: HistoryRecord = {
		id: randomId(),
		step_seq: stepSeq,
		step_type: stepSeq === 0 ? '00' : isEnd ? '01' : step.step_type,
		step_name: stepSeq === 0 ? START_STEP_NAME : isEnd ? COMPLETE_STEP_NAME : step.step_name,
		action_type: actionType,
		executor,
		executed_date: context.clock.now(),
		comment,
	};
	document.histories.push(history);
	document.updated_date = history.executed_date;
	document.last_editor = executor;
	return history;
}

function emitDocumentEvent(
	context: SandboxContext,
	document: DocumentRecord,
	status: string,
	history: HistoryRecord,
	outsideToken = '',
): void {
	context.webhooks.emit(
		'document',
		{
			id: document.id,
			document_title: document.document_name,
			template_id: document.template_id,
			template_name: document.template_name,
			template_version: document.template_version,
			workflow_seq: history.step_seq,
			workflow_name: history.step_name,
			history_id: history.id,
			status,
			editor_id: history.executor.id,
			outside_token: outsideToken,
			updated_date: document.updated_date,
			mass_job_request_id: document.mass_job_request_id,
			comment: history.comment,
		},
		document.template_id,
	);
}

function exportReadyList(document: DocumentRecord): string[] {
	return document.phase === 'completed' ? ['document', 'audit_trail'] : ['document'];
}

/** Emits the `ready_document_pdf` event: which file types can be downloaded now (docs/api/eformsign-api-notes.md, "Events"). */
function emitPdfReady(context: SandboxContext, document: DocumentRecord): void {
	const history = document.histories[document.histories.length - 1];
	context.webhooks.emit(
		'ready_document_pdf',
		{
			document_id: document.id,
			document_title: document.document_name,
			workflow_seq: history?.step_seq ?? 0,
			workflow_name: history?.step_name ?? START_STEP_NAME,
			template_id: document.template_id,
			template_name: document.template_name,
			template_version: document.template_version,
			document_status: STATUS_NAMES[document.status_type] ?? document.status_type,
			document_history_id: history?.id ?? '',
			export_ready_list: exportReadyList(document),
			mass_job_request_id: document.mass_job_request_id,
		},
		document.template_id,
	);
}

/** The PDF is rebuilt after a change: pending for `pdfPendingPolls` downloads, then ready. */
function regeneratePdf(context: SandboxContext, document: DocumentRecord): void {
	document.pdf_pending_polls = context.options.pdfPendingPolls;
	if (document.pdf_pending_polls === 0) emitPdfReady(context, document);
}

/** Called by a download that finds the PDF pending: counts the poll down, true while still pending. */
export function pollPdf(context: SandboxContext, document: DocumentRecord): boolean {
	if (document.pdf_pending_polls <= 0) return false;
	document.pdf_pending_polls--;
	if (document.pdf_pending_polls === 0) emitPdfReady(context, document);
	return true;
}

export function finishPdf(context: SandboxContext, document: DocumentRecord): void {
	document.pdf_pending_polls = 0;
	emitPdfReady(context, document);
}

function requestStep(context: SandboxContext, document: DocumentRecord, seq: number, requester: Party, rerequest = false) {
	const step = document.steps[seq - 1];
	const kind = stepKind(step.step_type);
	const transition = rerequest ? kind.rerequest : kind.request;
	document.current_seq = seq;
	document.status_type = transition.status;
	document.phase = 'in_progress';
	const history = addHistory(context, document, seq, transition.action, requester, document.comment);
	emitDocumentEvent(context, document, transition.event, history, outsideTokenOf(step));
}

export function createDocument(context: SandboxContext, input: NewDocument): DocumentRecord {
	const now = context.clock.now();
	const isDraft = input.draft === true || input.steps.length === 0;
	documentCounter++;
	const document: DocumentRecord = {
		id: randomId(),
		document_number: `SBX-${String(documentCounter).padStart(6, '0')}`,
		template_id: input.template.form_id,
		template_name: input.template.name,
		template_version: input.template.version,
		document_name: input.document_name,
		creator: input.creator,
		created_date: now,
		last_editor: input.creator,
		updated_date: now,
		phase: isDraft ? 'draft' : 'in_progress',
		status_type: isDraft ? '001' : '002',
		current_seq: 0,
		steps: input.steps,
		fields: input.fields,
		ignored_field_ids: input.ignored_field_ids,
		parameters: input.parameters,
		histories: [],
		comment: input.comment,
		trashed: false,
		mass_job_request_id: input.mass_job_request_id ?? '',
		pdf_pending_polls: 0,
		attachments: [],
		...(input.unstructured ? { unstructured: true } : {}),
	};
	context.state.documents.set(document.id, document);
	if (isDraft) {
		const history = addHistory(context, document, 0, '001', input.creator, input.comment);
		emitDocumentEvent(context, document, 'doc_tempsave', history);
	} else {
		const history = addHistory(context, document, 0, '002', input.creator, input.comment);
		emitDocumentEvent(context, document, 'doc_create', history);
		requestStep(context, document, 1, input.creator);
	}
	regeneratePdf(context, document);
	return document;
}

class WorkflowError extends Error {}

function currentStep(document: DocumentRecord): DocumentStep {
	if (document.phase !== 'in_progress' || document.trashed) {
		throw new WorkflowError(`document ${document.id} is ${document.trashed ? 'deleted' : document.phase}`);
	}
	return document.steps[document.current_seq - 1];
}

function complete(context: SandboxContext, document: DocumentRecord, executor: Party): void {
	document.current_seq = document.steps.length + 1;
	document.status_type = '003';
	document.phase = 'completed';
	for (const step of document.steps) {
		for (const recipient of step.recipients) {
			if (recipient.recipient_type === '02') recipient.complete_token_id = randomToken();
		}
	}
	const history = addHistory(context, document, document.current_seq, '003', executor, '');
	emitDocumentEvent(context, document, 'doc_complete', history);
}

/**
 * The current step's recipient accepts (or `executor`, e.g. the approver of an integrated
 * approval); the next step is requested or the document completes.
 */
export function acceptStep(context: SandboxContext, document: DocumentRecord, comment = '', executor?: Party): void {
	const step = currentStep(document);
	const actor = executor ?? stepParty(step);
	const kind = stepKind(step.step_type);
	step.executed_date = context.clock.now();
	document.status_type = kind.accept.status;
	const history = addHistory(context, document, step.seq, kind.accept.action, actor, comment);
	emitDocumentEvent(context, document, kind.accept.event, history, outsideTokenOf(step));
	if (step.seq < document.steps.length) {
		requestStep(context, document, step.seq + 1, actor);
	} else {
		complete(context, document, actor);
	}
	regeneratePdf(context, document);
}

/**
 * The current step's recipient refuses. `backTo` 0 (default) returns the document to its
 * creator (rejected); a later step number re-requests that earlier step instead.
 */
export function rejectStep(
	context: SandboxContext,
	document: DocumentRecord,
	comment = '',
	backTo = 0,
	actor?: Party,
): void {
	const step = currentStep(document);
	const kind = stepKind(step.step_type);
	const executor = actor ?? stepParty(step);
	document.status_type = kind.reject.status;
	const history = addHistory(context, document, step.seq, kind.reject.action, executor, comment);
	emitDocumentEvent(context, document, kind.reject.event, history, outsideTokenOf(step));
	if (backTo >= 1 && backTo < step.seq) {
		requestStep(context, document, backTo, executor);
	} else {
		document.phase = 'rejected';
		document.current_seq = 0;
	}
	regeneratePdf(context, document);
}

/** Replaces the recipients of the current step and asks them again (docs/api/eformsign-api-notes.md, "Resend"). */
export function rerequestStep(
	context: SandboxContext,
	document: DocumentRecord,
	step: DocumentStep,
	requester: Party,
	comment: string,
): void {
	const previousComment = document.comment;
	document.comment = comment || previousComment;
	requestStep(context, document, step.seq, requester, true);
	document.comment = previousComment;
}

export function cancelDocument(context: SandboxContext, document: DocumentRecord, executor: Party, comment: string) {
	document.status_type = '042';
	document.phase = 'cancelled';
	const history = addHistory(context, document, document.current_seq, '042', executor, comment);
	// eformsign documents no plain "cancelled" status; doc_cancel_request is the documented name
	// (docs/api/eformsign-api-notes.md, "Webhook statuses").
	emitDocumentEvent(context, document, 'doc_cancel_request', history);
}

export function deleteDocument(
	context: SandboxContext,
	document: DocumentRecord,
	executor: Party,
	comment: string,
	permanent: boolean,
): void {
	const history = addHistory(context, document, Math.min(document.current_seq, document.steps.length + 1), '049', executor, comment);
	if (permanent) {
		context.state.documents.delete(document.id);
	} else {
		document.trashed = true;
	}
	emitDocumentEvent(context, document, 'doc_deleted', history);
}

/**
 * A draft goes to the recipients saved with it (docs/api/eformsign-api-notes.md, "Send a draft"):
 * created (`doc_create`), then its first step
 * is requested, as if it had been created with those recipients.
 */
export function sendDraft(context: SandboxContext, document: DocumentRecord, sender: Party, comment: string): void {
	document.comment = comment;
	document.phase = 'in_progress';
	document.status_type = '002';
	const history = addHistory(context, document, 0, '002', sender, comment);
	emitDocumentEvent(context, document, 'doc_create', history);
	requestStep(context, document, 1, sender);
	regeneratePdf(context, document);
}
