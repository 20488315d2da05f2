// Validation of the `document` object of create / external create / bulk create with eformsign's
// error codes (docs/api/eformsign-api-notes.md, "Create document" and "Recipients"). Lenient only where
// eformsign is ("Variants eformsign accepts" in docs/api/eformsign-api-notes.md).

import type { SandboxContext } from './context';
import { ApiError, isRecord, isValidEmail, looseBoolean, nonEmptyString, requiredInput } from './http';
import { randomToken } from './ids';
import { activeMember, groupsOfMember } from './state';
import type { DocumentStep, FieldValue, Party, RecipientRecord, TemplateRecord } from './state';
import type { NewDocument } from './workflow';

export const WORKFLOW_MISMATCH = "The next_steps set by the user is inconsistent with the template's workflow settings.";
const NO_CHANNEL = 'Either one of the Email or SMS options must be selected.';
const INVALID_EMAIL = 'This is an invalid email format.';
const RECIPIENT_STEP_TYPES = ['05', '06', '07'];

/** Template must exist (4000046) and be enabled (4000008). */
export function usableTemplate(context: SandboxContext, templateId: string | undefined): TemplateRecord {
	if (!templateId) throw requiredInput();
	const template = context.state.templates.get(templateId);
	if (!template || template.deleted) throw new ApiError('4000046', 'There is no template.');
	if (!template.enabled) {
		throw new ApiError('4000008', 'Cannot create a document because the template has been deactivated.');
	}
	return template;
}

/**
 * One recipient (new shape with `member`, or the legacy flat shape; "Recipients" in
 * docs/api/eformsign-api-notes.md) → a stored recipient.
 */
export function parseRecipient(context: SandboxContext, raw: unknown): RecipientRecord {
	if (!isRecord(raw)) throw requiredInput();
	const useMail = looseBoolean(raw.use_mail) === true;
	const useSms = looseBoolean(raw.use_sms) === true;
	if (!useMail && !useSms) throw requiredInput(NO_CHANNEL);

	const groupId = isRecord(raw.group) ? nonEmptyString(raw.group.id) : undefined;
	if (groupId) {
		const group = context.state.groups.get(groupId);
		if (!group) throw new ApiError('4000011', 'The group does not exist.');
		return {
			recipient_type: '01',
			id: group.id,
			name: group.name,
			email: '',
			group_id: group.id,
			use_mail: useMail,
			use_sms: useSms,
			token_id: '',
			complete_token_id: '',
			sms_template_index: 0,
		};
	}

	// Legacy recipients carry id/name/email/sms at the top level instead of in `member`
	// (docs/api/eformsign-api-notes.md, "Recipients").
	const person = isRecord(raw.member) ? raw.member : raw;
	const id = nonEmptyString(person.id) ?? nonEmptyString(person.email) ?? '';
	const rawSms = isRecord(person.sms) ? person.sms : isRecord(raw.sms) ? raw.sms : undefined;
	const phone = rawSms ? nonEmptyString(rawSms.phone_number) : undefined;
	if (useMail && !id) throw requiredInput();
	if (id && (useMail || id.includes('@')) && !isValidEmail(id)) throw new ApiError('4000137', INVALID_EMAIL);
	if (useSms && (!phone || !/^\+?[\d-]{6,20}$/.test(phone))) throw requiredInput();
	const member = id ? activeMember(context.state, id) : undefined;
	const recipientId = id || phone || '';
	return {
		recipient_type: member ? '01' : '02',
		id: recipientId,
		name: nonEmptyString(person.name) ?? member?.name ?? recipientId,
		email: id.includes('@') ? id : '',
		...(rawSms && phone
			? { sms: { country_code: nonEmptyString(rawSms.country_code) ?? '+82', phone_number: phone } }
			: {}),
		use_mail: useMail,
		use_sms: useSms,
		token_id: member ? '' : randomToken(),
		complete_token_id: '',
		sms_template_index: 0,
	};
}

/** `recipients` (or the legacy `receipients`) → one step per template workflow step. */
function parseSteps(context: SandboxContext, template: TemplateRecord, document: Record<string, unknown>): DocumentStep[] {
	const raw = document.recipients ?? document.receipients;
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) throw requiredInput();
	if (raw.length === 0) return [];
	if (raw.length !== template.steps.length) throw new ApiError('4000012', WORKFLOW_MISMATCH);
	return raw.map((rawRecipient: unknown, index) => {
		const templateStep = template.steps[index];
		const stepType = isRecord(rawRecipient) ? nonEmptyString(rawRecipient.step_type) : undefined;
		if (!stepType) throw requiredInput();
		// Legacy step types (02–04) are accepted for any step; new ones must match the workflow.
		if (RECIPIENT_STEP_TYPES.includes(stepType) && stepType !== templateStep.step_type) {
			throw new ApiError('4000012', WORKFLOW_MISMATCH);
		}
		return {
			seq: index + 1,
			step_type: templateStep.step_type,
			step_name: templateStep.step_name,
			recipients: [parseRecipient(context, rawRecipient)],
		};
	});
}

