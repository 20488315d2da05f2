// Bulk creation: one template, or one template per document (docs/api/eformsign-api-notes.md,
// "Bulk create"). Each document is validated on its own; failures are reported by index and do
// not stop the others.

import type { SandboxContext } from '../context';
import { parseNewDocument, usableTemplate } from '../documentInput';
import { ApiError, completed, isRecord, jsonBody, nonEmptyString, requiredInput } from '../http';
import { randomId } from '../ids';
import type { Route } from '../router';
import { memberParty } from '../seed';
import type { Party, TemplateRecord } from '../state';
import { createDocument } from '../workflow';

/** Documents per bulk request; more answers 4000001 (eformsign documents no limit, see README). */
const MAX_MASS_DOCUMENTS = 100;

interface FailedIndex {
	index: number;
	code: string;
	message: string;
}

function massDocuments(body: Record<string, unknown> | undefined): unknown[] {
	const documents = body?.documents;
	if (!Array.isArray(documents) || documents.length === 0) throw requiredInput();
	if (documents.length > MAX_MASS_DOCUMENTS) {
		throw requiredInput(`Too many documents: at most ${MAX_MASS_DOCUMENTS} documents per request.`);
	}
	return documents;
}

function createAll(
	context: SandboxContext,
	documents: unknown[],
	creator: Party,
	comment: string | undefined,
	templateFor: (document: unknown) => TemplateRecord,
) {
	const requestId = randomId();
	const succeeded: number[] = [];
	const failed: FailedIndex[] = [];
	documents.forEach((rawDocument, index) => {
		try {
			const template = templateFor(rawDocument);
			const input = parseNewDocument(context, template, rawDocument, creator, { comment, massJobRequestId: requestId });
			createDocument(context, input);
			succeeded.push(index);
		} catch (error) {
			// Anything unexpected is reported like eformsign's generic creation failure.
			const reason = error instanceof ApiError ? error : new ApiError('5000004', 'Failed to create the document.');
			failed.push({ index, code: reason.code, message: reason.message });
		}
	});
	return completed({ result: { success_result: succeeded, request_id: requestId, fail_result: failed } });
}

export const massRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v2.0/api/forms/mass_documents',
		auth: 'member',
		handle: ({ context, request, member }) => {
			const template = usableTemplate(context, nonEmptyString(request.query.template_id));
			const body = jsonBody(request);
			const documents = massDocuments(body);
			const comment = typeof body?.comment === 'string' ? body.comment : undefined;
			const creator = memberParty(context.state, member?.account_id ?? '');
			return createAll(context, documents, creator, comment, () => template);
		},
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/forms/mass_multi_documents',
		auth: 'member',
		handle: ({ context, request, member }) => {
			const body = jsonBody(request);
			const documents = massDocuments(body);
			// A missing template_id fails the whole request with Spring's raw message
			// (docs/api/eformsign-api-notes.md, "Bulk create").
			if (!documents.every((document) => isRecord(document) && nonEmptyString(document.template_id))) {
				throw new ApiError('400', "Required String parameter 'template_id' is not present");
			}
			const comment = typeof body?.comment === 'string' ? body.comment : undefined;
			const creator = memberParty(context.state, member?.account_id ?? '');
			return createAll(context, documents, creator, comment, (document) =>
				usableTemplate(context, isRecord(document) ? nonEmptyString(document.template_id) : undefined),
			);
		},
	},
];
