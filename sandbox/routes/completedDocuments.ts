// What can be done with a completed document: send its PDF to people by e-mail or SMS and extend
// the tokens of its completed-document links by 15 days (docs/api/eformsign-api-notes.md, "Send
// completed PDFs", "Extend completion tokens").

import type { SandboxContext } from '../context';
import { randomId } from '../ids';
import { ApiError, completed, isRecord, isValidEmail, json, jsonBody, looseBoolean, looseInteger, nonEmptyString, requiredInput } from '../http';
import type { Route } from '../router';
import { memberParty } from '../seed';
import { accessibleDocument, canAccessDocument } from '../serialize';
import type { DocumentRecord, MemberRecord, Party } from '../state';
import type { SentPdf } from '../types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The new expiry of an extended complete token: 15 days from the request (documented). */
const COMPLETE_TOKEN_DAYS = 15;
/** Action type of the audit trail for a completed document's PDF sent on ("Code tables"). */
const SEND_PDF_ACTION = '050';
const PHONE = /^\+?[0-9][0-9-]{6,19}$/;
const COUNTRY_CODE = /^\+?[0-9]{1,4}$/;

interface FailedId {
	document_id: string;
	code: string;
	message: string;
}

type Delivery = Omit<SentPdf, 'document_id' | 'at'>;

function optionalObject(value: unknown): Record<string, unknown> {
	if (value === undefined || value === null) return {};
	if (!isRecord(value)) throw new ApiError('4000001', 'Invalid input JSON format.');
	return value;
}

/** One `pdf_send_infos[]` entry; the whole request is refused when one is malformed. */
function parseDelivery(raw: unknown): Delivery {
	if (!isRecord(raw)) throw requiredInput();
	const name = nonEmptyString(raw.name);
	const method = raw.method;
	const methodInfo = nonEmptyString(raw.method_info)?.trim();
	if (!name || (method !== 'email' && method !== 'sms') || !methodInfo) throw requiredInput();
	const alimTalk = raw.is_use_alim_talk === undefined ? false : looseBoolean(raw.is_use_alim_talk);
	if (alimTalk === undefined) throw new ApiError('4000001', 'Invalid input JSON format.');
	const delivery: Delivery = {
		name,
		method,
		method_info: methodInfo,
		send_pdf_option: optionalObject(raw.send_pdf_option),
		is_use_alim_talk: alimTalk,
	};
	optionalObject(raw.sms_option);
	if (method === 'email') {
		// INFERRED code for a malformed address (4000137, as on document creation).
		if (!isValidEmail(methodInfo)) throw new ApiError('4000137', 'This is an invalid email format.');
		return delivery;
	}
	// The runners send `code` with SMS only; treated as required there (INFERRED).
	const code = nonEmptyString(raw.code)?.trim();
	if (!code || !COUNTRY_CODE.test(code) || !PHONE.test(methodInfo)) throw requiredInput();
	return { ...delivery, code };
}

function actor(context: SandboxContext, member: MemberRecord | undefined): Party {
	if (member) return memberParty(context.state, member.account_id);
	return { recipient_type: '01', id: context.state.company.company_id, name: context.state.company.name };
}

/** Why one document cannot be sent (the request itself goes on for the others). */
function refusal(context: SandboxContext, document: DocumentRecord | undefined, member: MemberRecord | undefined): Omit<FailedId, 'document_id'> | undefined {
	if (!document) return { code: '4000004', message: 'The document does not exist.' };
	if (document.trashed) return { code: '4000006', message: 'The document has been deleted.' };
	if (!canAccessDocument(context, member, document)) return { code: '4030009', message: 'You do not have access.' };
	// A document that is not completed has no final PDF to send (INFERRED meaning of 4000081).
	if (document.phase !== 'completed') return { code: '4000081', message: 'Invalid document type.' };
	return undefined;
}