/** Field values in template order; unknown field ids are accepted and ignored (kept for tests). */
function parseFields(template: TemplateRecord, raw: unknown): { fields: FieldValue[]; ignored: string[] } {
	const values = new Map<string, string>();
	const ignored: string[] = [];
	if (raw !== undefined && raw !== null) {
		if (!Array.isArray(raw)) throw requiredInput();
		for (const field of raw) {
			if (!isRecord(field) || typeof field.id !== 'string') throw requiredInput();
			const value = field.value;
			if (value !== undefined && value !== null && typeof value === 'object') throw requiredInput();
			const text = value === undefined || value === null ? '' : String(value);
			if (template.fields.some((templateField) => templateField.id === field.id)) values.set(field.id, text);
			else ignored.push(field.id);
		}
	}
	return {
		fields: template.fields.map((field) => ({
			id: field.id,
			value: values.get(field.id) ?? '',
			type: field.type === 'signature' ? 'binary' : 'string',
		})),
		ignored,
	};
}

function parseParameters(raw: unknown): Array<{ id: string; value: string }> {
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) throw requiredInput();
	return raw.map((parameter: unknown) => {
		if (!isRecord(parameter) || typeof parameter.id !== 'string') throw requiredInput();
		return { id: parameter.id, value: parameter.value === undefined ? '' : String(parameter.value) };
	});
}

function checkOptionalShapes(document: Record<string, unknown>): void {
	if (document.notification !== undefined && document.notification !== null && !Array.isArray(document.notification)) {
		throw requiredInput();
	}
	const referers = document.referers;
	if (referers !== undefined && referers !== null) {
		const valid =
			isRecord(referers) &&
			(referers.groups === undefined || Array.isArray(referers.groups)) &&
			(referers.members === undefined || Array.isArray(referers.members));
		if (!valid) throw new ApiError('4000190', 'The input value for the CC is in an invalid JSON format.');
	}
	if (document.comment !== undefined && document.comment !== null && typeof document.comment !== 'string') {
		throw requiredInput();
	}
}

/** A creator in two or more groups must name one in select_group_name (docs/api/eformsign-api-notes.md, "Create document"). */
function checkCreatorGroup(context: SandboxContext, creator: Party, document: Record<string, unknown>): void {
	if (creator.recipient_type !== '01') return;
	const groups = groupsOfMember(context.state, creator.id);
	if (groups.length < 2) return;
	const selected = nonEmptyString(document.select_group_name);
	if (!selected) throw requiredInput();
	if (!groups.some((group) => group.name === selected)) throw new ApiError('4000011', 'The group does not exist.');
}

export function parseNewDocument(
	context: SandboxContext,
	template: TemplateRecord,
	rawDocument: unknown,
	creator: Party,
	options: { requireRecipients?: boolean; comment?: string; massJobRequestId?: string } = {},
): NewDocument {
	if (!isRecord(rawDocument)) throw requiredInput();
	const name = rawDocument.document_name;
	if (name !== undefined && name !== null && typeof name !== 'string') throw requiredInput();
	const documentName = nonEmptyString(name) ?? template.default_document_name;
	if (template.title_locked && documentName !== template.default_document_name) {
		throw new ApiError('4000010', "This document's title cannot be changed.");
	}
	const steps = parseSteps(context, template, rawDocument);
	if (options.requireRecipients && steps.length === 0) throw requiredInput();
	const { fields, ignored } = parseFields(template, rawDocument.fields);
	const parameters = parseParameters(rawDocument.parameters);
	checkOptionalShapes(rawDocument);
	checkCreatorGroup(context, creator, rawDocument);
	return {
		template,
		creator,
		document_name: documentName,
		comment: (typeof rawDocument.comment === 'string' ? rawDocument.comment : undefined) ?? options.comment ?? '',
		fields,
		ignored_field_ids: ignored,
		parameters,
		steps,
		mass_job_request_id: options.massJobRequestId,
	};
}

/** The `recipients` part of create responses (docs/api/eformsign-api-notes.md, "Create document"). */
export function createdRecipients(steps: DocumentStep[]) {
	return steps.flatMap((step) =>
		step.recipients.map((recipient) => ({
			member: {
				name: recipient.name,
				id: recipient.id,
				sms: recipient.sms ?? { country_code: '', phone_number: '' },
				token_id: recipient.token_id,
				sms_template_index: recipient.sms_template_index,
			},
		})),
	);
}
