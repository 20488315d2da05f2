import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, runNode } from '../harness/operations';

const sandbox = useSandbox();

function base64ApiKey(apiKey: string): string {
	return `Bearer ${Buffer.from(apiKey).toString('base64')}`;
}

// docs/api/eformsign-api-notes.md, "Create document (external writer)"
describe('Document > Create for External Writer (POST /v2.0/api/documents/external)', () => {
	it('authenticates with base64(API key) and company_id instead of a token', async () => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.urlCreation;
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'createExternal',
			templateId: byId(templateId),
			documentName: '서비스 신청서',
			recipients: {
				recipient: [{ stepType: '06', recipientType: 'member', name: '검토자', id: sbx.demo.adminId, useMail: true, useSms: false }],
			},
			fieldInput: 'pairs',
			fieldPairs: { field: [{ id: 'name', value: '박외부' }, { id: 'email', value: 'outside@example.com' }] },
			options: { sendExternalPdf: { writer: { email: 'outside@example.com', password: '1234', hint: '숫자 1234' } } },
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: '/v2.0/api/documents/external',
				query: { template_id: templateId, company_id: sbx.demo.companyId },
				body: {
					document: {
						document_name: '서비스 신청서',
						recipients: [
							{ step_type: '06', use_mail: true, use_sms: false, member: { name: '검토자', id: sbx.demo.adminId } },
						],
						fields: [
							{ id: 'name', value: '박외부' },
							{ id: 'email', value: 'outside@example.com' },
						],
						send_external_pdf: { email: 'outside@example.com', auth: { password: '1234', password_hint: '숫자 1234' } },
					},
				},
			},
		]);
		const [call] = apiEntries(sbx);
		expect(call.headers.authorization).toBe(base64ApiKey(sbx.demo.signature.apiKey));
		expect(call.status).toBe(200);
		const json = result.items[0].json as { document: { id: string } };
		expect(json).toMatchObject({ template_id: templateId, document: { document_name: '서비스 신청서', document_status: 'doc_request_reviewer' } });
		expect(sbx.state.documents.get(json.document.id)?.creator.recipient_type).toBe('02');
	});

	it('gives the URL-creation hint when the template does not allow it (4000115)', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'createExternal',
			templateId: byId(sbx.demo.templateIds.contract),
			recipients: { recipient: [{ stepType: '05', recipientType: 'member', name: 'A', id: 'a@example.com', useMail: true }] },
		});
		expect(result.error?.message).toMatch(/\[code 4000115\]/);
		expect((result.error as { description?: string }).description).toMatch(/Allow document creation by URL/);
	});
});

// docs/api/eformsign-api-notes.md, "External decline"
describe('Document > Decline as External Recipient (POST /v2.0/api/documents/{id}/external_decline)', () => {
	it('declines with the outside token, authenticated with the API key', async () => {
		const sbx = sandbox();
		const waiting = sbx.demo.documents.find((document) => document.id === sbx.demo.documentIds.waitingExternal)!;
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'declineExternal',
			documentId: byId(waiting.id),
			outsideToken: waiting.outside_token,
			comment: '외부자 반려',
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: `/v2.0/api/documents/${waiting.id}/external_decline`,
				query: { outside_token: waiting.outside_token, company_id: sbx.demo.companyId },
				body: { comment: '외부자 반려' },
			},
		]);
		expect(apiEntries(sbx)[0].headers.authorization).toBe(base64ApiKey(sbx.demo.signature.apiKey));
		expect(result.items[0].json).toMatchObject({ document_id: waiting.id, code: '-1', message: 'Completed.' });
		expect(sbx.state.documents.get(waiting.id)?.histories.at(-1)?.comment).toBe('외부자 반려');
	});

	it('reports 5000076 for an outside token eformsign does not know', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'declineExternal',
			documentId: byId(sbx.demo.documentIds.waitingExternal),
			outsideToken: '00000000-0000-4000-8000-000000000000',
		});
		expect(result.error?.message).toMatch(/non-member request info does not exist.*\[code 5000076\]/);
	});

	it('refuses an empty outside token without calling eformsign', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'declineExternal',
			documentId: byId(sbx.demo.documentIds.waitingExternal),
			outsideToken: '={{ "" }}',
		});
		expect(result.error?.message).toBe('The outside token is empty');
		expect((result.error as { description?: string }).description).toMatch(/outside_token from the eformsign Trigger/);
		expect(apiEntries(sbx)).toEqual([]);
	});
});