/** The recorded delivery and its audit-trail entry (action 050, INFERRED that eformsign writes one). */
function sendPdf(context: SandboxContext, document: DocumentRecord, deliveries: Delivery[], sender: Party): void {
	const at = context.clock.now();
	for (const delivery of deliveries) context.state.sentPdfs.push({ document_id: document.id, ...delivery, at });
	const to = deliveries.map((delivery) => (delivery.method === 'sms' ? `${delivery.code} ${delivery.method_info}` : delivery.method_info));
	document.histories.push({
		id: randomId(),
		step_seq: document.current_seq,
		step_type: '01',
		step_name: document.histories[document.histories.length - 1]?.step_name ?? '',
		action_type: SEND_PDF_ACTION,
		executor: sender,
		executed_date: at,
		comment: `PDF sent to ${to.join(', ')}`,
	});
}

/** step_seq: [] (every step with a token), numbers, digit strings; "" entries mean nothing (DEMOWEB sends [""]). */
function requestedSteps(body: Record<string, unknown> | undefined): number[] {
	const raw = body?.step_seq;
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) throw new ApiError('4000070', 'Invalid input JSON format.');
	const steps: number[] = [];
	for (const entry of raw) {
		if (entry === '') continue;
		const seq = looseInteger(entry);
		if (seq === undefined) throw new ApiError('4000070', 'Invalid input JSON format.');
		steps.push(seq);
	}
	return steps;
}

export const completedDocumentRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v2.0/api/companies/:company_id/send_multiple_completed_document',
		auth: 'access',
		handle: ({ context, request, member }) => {
			if (request.params.company_id !== context.state.company.company_id) {
				throw new ApiError('4000005', 'The company does not exist.');
			}
			const body = jsonBody(request);
			const sendPdfs = body && isRecord(body.input) ? body.input.send_pdfs : undefined;
			if (!Array.isArray(sendPdfs) || sendPdfs.length === 0) throw requiredInput();
			const requests = sendPdfs.map((entry: unknown) => {
				if (!isRecord(entry)) throw requiredInput();
				const documentId = nonEmptyString(entry.document_id);
				const infos = entry.pdf_send_infos;
				if (!documentId || !Array.isArray(infos) || infos.length === 0) throw requiredInput();
				return { documentId, deliveries: infos.map(parseDelivery) };
			});
			const succeeded: string[] = [];
			const failed: FailedId[] = [];
			for (const { documentId, deliveries } of requests) {
				const document = context.state.documents.get(documentId);
				const refused = refusal(context, document, member);
				if (refused || !document) {
					failed.push({ document_id: documentId, ...(refused ?? { code: '4000004', message: 'The document does not exist.' }) });
					continue;
				}
				sendPdf(context, document, deliveries, actor(context, member));
				succeeded.push(documentId);
			}
			return completed({ result: { success_result: succeeded, fail_result: failed } });
		},
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/documents/:document_id/refresh_complete_token',
		auth: 'access',
		handle: ({ context, request, member }) => {
			const document = accessibleDocument(context, request.params.document_id, member);
			if (document.phase !== 'completed') throw new ApiError('4000036', 'This document is not completed.');
			const wanted = requestedSteps(jsonBody(request));
			const withToken = document.steps.filter((step) => step.recipients.some((recipient) => recipient.complete_token_id));
			for (const seq of wanted) {
				// INFERRED: a step without an external recipient has no token to extend (4000074, "no such member").
				if (!withToken.some((step) => step.seq === seq)) throw new ApiError('4000074', 'The member does not exist.');
			}
			const expires = context.clock.now() + COMPLETE_TOKEN_DAYS * DAY_MS;
			const tokens: Array<{ complete_token_id: string; step_seq: number; expired_date: number }> = [];
			for (const step of withToken) {
				if (wanted.length > 0 && !wanted.includes(step.seq)) continue;
				for (const recipient of step.recipients) {
					if (!recipient.complete_token_id) continue;
					// The same token, valid longer: the links already sent keep working (INFERRED).
					recipient.complete_token_expired_date = expires;
					tokens.push({ complete_token_id: recipient.complete_token_id, step_seq: step.seq, expired_date: expires });
				}
			}
			return json({ complete_tokens: tokens });
		},
	},
];
