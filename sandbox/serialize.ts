// The document object as Get and the document list return it (docs/api/eformsign-api-notes.md, "The document
// object"). Optional parts are only filled when their include_* query flag is "true", like the real
// server (empty otherwise).

import type { SandboxContext } from './context';
import { ApiError, queryFlag } from './http';
import type { DocumentRecord, DocumentStep, MemberRecord, RecipientRecord } from './state';
import { COMPLETE_STEP_NAME, START_STEP_NAME, STATUS_NAMES, stepKind } from './workflow';

const DAY_MS = 24 * 60 * 60 * 1000;
const REQUEST_LINK_DAYS = 7;

interface IncludeFlags {
	fields: boolean;
	histories: boolean;
	previousStatus: boolean;
	nextStatus: boolean;
	externalToken: boolean;
	detailTemplateInfo: boolean;
}

export function includeFlags(query: Record<string, string>): IncludeFlags {
	return {
		fields: queryFlag(query, 'include_fields'),
		histories: queryFlag(query, 'include_histories'),
		previousStatus: queryFlag(query, 'include_previous_status'),
		nextStatus: queryFlag(query, 'include_next_status'),
		externalToken: queryFlag(query, 'include_external_token'),
		detailTemplateInfo: queryFlag(query, 'include_detail_template_info'),
	};
}

/** Readable by company tokens, managers, the creator and the document's recipients (else 4000034). */
export function canAccessDocument(
	context: SandboxContext,
	member: MemberRecord | undefined,
	document: DocumentRecord,
): boolean {
	if (!member) return true;
	if (member.role.some((role) => ['admin', 'company_manager', 'document_manager'].includes(role))) return true;
	if (document.creator.id === member.account_id) return true;
	return document.steps.some((step) =>
		step.recipients.some((recipient) =>
			recipient.group_id
				? (context.state.groups.get(recipient.group_id)?.members.includes(member.account_id) ?? false)
				: recipient.id === member.account_id,
		),
	);
}

/** The document for a read/write call: 4000004 unknown, 4000006 trashed, 4000034 no access. */
export function accessibleDocument(
	context: SandboxContext,
	documentId: string,
	member: MemberRecord | undefined,
	noAccess = new ApiError('4000034', 'You have no access authority to the requested document.'),
): DocumentRecord {
	const document = context.state.documents.get(documentId);
	if (!document) throw new ApiError('4000004', 'The document does not exist.');
	if (document.trashed) throw new ApiError('4000006', 'The document has been deleted.');
	if (!canAccessDocument(context, member, document)) throw noAccess;
	return document;
}

function stepRecipient(recipient: RecipientRecord) {
	return { recipient_type: recipient.recipient_type, id: recipient.id, name: recipient.name, email: recipient.email };
}

function currentStatus(document: DocumentRecord) {
	const base = {
		status_type: document.status_type,
		status_doc_type: STATUS_NAMES[document.status_type] ?? document.status_type,
		status_doc_detail: document.phase,
	};
	if (document.phase === 'in_progress') {
		const step = document.steps[document.current_seq - 1];
		const requested = [...document.histories].reverse().find((history) => history.step_seq === step.seq);
		const expires = (requested?.executed_date ?? document.updated_date) + REQUEST_LINK_DAYS * DAY_MS;
		return {
			...base,
			step_type: step.step_type,
			step_index: String(step.seq),
			step_name: step.step_name,
			step_recipients: step.recipients.map(stepRecipient),
			step_group: step.seq,
			expired_date: expires,
			_expired: false,
		};
	}
	const atEnd = document.phase === 'completed';
	return {
		...base,
		step_type: atEnd ? '01' : '00',
		step_index: String(atEnd ? document.steps.length + 1 : 0),
		step_name: atEnd ? COMPLETE_STEP_NAME : START_STEP_NAME,
		step_recipients: atEnd ? [] : [{ ...document.creator, email: document.creator.id.includes('@') ? document.creator.id : '' }],
		step_group: atEnd ? document.steps.length + 1 : 0,
		expired_date: 0,
		_expired: false,
	};
}

function nextStatus(document: DocumentRecord) {
	if (document.phase !== 'in_progress' && document.phase !== 'draft') return [];
	const upcoming: DocumentStep[] = document.steps.filter((step) => step.seq > document.current_seq);
	return [
		...upcoming.map((step) => ({
			step_type: step.step_type,
			step_name: step.step_name,
			step_recipients: step.recipients.map(stepRecipient),
			execute_date: 0,
			status_type: '01',
			step_group: step.seq,
		})),
		{
			step_type: '01',
			step_name: COMPLETE_STEP_NAME,
			step_recipients: [],
			execute_date: 0,
			status_type: '03',
			step_group: document.steps.length + 1,
		},
	];
}

function isRequestAction(document: DocumentRecord, actionType: string, stepSeq: number): boolean {
	const step = document.steps[stepSeq - 1];
	if (!step) return false;
	const kind = stepKind(step.step_type);
	return actionType === kind.request.action || actionType === kind.rerequest.action;
}

export function serializeDocument(context: SandboxContext, document: DocumentRecord, flags: IncludeFlags) {
	const template = context.state.templates.get(document.template_id);
	const histories = document.histories.map((history) => ({
		step_type: history.step_type,
		step_name: history.step_name,
		action_type: history.action_type,
		executor: history.executor,
		executed_date: history.executed_date,
		comment: history.comment,
		sms_histories: [],
	}));
	return {
		id: document.id,
		document_number: document.document_number,
		template: { id: document.template_id, name: document.template_name },
		document_name: document.document_name,
		creator: document.creator,
		created_date: document.created_date,
		last_editor: document.last_editor,
		updated_date: document.updated_date,
		current_status: currentStatus(document),
		fields: flags.fields ? document.fields.map((field) => ({ ...field })) : [],
		next_status: flags.nextStatus ? nextStatus(document) : [],
		previous_status: flags.previousStatus
			? document.histories
					.filter((history) => !isRequestAction(document, history.action_type, history.step_seq))
					.map((history) => ({
						step_type: history.step_type,
						step_name: history.step_name,
						action_type: history.action_type,
						executor: history.executor,
						executed_date: history.executed_date,
						step_group: history.step_seq,
					}))
			: [],
		histories: flags.histories ? histories : [],
		recipients: flags.externalToken
			? document.steps.flatMap((step) =>
					step.recipients.map((recipient) => ({
						step_seq: String(step.seq),
						recipient_type: recipient.recipient_type,
						name: recipient.name,
						id: recipient.id,
						email: recipient.email,
						sms: recipient.sms ?? { country_code: '', phone_number: '' },
						token_id: recipient.token_id,
						complete_token_id: recipient.complete_token_id,
						sms_template_index: recipient.sms_template_index,
					})),
				)
			: [],
		detail_template_info:
			flags.detailTemplateInfo && template
				? [
						{
							form_id: template.form_id,
							name: template.name,
							version: template.version,
							category: template.category,
							step_settings: template.steps.map((step, index) => ({ step_seq: index + 1, ...step })),
							fields: template.fields.map((field) => ({ id: field.id, type: field.type, label: field.label })),
						},
					]
				: [],
	};
}
