// Create, create by an external first writer and get (docs/api/eformsign-api-notes.md, "Create document",
// "Create document (external writer)" and "Get").

import { createdRecipients, parseNewDocument, usableTemplate } from '../documentInput';
import { ApiError, isRecord, json, jsonBody, nonEmptyString, requiredInput } from '../http';
import type { Route } from '../router';
import { memberParty } from '../seed';
import { accessibleDocument, includeFlags, serializeDocument } from '../serialize';
import type { DocumentRecord, Party } from '../state';
import { STATUS_NAMES, createDocument } from '../workflow';

function createdResponse(document: DocumentRecord) {
	return json({
		template_id: document.template_id,
		document: {
			id: document.id,
			document_name: document.document_name,
			document_status: STATUS_NAMES[document.status_type] ?? document.status_type,
		},
		recipients: createdRecipients(document.steps),
	});
}

export const documentRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v2.0/api/documents',
		auth: 'member',
		handle: ({ context, request, member }) => {
			const template = usableTemplate(context, nonEmptyString(request.query.template_id));
			const body = jsonBody(request);
			if (!body || !member) throw requiredInput();
			const input = parseNewDocument(context, template, body.document, memberParty(context.state, member.account_id));
			return createdResponse(createDocument(context, input));
		},
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/documents/external',
		auth: 'apiKey',
		handle: ({ context, request }) => {
			const companyId = nonEmptyString(request.query.company_id);
			if (!companyId) throw requiredInput();
			if (companyId !== context.state.company.company_id) throw new ApiError('4000005', 'Invalid company.');
			const template = usableTemplate(context, nonEmptyString(request.query.template_id));
			if (!template.allow_url_creation) throw new ApiError('4000115', 'This domain cannot be accessed.');
			const body = jsonBody(request);
			if (!body || !isRecord(body.document)) throw requiredInput();
			const sendPdf = isRecord(body.document.send_external_pdf) ? body.document.send_external_pdf : {};
			const externalId = nonEmptyString(sendPdf.email) ?? 'external-writer';
			const creator: Party = { recipient_type: '02', id: externalId, name: externalId };
			const input = parseNewDocument(context, template, body.document, creator, { requireRecipients: true });
			return createdResponse(createDocument(context, input));
		},
	},
	{
		method: 'GET',
		pattern: '/v2.0/api/documents/:document_id',
		auth: 'access',
		handle: ({ context, request, member }) => {
			const document = accessibleDocument(context, request.params.document_id, member);
			return json(serializeDocument(context, document, includeFlags(request.query)));
		},
	},
];
