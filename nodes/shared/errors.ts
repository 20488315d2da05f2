import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

/**
 * eformsign answers errors as `{ code: "4000004", ErrorMessage | message: "…" }`
 * (docs/api/eformsign-api-notes.md, "Errors").
 * Each known code gets a sentence that says how to fix it; n8n shows it as the error description.
 */
export const ERROR_HINTS: Record<string, string> = {
	'2020001':
		'eformsign is still generating the PDF. Raise "Max Wait" in the node options, or download it later (the trigger\'s "PDF Ready" event says when it is ready).',
	'4000001': 'A required value is missing or invalid. Check the fields named in the message.',
	'4000002':
		"The n8n server's clock and eformsign's differ by more than 30 seconds. Synchronise the server clock (NTP).",
	'4000003':
		'Copy it again from Integration > API / Webhook > Manage API key, and check the Token Host (public-sector tenants use https://www.gov-eformsign.com/Service).',
	'4000004': 'No document has this ID. Check the document ID (the "Document ID" column in any document box).',
	'4000008': 'The template has expired or is deactivated. Activate it in eformsign, or pick another template.',
	'4000010': "This template does not allow renaming documents. Leave Document Name empty.",
	'4000011': 'No group has this ID. Pick the group from the list.',
	'4000012':
		"The recipients do not match the template's workflow. Add one recipient per step after the start step, in order, with the step type the template expects.",
	'4000013': 'The date is not valid: use YYYYMM for monthly usage and YYYY for yearly usage.',
	'4000029': 'The document has already moved on to another step.',
	'4000034': 'This member has no access to the document.',
	'4000036':
		"The document is not completed yet, and this works on completed documents only. Start the workflow from the eformsign Trigger's Completed event, or check the document's status with Document > Get.",
	'4000044':
		"This member has no permission on the template. Use a credential whose Member ID is an administrator, the template's owner, or a member allowed to change it.",
	'4000046': 'No template has this ID. Pick the template from the list.',
	'4000065':
		"eformsign could not read the document's files. Try again later; if it persists, check the document in eformsign.",
	// "No document history exists": what to do about it is ours to say, eformsign gives no reason.
	'4000066':
		'eformsign has no history for this document, so it cannot tell which step it is at. Check the document in eformsign.',
	'4000070':
		'eformsign rejected the request body. For member updates, the contact phone numbers must be present (they are sent automatically).',
	// INFERRED when eformsign answers it: the step to act on has no settings in the workflow.
	'4000073':
		'The workflow has no settings for the step. Check the workflow of the template in eformsign (for a "my file" draft: its recipients).',
	'4000074': 'No member has this ID. Use the e-mail address the member signs in with.',
	// INFERRED meaning of "Invalid document type." on Send Completed PDF: the document is not completed.
	'4000081':
		'The document is not of a kind this works on: only completed documents have a final PDF to send. Check its status with Document > Get.',
	'4000087':
		'The document has no files to download (no attachments). Turn off "Attachments Only", or check the document in eformsign.',
	'4000097': 'No member has this ID. Use the e-mail address the member signs in with.',
	'4000115':
		'The template does not allow creating documents by URL. Enable "Allow document creation by URL" on its start step, or use Create with a member token.',
	'4000122': 'A group with this name already exists. Choose another name.',
	'4000123': 'No group has this ID. Pick the group from the list.',
	'4000125': 'Administrator accounts cannot be changed or deactivated through the API.',
	'4000126':
		'The company has reached its member limit, so no more members can be active. Free a seat or raise the limit of the eformsign plan.',
	'4000137': 'An e-mail address is not valid.',
	'4000149': 'The member has already been removed from the company.',
	'4000150': 'No eformsign account has this ID. Use the e-mail address the member signs in with.',
	'4000164': 'This member has no permission to delete the document.',
	'4000166': 'The document is already cancelled.',
	'4000169': 'This member is not allowed to cancel the document: only its creator, an administrator or a document manager can.',
	'4000174': 'Another company stamp already has this name. Choose another name, or update that stamp instead.',
	'4000175': 'No company stamp has this ID. Pick the stamp from the list; it may have been deleted.',
	'4000179':
		'Only drafts made from "my file" (a file uploaded without a template) can be sent this way. A document from a template is sent by creating it with recipients.',
	'4000180': 'The document is not a draft any more: it has already been sent.',
	'4000190':
		'The CC (referers) list is not valid. Enter group IDs and member IDs separated by commas.',
	'4000201':
		'The prepaid documents of the company are used up. Buy more documents in eformsign.',
	// The limit is not documented. The node splits a refused ZIP in two by itself, so this reaches the
	// user only when a single document is refused: INFERRED to be a quota rather than a request size.
	'4000222':
		'eformsign refused even one document, so this is not the number of documents per ZIP: the company may have used up its downloads for now. Try again later, or ask eformsign about the download limit.',
	// Which image defects eformsign answers with 4000229 and which with 4000231 is INFERRED: a file
	// that is not a PNG at all → 4000231, a PNG eformsign cannot process → 4000229
	// (docs/api/eformsign-api-notes.md, "Company stamps").
	'4000229':
		'eformsign could not process the stamp image. Check that the PNG opens in an image viewer, save it again as PNG, and try again.',
	'4000231':
		'eformsign did not accept the stamp image data. Use a PNG image; other formats are refused.',
	'4000249': 'The group name cannot be empty.',
	'4000308':
		'The credits of the company are used up. Top them up in eformsign.',
	'4010001': 'The node renews the access token by itself; if this persists, test the credential.',
	'4010002': 'The node issues a new token by itself; if this persists, test the credential.',
	'4010006': 'The node issues a new token by itself; if this persists, test the credential.',
	'4030001': 'Activate it under Integration > API / Webhook > Manage API key (the Status toggle).',
	'4030004':
		'Check that the private key belongs to this API key and that the key\'s verification type is "eformsign signature".',
	'4030009':
		'Operations that act for a member (creating documents, listing templates) need the Member ID set in the credential.',
	'4030029':
		'Use a credential whose Member ID is the creator, a recipient, or a document manager.',
	'4030041': 'This e-mail address is already used by another eformsign account.',
	'4030034': "Check that the company's eformsign plan includes the Open API.",
	'4030039': 'Copy it again from Integration > API / Webhook > Manage API key, without spaces.',
	// eformsign does not document the size limit behind 4130002.
	'4130002': 'The file is larger than eformsign accepts. Use a smaller image (fewer pixels, or a compressed PNG).',
	'5000004':
		'Check the template, recipients and field values, then try again.',
	'5000071':
		'The document is not waiting for anyone (it is a draft, completed, declined or cancelled), so no step of it can be declined or decided now.',
	'5000076':
		"No external recipient of this document has this outside token. Map outside_token from the trigger's event, or token_id from Get with Include External Tokens.",
	'5000089': 'The document box type is not valid.',
};

