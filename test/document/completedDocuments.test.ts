import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, items, runNode } from '../harness/operations';

const sandbox = useSandbox();

const PLAIN_MEMBER = 'jiho.park@sandbox.eformsign.test';
const DAY_MS = 24 * 60 * 60 * 1000;

function sendPdf(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'document',
		operation: 'sendCompletedPdf',
		documentId: byId('={{ $json.id }}'),
		recipients: { recipient: [{ name: '={{ $json.name }}', method: 'email', email: '={{ $json.email }}' }] },
		...extra,
	};
}

describe('Document > Send Completed PDF (POST /v2.0/api/companies/{company_id}/send_multiple_completed_document, "Send completed PDFs")', () => {
	it('sends the documents of all input items in one request, each to the recipient of its own item', async () => {
		const sbx = sandbox();
		const { completed } = sbx.demo.documentIds;
		const [other] = sbx.addDocuments(1, { status: '003' });
		const people = [
			{ id: completed, name: '홍길동', email: 'hong@example.com' },
			{ id: other, name: 'Alice Kim', email: 'alice@example.com' },
		];
		const result = await runNode(sbx, sendPdf(), items(2, (index) => people[index]));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: `/v2.0/api/companies/${sbx.demo.companyId}/send_multiple_completed_document`,
				query: {},
				body: {
					input: {
						send_pdfs: [
							{ document_id: completed, pdf_send_infos: [{ name: '홍길동', sms_option: {}, method: 'email', method_info: 'hong@example.com' }] },
							{ document_id: other, pdf_send_infos: [{ name: 'Alice Kim', sms_option: {}, method: 'email', method_info: 'alice@example.com' }] },
						],
					},
				},
			},
		]);
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ document_id: completed, sent: true, recipients: [{ name: '홍길동', method: 'email', to: 'hong@example.com' }] }, [{ item: 0 }]],
			[{ document_id: other, sent: true, recipients: [{ name: 'Alice Kim', method: 'email', to: 'alice@example.com' }] }, [{ item: 1 }]],
		]);
		expect(sbx.state.sentPdfs.map((sent) => [sent.document_id, sent.method_info])).toEqual([
			[completed, 'hong@example.com'],
			[other, 'alice@example.com'],
		]);
		expect(sbx.state.documents.get(completed)!.histories.at(-1)).toMatchObject({ action_type: '050' });
	});

	it('sends by SMS with +82 unless told otherwise, with the PDF options, and outputs no password', async () => {
		const sbx = sandbox();
		const { completed } = sbx.demo.documentIds;
		const result = await runNode(
			sbx,
			sendPdf({
				recipients: {
					recipient: [
						{ name: '홍길동', method: 'sms', phoneNumber: '010-1234-5678' },
						{ name: 'Kim', method: 'sms', phoneNumber: '2025550143', countryCode: '1' },
					],
				},
				options: { pdfPassword: 'Pdf-Secret-7', hint: 'MMDD', attachAuditTrail: true, sendAsLink: true },
			}),
			[{ json: { id: completed } }],
		);

		expect(result.error).toBeUndefined();
		const option = { auth_pwd: 'Pdf-Secret-7', auth_hint: 'MMDD', attach_audit_pdf: true, use_attach_link: true };
		expect((apiRequests(sbx)[0].body as { input: { send_pdfs: unknown[] } }).input.send_pdfs).toEqual([
			{
				document_id: completed,
				pdf_send_infos: [
					{ name: '홍길동', sms_option: {}, send_pdf_option: option, method: 'sms', method_info: '01012345678', code: '+82' },
					{ name: 'Kim', sms_option: {}, send_pdf_option: option, method: 'sms', method_info: '2025550143', code: '+1' },
				],
			},
		]);
		expect(result.items[0].json.recipients).toEqual([
			{ name: '홍길동', method: 'sms', to: '+82 01012345678' },
			{ name: 'Kim', method: 'sms', to: '+1 2025550143' },
		]);
		expect(JSON.stringify(result.items)).not.toContain('Pdf-Secret-7');
		expect(sbx.state.sentPdfs.map((sent) => sent.code)).toEqual(['+82', '+1']);
	});

	it('reports per document what eformsign refused: not completed (4000081) and unknown (4000004)', async () => {
		const sbx = sandbox();
		const { completed, waitingExternal } = sbx.demo.documentIds;
		const unknown = 'ffffffffffffffffffffffffffffffff';
		const result = await runNode(
			sbx,
			{ ...sendPdf(), source: 'list', documentIds: `${completed}, ${waitingExternal}, ${unknown}` },
			[{ json: { name: '홍길동', email: 'hong@example.com' } }],
		);
		expect(result.error).toBeUndefined();
		expect(apiEntries(sbx)).toHaveLength(1);
		expect(result.items.map((item) => item.json)).toEqual([
			{ document_id: completed, sent: true, recipients: [{ name: '홍길동', method: 'email', to: 'hong@example.com' }] },
			{
				document_id: waitingExternal,
				sent: false,
				recipients: [{ name: '홍길동', method: 'email', to: 'hong@example.com' }],
				code: '4000081',
				message: 'Invalid document type.',
				hint: expect.stringMatching(/only completed documents have a final PDF/) as string,
			},
			{
				document_id: unknown,
				sent: false,
				recipients: [{ name: '홍길동', method: 'email', to: 'hong@example.com' }],
				code: '4000004',
				message: 'The document does not exist.',
				hint: expect.stringMatching(/No document has this ID/) as string,
			},
		]);
	});

	it('reports a member without permission on the document (4030009)', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, sendPdf(), [{ json: { id: sbx.demo.documentIds.completed, name: 'A', email: 'a@example.com' } }], {
			credential: { memberId: PLAIN_MEMBER },
		});
		expect(result.items[0].json).toMatchObject({ sent: false, code: '4030009' });
		expect(sbx.state.sentPdfs).toEqual([]);
	});

	it.each<[string, INodeParameters, string]>([
		['a malformed email address', { name: 'A', method: 'email', email: 'a@example' }, 'The email address "a@example" of Recipient 1 is not valid'],
		['a phone number with letters', { name: 'A', method: 'sms', phoneNumber: '010-CALL-ME' }, 'The phone number "010-CALL-ME" of Recipient 1 is not valid'],
		['a country code that is not one', { name: 'A', method: 'sms', phoneNumber: '01012345678', countryCode: 'Korea' }, 'The country code "Korea" of Recipient 1 is not valid'],
		['a recipient without a name', { name: ' ', method: 'email', email: 'a@example.com' }, 'Recipient 1 has no name'],
	])('refuses %s before sending anything', async (_name, recipient, message) => {
		const sbx = sandbox();
		const result = await runNode(sbx, sendPdf({ recipients: { recipient: [recipient] } }), [{ json: { id: sbx.demo.documentIds.completed } }]);
		expect(result.error?.message).toBe(message);
		expect(apiEntries(sbx)).toEqual([]);
	});

	it('refuses a malformed document ID before sending anything', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, sendPdf(), [{ json: { id: 'test_doc_id', name: 'A', email: 'a@example.com' } }]);
		expect(result.error?.message).toBe('The document ID "test_doc_id" in "Document" is not a valid ID');
		expect((result.error as { description?: string }).description).toMatch(/console's test delivery/);
		expect(apiEntries(sbx)).toEqual([]);
	});
});

