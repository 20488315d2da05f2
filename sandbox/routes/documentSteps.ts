// Moving a document to its next step from outside the usual signing: sending a "my file" draft and
// the decision of an integrated approval made in the company's own system
// (docs/api/eformsign-api-notes.md, "Send a draft", "Integrated approval").

import type { SandboxContext } from '../context';
import { ApiError, isRecord, json, jsonBody, looseBoolean, nonEmptyString, requiredInput } from '../http';
import type { Route } from '../router';
import { memberParty } from '../seed';
import type { DocumentRecord, MemberRecord, Party } from '../state';
import { STATUS_NAMES, acceptStep, rejectStep, sendDraft } from '../workflow';

const MANAGER_ROLES = ['admin', 'company_manager', 'document_manager'];

function existingDocument(context: SandboxContext, documentId: string): DocumentRecord {
	const document = context.state.documents.get(documentId);
	if (!document) throw new ApiError('4000004', 'The document does not exist.');
	if (document.trashed) throw new ApiError('4000006', 'The document has been deleted.');
	return document;
}

/** The creator, administrators and document managers; company tokens (the integration) too. */
function mayDecide(member: MemberRecord | undefined, document: DocumentRecord): boolean {
	if (!member) return true;
	return member.role.some((role) => MANAGER_ROLES.includes(role)) || document.creator.id === member.account_id;
}

function optionalText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') throw new ApiError('4000070', 'Invalid input JSON format.');
	return value;
}

/** executor_id / executor_name / comment, from wherever the endpoint expects them. */
function decision(fields: Record<string, unknown> | undefined) {
	const executorId = nonEmptyString(fields?.executor_id)?.trim();
	const executorName = nonEmptyString(fields?.executor_name)?.trim();
	if (!fields || !executorId || !executorName) throw requiredInput();
	return { executorId, executorName, comment: optionalText(fields.comment) };
}

/** The approver of the company's own system: a member when the id is one, otherwise an outsider. */
function approver(context: SandboxContext, id: string, name: string): Party {
	if (context.state.members.has(id)) return memberParty(context.state, id);
	return { recipient_type: '02', id, name };
}

/**
 * The document must wait at an integrated-approval step: otherwise 5000071 when it waits for no
 * one at all, 4000029 when it waits at another kind of step (both CONFIRMED codes; which applies
 * when is INFERRED).
 */
function waitingApproval(context: SandboxContext, documentId: string, member: MemberRecord | undefined, approving: boolean): DocumentRecord {
	const document = existingDocument(context, documentId);
	if (!mayDecide(member, document)) throw new ApiError('4030009', 'You do not have access.');
	if (approving) {
		const template = context.state.templates.get(document.template_id);
		if (!template || template.deleted) throw new ApiError('4000046', 'There is no template.');
	}
	if (document.histories.length === 0) throw new ApiError('4000066', 'No document history exists.');
	if (document.phase !== 'in_progress') throw new ApiError('5000071', 'Cannot get information about document progress.');
	if (document.steps[document.current_seq - 1]?.step_type !== '02') {
		throw new ApiError('4000029', 'This document has already proceeded.');
	}
	return document;
}

const decided = (document: DocumentRecord) => json({ document_title: document.document_name, document_id: document.id });

export const documentStepRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v2.0/api/documents/:document_id/send',
		// Checked here rather than by the router: a company token gets 4030001 (OPA-CAT, INFERRED).
		auth: 'access',
		handle: ({ context, request, member }) => {
			if (!member) throw new ApiError('4030001', 'The member does not exist.');
			const document = existingDocument(context, request.params.document_id);
			const isAdmin = member.role.includes('admin');
			if (document.creator.id !== member.account_id && !isAdmin) {
				throw new ApiError('4030009', 'You do not have access.');
			}
			if (!document.unstructured) throw new ApiError('4000179', 'The document is not an unstructured type.');
			if (document.phase !== 'draft') throw new ApiError('4000180', 'The document status is not draft.');
			if (document.steps.length === 0) throw new ApiError('4000073', 'No step settings information exists.');
			const body = jsonBody(request) ?? {};
			const comment = optionalText(body.comment);
			const removeMark = body.remove_company_stamp_mark === undefined ? false : looseBoolean(body.remove_company_stamp_mark);
			if (removeMark === undefined) throw new ApiError('4000070', 'Invalid input JSON format.');
			document.remove_company_stamp_mark = removeMark;
			sendDraft(context, document, memberParty(context.state, member.account_id), comment);
			return json({
				document_title: document.document_name,
				document_status: STATUS_NAMES[document.status_type] ?? document.status_type,
				document_id: document.id,
			});
		},
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/documents/:document_id/send_external_approval',
		auth: 'access',
		handle: ({ context, request, member }) => {
			const body = jsonBody(request);
			// Approve wraps its fields in `input` (OPA2_043); a flat body has no executor here.
			const { executorId, executorName, comment } = decision(body && isRecord(body.input) ? body.input : undefined);
			const document = waitingApproval(context, request.params.document_id, member, true);
			acceptStep(context, document, comment, approver(context, executorId, executorName));
			return decided(document);
		},
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/documents/:document_id/decline_external_approval',
		auth: 'access',
		handle: ({ context, request, member }) => {
			// Decline is flat (OPA2_044); a body wrapped in `input` has no executor at the top.
			const { executorId, executorName, comment } = decision(jsonBody(request));
			const document = waitingApproval(context, request.params.document_id, member, false);
			const step = document.steps[document.current_seq - 1];
			// Back to the previous party: the step before, or the creator when approval came first.
			rejectStep(context, document, comment, step.seq - 1, approver(context, executorId, executorName));
			return decided(document);
		},
	},
];
