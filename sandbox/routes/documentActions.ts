// Document actions: delete, cancel, re-request, member decline and external decline
// (docs/api/eformsign-api-notes.md, "Delete", "Cancel", "Resend", "Decline" and "External decline").

import type { SandboxContext } from '../context';
import { WORKFLOW_MISMATCH, parseRecipient } from '../documentInput';
import { ApiError, completed, isRecord, json, jsonBody, looseInteger, nonEmptyString, queryFlag, requiredInput } from '../http';
import type { Route } from '../router';
import { memberParty } from '../seed';
import { accessibleDocument } from '../serialize';
import type { DocumentRecord, MemberRecord, Party } from '../state';
import { STATUS_NAMES, cancelDocument, deleteDocument, rejectStep, rerequestStep } from '../workflow';

interface FailedId {
	document_id: string;
	code: string;
	message: string;
}

function documentIds(value: unknown): string[] {
	if (!Array.isArray(value) || value.length === 0 || !value.every((id) => typeof id === 'string')) {
		throw requiredInput();
	}
	return value;
}

function optionalComment(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') throw requiredInput();
	return value;
}

/** Who acts: the token's member, or the company itself for company tokens. */
function actor(context: SandboxContext, member: MemberRecord | undefined): Party {
	if (member) return memberParty(context.state, member.account_id);
	return { recipient_type: '01', id: context.state.company.company_id, name: context.state.company.name };
}

function mayManage(member: MemberRecord | undefined, document: DocumentRecord): boolean {
	if (!member) return true;
	if (member.role.some((role) => ['admin', 'company_manager', 'document_manager'].includes(role))) return true;
	return document.creator.id === member.account_id;
}

function progressAnswer(document: DocumentRecord) {
	return json({
		document_title: document.document_name,
		code: '-1',
		document_status: STATUS_NAMES[document.status_type] ?? document.status_type,
		document_id: document.id,
		message: 'Completed.',
		status: '200',
	});
}

/** previous_steps as an array, number or digit string (docs/api/eformsign-api-notes.md, "Variants eformsign accepts"). */
function previousSteps(value: unknown): number {
	const first = Array.isArray(value) ? value[0] : value;
	const steps = looseInteger(first);
	if (steps === undefined) throw requiredInput();
	return steps;
}