describe('Document > Extend Completion Tokens (POST /v2.0/api/documents/{id}/refresh_complete_token, "Extend completion tokens")', () => {
	function extend(documentId: string, options: INodeParameters = {}): INodeParameters {
		return { resource: 'document', operation: 'extendCompletionTokens', documentId: byId(documentId), options };
	}

	it('extends every link of a completed document and outputs the tokens with their expiry, also as ISO dates', async () => {
		const sbx = sandbox();
		const { completed } = sbx.demo.documentIds;
		const before = Date.now();
		const result = await runNode(sbx, extend(completed));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{ method: 'POST', path: `/v2.0/api/documents/${completed}/refresh_complete_token`, query: {}, body: { step_seq: [] } },
		]);
		const recipient = sbx.state.documents.get(completed)!.steps[0].recipients[0];
		const expires = recipient.complete_token_expired_date!;
		expect(expires).toBeGreaterThanOrEqual(before + 15 * DAY_MS);
		expect(result.items[0].json).toEqual({
			document_id: completed,
			complete_tokens: [
				{ complete_token_id: recipient.complete_token_id, step_seq: 1, expired_date: expires, expires_at: new Date(expires).toISOString() },
			],
		});
	});

	it('sends the steps given, as numbers', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, extend(sbx.demo.documentIds.completed, { steps: '1, 1' }));
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].body).toEqual({ step_seq: [1] });
	});

	it('explains a step without a link (4000074) in its own words', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, extend(sbx.demo.documentIds.completed, { steps: '2' }));
		expect(result.error?.message).toBe('eformsign: No recipient of step 2 has a completed-document link [code 4000074]');
		expect((result.error as { description?: string }).description).toMatch(/Only external recipients get one/);
	});

	it('fails on a document that is not completed (4000036), with a hint', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, extend(sbx.demo.documentIds.waitingExternal));
		expect(result.error?.message).toBe('eformsign: This document is not completed [code 4000036]');
		expect((result.error as { description?: string }).description).toMatch(/Completed event/);
	});

	it.each([
		['Steps that are not numbers', (id: string) => extend(id, { steps: '1, first' }), '"first" in Steps is not a step number'],
		// Mapped, so n8n's own check of a typed-in ID (the locator's regex) does not catch it first.
		['a malformed document ID', () => extend('={{ $json.id }}'), 'The document ID "61b05d369b2a4a10b5c4c8a1373abc0" in "Document" is not a valid ID'],
	])('refuses %s before sending anything', async (_name, parameters, message) => {
		const sbx = sandbox();
		const result = await runNode(sbx, parameters(sbx.demo.documentIds.completed), [{ json: { id: '61b05d369b2a4a10b5c4c8a1373abc0' } }]);
		expect(result.error?.message).toBe(message);
		expect(apiEntries(sbx)).toEqual([]);
	});
});