/**
 * The Document Management box (04) refused with 4030009: eformsign's own hint for that code speaks
 * of a missing Member ID, which is not the cause here.
 */
export const COMPANY_BOX_REFUSED_HINT =
	'Only administrators and document managers may list the Document Management box, which holds every document of the company. Choose In Progress, Action Required or Completed as the box, or use a credential whose Member ID is an administrator or a document manager.';

const GROUP_OPTION = 'set "Creator\'s Group Name" under Options to one of them';

/**
 * A bare 4000001 on Create without Creator's Group Name: eformsign's answer to a creator in several
 * groups who names none. Says so when `creator` (the credential's member, if known) is in several.
 */
export function creatorGroupHint(creator: { memberId: string; groups: string[] } | undefined): string {
	if (!creator || creator.groups.length < 2) {
		return `A required value is missing. If the member of the credential belongs to two or more groups, eformsign needs to know which one creates the document: ${GROUP_OPTION}. Otherwise check the recipients and field values.`;
	}
	const { memberId, groups } = creator;
	return `The member of the credential (${memberId}) belongs to ${groups.length} groups (${groups.join(', ')}), so eformsign needs to know which one creates the document: ${GROUP_OPTION}.`;
}

/** What went wrong at eformsign, already free of secrets. */
export interface EformsignFailure {
	code?: string;
	message: string;
	httpStatus?: number;
	hint?: string;
}

/**
 * Thrown where no n8n node is at hand (token issuance inside the credential). The transport turns
 * it into a NodeApiError; n8n's credential test shows its message as it is.
 */
export class EformsignAuthError extends Error {
	constructor(readonly failure: EformsignFailure) {
		super(messageWithHint(failure.message, failure.hint));
		this.name = 'EformsignAuthError';
	}
}

/** An error and what caused it, outermost first: walks n8n's NodeApiError wrapper down to what actually failed. */
export function causesOf(error: unknown): unknown[] {
	const chain: unknown[] = [];
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		chain.push(current);
		current = (current as { cause?: unknown }).cause;
	}
	return chain;
}

