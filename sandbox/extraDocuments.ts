// Documents of the workflows beyond the basic guide: a "my file" (unstructured) draft that /send
// sends on, and a document waiting at an integrated-approval step (docs/api/eformsign-api-notes.md,
// "Send a draft", "Integrated approval"). Seeded ones are
// built directly (fixed ids, no webhooks); the control API creates more through workflow.ts, with
// their webhooks, the way eformsign would report them.

import type { SandboxContext } from './context';
import { fixedId, fixedUuid, randomToken } from './ids';
import { memberParty } from './seed';
import type { DocumentRecord, DocumentStep, HistoryRecord, Party, RecipientRecord, SandboxState, TemplateRecord } from './state';
import type { DemoData, DemoDocument, ExtraDocumentInit } from './types';
import { START_STEP_NAME, createDocument } from './workflow';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The step an integrated approval decides (step type 02, an approval step: docs/api/eformsign-api-notes.md, "Code tables"). */
export const APPROVAL_STEP_NAME = '인사 결재';

function externalRecipient(name: string, email: string, tokenId: string): RecipientRecord {
	return {
		recipient_type: '02',
		id: email,
		name,
		email,
		use_mail: true,
		use_sms: false,
		token_id: tokenId,
		complete_token_id: '',
		sms_template_index: 0,
	};
}

/** Approval first (no recipient: the company's own system decides), then the candidate signs. */
function approvalSteps(tokenId: string): DocumentStep[] {
	return [
		{ seq: 1, step_type: '02', step_name: APPROVAL_STEP_NAME, recipients: [] },
		{
			seq: 2,
			step_type: '05',
			step_name: '참여자 1',
			recipients: [externalRecipient('정하늘', 'haneul.jung@example.com', tokenId)],
		},
	];
}

function myFileSteps(tokenId: string): DocumentStep[] {
	return [
		{
			seq: 1,
			step_type: '05',
			step_name: '참여자 1',
			recipients: [externalRecipient('Grace Yoon', 'grace.yoon@example.com', tokenId)],
		},
	];
}

/** What a "my file" document shows as its template: none (INFERRED: empty id and name). */
const NO_TEMPLATE: TemplateRecord = {
	form_id: '',
	name: '',
	version: '',
	abbreviation: '',
	category: '',
	keyword: '',
	desc: '',
	create_id: '',
	create_name: '',
	create_date: 0,
	update_date: 0,
	owner_id: '',
	owner_name: '',
	enabled: true,
	allow_url_creation: false,
	title_locked: false,
	default_document_name: '',
	fields: [],
	steps: [],
	deleted: false,
	form_image_id: '',
	form_doc_retention_period: 0,
	permissions: {
		use_all_members: false,
		use: { members: [], groups: [] },
		modify: { members: [], groups: [], managers: [] },
	},
};

function baseRecord(id: string, template: TemplateRecord, name: string, creator: Party, created: number): DocumentRecord {
	return {
		id,
		document_number: `SBX-${id.slice(0, 8).toUpperCase()}`,
		template_id: template.form_id,
		template_name: template.name,
		template_version: template.version,
		document_name: name,
		creator,
		created_date: created,
		last_editor: creator,
		updated_date: created,
		phase: 'draft',
		status_type: '001',
		current_seq: 0,
		steps: [],
		fields: template.fields.map((field) => ({ id: field.id, value: '', type: field.type === 'signature' ? 'binary' : 'string' })),
		ignored_field_ids: [],
		parameters: [],
		histories: [],
		comment: '',
		trashed: false,
		mass_job_request_id: '',
		pdf_pending_polls: 0,
		attachments: [],
	};
}

/** The labels of `demo.documentIds` seeded here. */
export const EXTRA_DOCUMENT_LABELS = ['myFileDraft', 'awaitingApproval'] as const;