export const documentActionRoutes: Route[] = [
	{
		method: 'DELETE',
		pattern: '/v2.0/api/documents',
		auth: 'access',
		handle: ({ context, request, member }) => {
			const body = jsonBody(request);
			if (!body) throw requiredInput();
			const ids = documentIds(body.document_ids);
			const comment = optionalComment(body.comment);
			const permanent = queryFlag(request.query, 'is_permanent');
			const succeeded: string[] = [];
			const failed: FailedId[] = [];
			for (const id of ids) {
				const document = context.state.documents.get(id);
				if (!document) {
					failed.push({ document_id: id, code: '4000004', message: 'The document does not exist.' });
				} else if (document.trashed && !permanent) {
					failed.push({ document_id: id, code: '4000006', message: 'The document has been deleted.' });
				} else if (!mayManage(member, document)) {
					failed.push({ document_id: id, code: '4000164', message: 'You have no permission to delete the document.' });
				} else {
					deleteDocument(context, document, actor(context, member), comment, permanent);
					succeeded.push(id);
				}
			}
			return completed({ result: { success_result: succeeded, fail_result: failed } });
		},
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/documents/cancel',
		auth: 'access',
		handle: ({ context, request, member }) => {
			const body = jsonBody(request);
			if (!body || !isRecord(body.input)) throw requiredInput();
			const ids = documentIds(body.input.document_ids);
			const comment = optionalComment(body.input.comment);
			const succeeded: string[] = [];
			const failed: FailedId[] = [];
			const fail = (id: string, code: string, message: string) => failed.push({ document_id: id, code, message });
			for (const id of ids) {
				const document = context.state.documents.get(id);
				if (!document) fail(id, '4000004', 'The document does not exist.');
				else if (document.trashed) fail(id, '4000006', 'The document has been deleted.');
				else if (document.phase === 'cancelled') fail(id, '4000166', 'The document has already been cancelled.');
				else if (document.phase === 'completed') fail(id, '4000029', 'This document has already proceeded.');
				else if (!mayManage(member, document)) fail(id, '4000169', 'You are not authorized to revoke the document.');
				else {
					cancelDocument(context, document, actor(context, member), comment);
					succeeded.push(id);
				}
			}
			return json({ result: { success_result: succeeded, fail_result: failed } });
		},
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/documents/:document_id/re_request_outsider',
		auth: 'access',
		handle: ({ context, request, member }) => {
			const document = accessibleDocument(context, request.params.document_id, member);
			const body = jsonBody(request);
			const nextSteps = body && isRecord(body.input) ? body.input.next_steps : undefined;
			if (!Array.isArray(nextSteps) || nextSteps.length === 0) throw requiredInput();
			if (document.phase !== 'in_progress') throw new ApiError('4000029', 'This document has already proceeded.');
			const answered: Array<Record<string, unknown>> = [];
			for (const rawStep of nextSteps) {
				if (!isRecord(rawStep)) throw requiredInput();
				const seq = looseInteger(rawStep.step_seq);
				if (seq === undefined) throw requiredInput();
				const step = document.steps[seq - 1];
				if (!step || seq > document.current_seq) throw new ApiError('4000012', WORKFLOW_MISMATCH);
				if (seq < document.current_seq) throw new ApiError('4000029', 'This document has already proceeded.');
				const stepType = nonEmptyString(rawStep.step_type);
				if (stepType && ['05', '06', '07'].includes(stepType) && stepType !== step.step_type) {
					throw new ApiError('4000012', WORKFLOW_MISMATCH);
				}
				const rawRecipients = rawStep.recipients;
				if (!Array.isArray(rawRecipients) || rawRecipients.length === 0) throw requiredInput();
				step.recipients = rawRecipients.map((recipient: unknown) => parseRecipient(context, recipient));
				const comment = typeof rawStep.comment === 'string' ? rawStep.comment : '';
				rerequestStep(context, document, step, actor(context, member), comment);
				for (const recipient of step.recipients) {
					answered.push({
						step_seq: String(step.seq),
						name: recipient.name,
						id: recipient.id,
						sms: recipient.sms ?? { country_code: '', phone_number: '' },
						token_id: recipient.token_id,
						sms_template_index: recipient.sms_template_index,
					});
				}
			}
			return completed({ recipients: answered });
		},
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/documents/:document_id/decline',
		auth: 'member',
		handle: ({ context, request, member }) => {
			const document = accessibleDocument(context, request.params.document_id, member);
			if (document.phase !== 'in_progress') {
				throw new ApiError('5000071', 'Cannot get information about document progress.');
			}
			const step = document.steps[document.current_seq - 1];
			const isAdmin = member?.role.includes('admin') ?? false;
			const isAsked = step.recipients.some((recipient) =>
				recipient.group_id
					? (context.state.groups.get(recipient.group_id)?.members.includes(member?.account_id ?? '') ?? false)
					: recipient.id === member?.account_id,
			);
			if (!isAsked && !isAdmin) {
				throw new ApiError('4000034', 'You have no access authority to the requested document.');
			}
			const body = jsonBody(request) ?? {};
			const steps = previousSteps(body.previous_steps);
			// Negative = that many steps back (-1 = previous); 0 or more = that workflow position.
			const target = steps < 0 ? document.current_seq + steps : steps;
			if (target < 0 || target >= document.current_seq) throw new ApiError('4000012', WORKFLOW_MISMATCH);
			const comment = optionalComment(body.comment);
			rejectStep(context, document, comment, target, member ? memberParty(context.state, member.account_id) : undefined);
			return progressAnswer(document);
		},
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/documents/:document_id/external_decline',
		auth: 'apiKey',
		handle: ({ context, request }) => {
			const companyId = nonEmptyString(request.query.company_id);
			const outsideToken = nonEmptyString(request.query.outside_token);
			if (!companyId || !outsideToken) throw requiredInput();
			if (companyId !== context.state.company.company_id) throw new ApiError('4000005', 'Invalid company.');
			const document = context.state.documents.get(request.params.document_id);
			if (!document) throw new ApiError('4000004', 'The document does not exist.');
			if (document.trashed) throw new ApiError('4000006', 'The document has been deleted.');
			const step = document.steps.find((candidate) =>
				candidate.recipients.some((recipient) => recipient.recipient_type === '02' && recipient.token_id === outsideToken),
			);
			if (!step) throw new ApiError('5000076', 'The non-member request info does not exist.');
			if (document.phase !== 'in_progress' || step.seq !== document.current_seq) {
				throw new ApiError('4000029', 'This document has already proceeded.');
			}
			const body = jsonBody(request) ?? {};
			const recipient = step.recipients.find((candidate) => candidate.token_id === outsideToken);
			const executor: Party = { recipient_type: '02', id: recipient?.id ?? '', name: recipient?.name ?? '' };
			rejectStep(context, document, optionalComment(body.comment), 0, executor);
			return progressAnswer(document);
		},
	},
];
