// Builds documents directly in a given state, with a believable history and no webhooks: the
// seeded demo documents and the bulk documents of paging tests and benchmarks.

import { fixedId, fixedUuid, randomId } from './ids';
import type {
	DocumentPhase,
	DocumentRecord,
	DocumentStep,
	HistoryRecord,
	Party,
	RecipientRecord,
	SandboxState,
	TemplateRecord,
} from './state';
import type { DocumentInit } from './types';
import { COMPLETE_STEP_NAME, START_STEP_NAME, stepKind, stepParty } from './workflow';

export interface DocumentSpec {
	id: string;
	template: TemplateRecord;
	document_name: string;
	creator: Party;
	created_date: number;
	updated_date: number;
	/** current_status.status_type; '001' draft, '003' completed, '042' cancelled, others in progress. */
	status_type: string;
	/** One recipient per template step (ignored for drafts). */
	recipients: Array<Pick<RecipientRecord, 'recipient_type' | 'id' | 'name' | 'email'>>;
	/** Step waiting for action when in progress, default 1. */
	current_seq?: number;
	fields: Record<string, string>;
	attachments?: Array<{ name: string; content: string }>;
}

function phaseOf(statusType: string): DocumentPhase {
	if (statusType === '001') return 'draft';
	if (statusType === '003') return 'completed';
	if (statusType === '042') return 'cancelled';
	if (statusType === '061' || statusType === '071') return 'rejected';
	return 'in_progress';
}

export function materializeDocument(spec: DocumentSpec): DocumentRecord {
	const phase = phaseOf(spec.status_type);
	const steps: DocumentStep[] =
		phase === 'draft'
			? []
			: spec.template.steps.map((templateStep, index) => {
					const recipient = spec.recipients[index] ?? spec.recipients[spec.recipients.length - 1];
					const isExternal = recipient.recipient_type === '02';
					return {
						seq: index + 1,
						step_type: templateStep.step_type,
						step_name: templateStep.step_name,
						recipients: [
							{
								...recipient,
								use_mail: true,
								use_sms: false,
								token_id: isExternal ? fixedUuid(`${spec.id}:outside-token:${index + 1}`) : '',
								complete_token_id:
									isExternal && phase === 'completed' ? fixedUuid(`${spec.id}:complete-token:${index + 1}`) : '',
								sms_template_index: 0,
							},
						],
					};
				});
	let currentSeq = 0;
	if (phase === 'completed') currentSeq = steps.length + 1;
	if (phase === 'in_progress' || phase === 'cancelled') {
		currentSeq = Math.min(Math.max(spec.current_seq ?? 1, 1), steps.length);
	}

	const histories: HistoryRecord[] = [];
	// Spread the history between creation and the last update so dates stay ordered.
	const addHistory = (seq: number, actionType: string, executor: Party) => {
		const step = steps[seq - 1];
		histories.push({
			id: fixedId(`${spec.id}:history:${histories.length}`),
			step_seq: seq,
			step_type: seq === 0 ? '00' : seq > steps.length ? '01' : step.step_type,
			step_name: seq === 0 ? START_STEP_NAME : seq > steps.length ? COMPLETE_STEP_NAME : step.step_name,
			action_type: actionType,
			executor,
			executed_date: 0,
			comment: '',
		});
	};
	addHistory(0, phase === 'draft' ? '001' : '002', spec.creator);
	const lastAccepted = phase === 'completed' ? steps.length : currentSeq - 1;
	let requester = spec.creator;
	for (const step of steps.slice(0, Math.max(lastAccepted, 0))) {
		addHistory(step.seq, stepKind(step.step_type).request.action, requester);
		requester = stepParty(step);
		addHistory(step.seq, stepKind(step.step_type).accept.action, requester);
	}
	if (phase === 'in_progress' || phase === 'cancelled') {
		addHistory(currentSeq, stepKind(steps[currentSeq - 1].step_type).request.action, requester);
	}
	if (phase === 'completed') addHistory(steps.length + 1, '003', requester);
	if (phase === 'cancelled') addHistory(currentSeq, '042', spec.creator);
	const span = Math.max(spec.updated_date - spec.created_date, 0);
	histories.forEach((history, index) => {
		history.executed_date =
			histories.length === 1
				? spec.created_date
				: spec.created_date + Math.round((span * index) / (histories.length - 1));
	});
	steps.forEach((step) => {
		const accepted = histories.find(
			(history) => history.step_seq === step.seq && history.action_type === stepKind(step.step_type).accept.action,
		);
		if (accepted) step.executed_date = accepted.executed_date;
	});

	const templateFieldIds = new Set(spec.template.fields.map((field) => field.id));
	return {
		id: spec.id,
		document_number: `SBX-${spec.id.slice(0, 8).toUpperCase()}`,
		template_id: spec.template.form_id,
		template_name: spec.template.name,
		template_version: spec.template.version,
		document_name: spec.document_name,
		creator: spec.creator,
		created_date: spec.created_date,
		last_editor: histories[histories.length - 1].executor,
		updated_date: spec.updated_date,
		phase,
		status_type: spec.status_type,
		current_seq: currentSeq,
		steps,
		fields: spec.template.fields.map((field) => ({
			id: field.id,
			value: templateFieldIds.has(field.id) ? (spec.fields[field.id] ?? '') : '',
			type: field.type === 'signature' ? 'binary' : 'string',
		})),
		ignored_field_ids: [],
		parameters: [],
		histories,
		comment: '',
		trashed: false,
		mass_job_request_id: '',
		pdf_pending_polls: 0,
		attachments: spec.attachments ?? [],
	};
}

let bulkCounter = 0;

/** Bulk documents for paging tests and benchmarks (no webhooks; PDFs ready). */
export function bulkDocuments(
	state: SandboxState,
	defaults: { templateId: string; creatorId: string; now: number },
	count: number,
	init: Partial<DocumentInit>,
): string[] {
	const template = state.templates.get(init.template_id ?? defaults.templateId);
	if (!template) throw new Error(`unknown template ${init.template_id ?? defaults.templateId}`);
	const creatorId = init.creator ?? defaults.creatorId;
	const creatorMember = state.members.get(creatorId);
	const creator: Party = {
		recipient_type: creatorMember ? '01' : '02',
		id: creatorId,
		name: creatorMember?.name ?? creatorId,
	};
	const ids: string[] = [];
	for (let index = 0; index < count; index++) {
		bulkCounter++;
		// Distinct, increasing dates keep "newest first" paging deterministic.
		const created = init.created_date ?? defaults.now - (count - index) * 1000;
		const updated = init.updated_date ?? Math.max(created, defaults.now - (count - index) * 1000);
		const spec: DocumentSpec = {
			id: randomId(),
			template,
			document_name: init.document_name ?? `Bulk document ${bulkCounter}`,
			creator,
			created_date: created,
			updated_date: updated,
			status_type: init.status ?? '060',
			recipients: template.steps.map((_, step) => ({
				recipient_type: '02' as const,
				id: `bulk-${bulkCounter}-${step + 1}@example.com`,
				name: `Bulk Recipient ${bulkCounter}-${step + 1}`,
				email: `bulk-${bulkCounter}-${step + 1}@example.com`,
			})),
			fields: { name: `Bulk ${bulkCounter}`, ...init.fields },
		};
		state.documents.set(spec.id, materializeDocument(spec));
		ids.push(spec.id);
	}
	return ids;
}