/** Their `demo.documents` entries. */
export function extraDemoDocuments(ids: DemoData['documentIds'], contractTemplateId: string): DemoDocument[] {
	return [
		{ id: ids.myFileDraft, name: 'Consulting Agreement (my file)', template_id: '', status_type: '001' },
		{ id: ids.awaitingApproval, name: 'Employment Contract - 정하늘', template_id: contractTemplateId, status_type: '010' },
	];
}

function history(id: string, seq: number, step: Pick<DocumentStep, 'step_type' | 'step_name'>, action: string, executor: Party, at: number): HistoryRecord {
	return { id, step_seq: seq, step_type: step.step_type, step_name: step.step_name, action_type: action, executor, executed_date: at, comment: '' };
}

/** The seeded documents of this file, added to the demo company (no webhooks, PDFs ready). */
export function seedExtraDocuments(state: SandboxState, demo: DemoData, now: number): void {
	const creator = memberParty(state, demo.memberId);
	const start = { step_type: '00', step_name: START_STEP_NAME };

	const draftId = demo.documentIds.myFileDraft;
	const draft = baseRecord(draftId, NO_TEMPLATE, 'Consulting Agreement (my file)', creator, now - 6 * DAY_MS);
	draft.unstructured = true;
	draft.steps = myFileSteps(fixedUuid(`${draftId}:outside-token:1`));
	draft.histories = [history(fixedId(`${draftId}:history:0`), 0, start, '001', creator, draft.created_date)];
	state.documents.set(draftId, draft);

	const template = state.templates.get(demo.templateIds.contract);
	if (!template) return;
	const approvalId = demo.documentIds.awaitingApproval;
	const waiting = baseRecord(approvalId, template, 'Employment Contract - 정하늘', creator, now - 4 * DAY_MS);
	waiting.fields = waiting.fields.map((field) => ({ ...field, value: { name: '정하늘', amount: '48000000', date: '2025-06-01', position: 'Analyst' }[field.id] ?? '' }));
	waiting.steps = approvalSteps(fixedUuid(`${approvalId}:outside-token:2`));
	waiting.phase = 'in_progress';
	waiting.status_type = '010';
	waiting.current_seq = 1;
	waiting.updated_date = waiting.created_date + HOUR_MS;
	waiting.histories = [
		history(fixedId(`${approvalId}:history:0`), 0, start, '002', creator, waiting.created_date),
		history(fixedId(`${approvalId}:history:1`), 1, waiting.steps[0], '010', creator, waiting.updated_date),
	];
	state.documents.set(approvalId, waiting);
}

function creatorOf(context: SandboxContext, init: ExtraDocumentInit): Party {
	const accountId = init.creator ?? context.demo.memberId;
	if (!context.state.members.has(accountId)) throw new Error(`unknown member ${accountId}`);
	return memberParty(context.state, accountId);
}

/** A new document of the contract template waiting at its approval step: doc_create, doc_request_approval. */
export function createApprovalDocument(context: SandboxContext, init: ExtraDocumentInit = {}): DocumentRecord {
	const template = context.state.templates.get(context.demo.templateIds.contract);
	if (!template) throw new Error('the contract template is gone');
	return createDocument(context, {
		template,
		creator: creatorOf(context, init),
		document_name: init.document_name ?? 'Employment Contract - 정하늘',
		comment: '',
		fields: template.fields.map((field) => ({ id: field.id, value: '', type: 'string' })),
		ignored_field_ids: [],
		parameters: [],
		steps: approvalSteps(randomToken()),
	});
}

/** A new "my file" draft with one saved external recipient: doc_tempsave. */
export function createMyFileDraft(context: SandboxContext, init: ExtraDocumentInit = {}): DocumentRecord {
	return createDocument(context, {
		template: NO_TEMPLATE,
		creator: creatorOf(context, init),
		document_name: init.document_name ?? 'Consulting Agreement (my file)',
		comment: '',
		fields: [],
		ignored_field_ids: [],
		parameters: [],
		steps: myFileSteps(randomToken()),
		draft: true,
		unstructured: true,
	});
}