/** A text's sentences. A new sentence starts after . ! or ? and a space, with a capital or a quote. */
function sentencesOf(text: string): string[] {
	return text
		.trim()
		.split(/(?<=[.!?])\s+(?=[A-Z"(])/)
		.filter((sentence) => sentence !== '');
}

function sameWords(sentence: string): string {
	return sentence
		.replace(/^eformsign:\s*/i, '')
		.replace(/\s*\[code \d+\]$/, '')
		.replace(/[.!?\s]+$/, '')
		.replace(/\s+/g, ' ')
		.toLowerCase();
}

function asSentence(text: string): string {
	const trimmed = text.trim();
	return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The hint without the sentences the message already says. n8n shows an error's message and its
 * description one under the other, and the hints for some codes start by naming the problem that
 * eformsign's own message (or the message the node chose) already names.
 */
function hintBeyond(message: string, hint: string | undefined): string | undefined {
	if (!hint) return undefined;
	const said = new Set(sentencesOf(message).map(sameWords));
	const rest = sentencesOf(hint).filter((sentence) => !said.has(sameWords(sentence)));
	return rest.length > 0 ? rest.join(' ') : undefined;
}

/** Message and hint as one text, for where n8n shows only a message (the credential's "Test"). */
function messageWithHint(message: string, hint: string | undefined): string {
	const rest = hintBeyond(message, hint);
	return rest ? `${asSentence(message)} ${asSentence(rest)}` : message;
}

export function hintFor(code: string | undefined): string | undefined {
	return code ? ERROR_HINTS[code] : undefined;
}

function failureMessage(failure: EformsignFailure): string {
	const text = failure.message.replace(/\.$/, '');
	// Says who answered, unless the text already starts with it ("eformsign rejected the signature").
	const attributed = /^eformsign\b/i.test(text) ? text : `eformsign: ${text}`;
	return failure.code ? `${attributed} [code ${failure.code}]` : attributed;
}

export function toNodeApiError(
	node: INode,
	failure: EformsignFailure,
	itemIndex?: number,
): NodeApiError {
	const description = hintBeyond(failure.message, failure.hint ?? hintFor(failure.code));
	const error = new NodeApiError(node, { ...failure } as unknown as JsonObject, {
		message: failureMessage(failure),
		description,
		httpCode: failure.httpStatus !== undefined ? String(failure.httpStatus) : undefined,
		itemIndex,
	});
	// NodeApiError swaps messages that mention a network code (ECONNRESET…) for a generic "you can
	// retry the request immediately", which is wrong for a create that may have gone through.
	error.message = failureMessage(failure);
	// Without a description NodeApiError takes the failure's `message` as one, so n8n would show the
	// message twice (n8n-workflow, packages/workflow/src/errors/node-api.error.ts).
	error.description = description;
	if (failure.code) error.context.eformsignCode = failure.code;
	return error;
}

/**
 * eformsign's error fields in an answer body: `code` (a string such as "4000004"; "-1" and "200"
 * mean success) and the text in `ErrorMessage`, `message` or `error` (docs/api/eformsign-api-notes.md,
 * "Errors"). The one reader of answer bodies, for API calls and token calls alike.
 */
export function eformsignErrorFields(body: unknown): { code?: string; message?: string } {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
	const value = body as Record<string, unknown>;
	const code = value.code === undefined || value.code === null ? undefined : String(value.code);
	const text = value.ErrorMessage ?? value.message ?? value.error;
	return { code, message: text === undefined || text === null ? undefined : String(text) };
}

/** The eformsign code of an error raised by the transport, if it carries one. */
export function eformsignCodeOf(error: unknown): string | undefined {
	return (error as { context?: { eformsignCode?: string } } | undefined)?.context?.eformsignCode;
}

type FailureExplanations = Record<string, Pick<EformsignFailure, 'message' | 'hint'>>;

/**
 * Runs one eformsign call. When eformsign answers one of the listed codes, the error says what it
 * means for this call (eformsign's own texts are generic: 4000125 says "cannot be deactivated" for
 * any change to an administrator).
 */
export async function explainFailures<T>(
	node: INode,
	call: () => Promise<T>,
	explanations: FailureExplanations,
	itemIndex?: number,
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		const code = eformsignCodeOf(error);
		const explanation = code === undefined ? undefined : explanations[code];
		if (explanation) {
			const httpStatus = Number((error as NodeApiError).httpCode);
			throw toNodeApiError(
				node,
				{ code, httpStatus: Number.isFinite(httpStatus) ? httpStatus : undefined, ...explanation },
				itemIndex,
			);
		}
		if (error instanceof NodeOperationError) throw new NodeOperationError(node, error);
		throw new NodeApiError(node, error as JsonObject);
	}
}
