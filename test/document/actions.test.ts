import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, pairedItems, runNode } from '../harness/operations';

const sandbox = useSandbox();

const UNKNOWN_ID = 'ffffffffffffffffffffffffffffffff';

// docs/api/eformsign-api-notes.md, "Delete"
describe('Document > Delete (DELETE /v2.0/api/documents)', () => {
	it('deletes many IDs in one request and reports each ID, with the reason for failures', async () => {
		const sbx = sandbox();
		const { draft, cancelled } = sbx.demo.documentIds;
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'delete',
			documentIds: `${draft}, ${cancelled},\n${UNKNOWN_ID}, ${draft}`,
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'DELETE',
				path: '/v2.0/api/documents',
				query: { is_permanent: 'false' },
				body: { document_ids: [draft, cancelled, UNKNOWN_ID], comment: '' },
			},
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			{ document_id: draft, deleted: true },
			{ document_id: cancelled, deleted: true },
			{
				document_id: UNKNOWN_ID,
				deleted: false,
				code: '4000004',
				message: 'The document does not exist.',
				hint: 'No document has this ID. Check the document ID (the "Document ID" column in any document box).',
			},
		]);
		expect(pairedItems(result)).toEqual([0, 0, 0]);
		expect(sbx.state.documents.get(draft)?.trashed).toBe(true);
	});

	it('deletes permanently, with a comment, from a list mapped by an expression', async () => {
		const sbx = sandbox();
		const { draft } = sbx.demo.documentIds;
		const result = await runNode(
			sbx,
			{ resource: 'document', operation: 'delete', documentIds: '={{ $json.ids }}', permanently: true, options: { comment: '중복 문서' } },
			[{ json: { ids: [draft] } }],
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0]).toMatchObject({ query: { is_permanent: 'true' }, body: { document_ids: [draft], comment: '중복 문서' } });
		expect(result.items.map((item) => item.json)).toEqual([{ document_id: draft, deleted: true }]);
		expect(sbx.state.documents.has(draft)).toBe(false);
	});

	it.each<[string, string, RegExp, RegExp]>([
		['no ID at all', ' , ', /No document ID was given/, /Enter at least one document ID/],
		['an ID with a slash', 'abc/def', /The document ID "abc\/def" in "Document IDs" is not a valid ID/, /An eformsign document ID is 32 hexadecimal characters/],
		['an ID that is ".."', `${UNKNOWN_ID}, ..`, /The document ID "\.\." in "Document IDs" is not a valid ID/, /An eformsign document ID is 32 hexadecimal characters/],
	])('refuses %s without calling eformsign', async (_label, documentIds, message, description) => {
		const sbx = sandbox();
		const result = await runNode(sbx, { resource: 'document', operation: 'delete', documentIds });
		expect(result.error?.message).toMatch(message);
		expect((result.error as { description?: string }).description).toMatch(description);
		expect(apiEntries(sbx)).toEqual([]);
	});
});

// docs/api/eformsign-api-notes.md, "Cancel"
describe('Document > Cancel (POST /v2.0/api/documents/cancel)', () => {
	it('cancels many IDs with a reason and reports each ID', async () => {
		const sbx = sandbox();
		const { waitingExternal, completed } = sbx.demo.documentIds;
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'cancel',
			documentIds: `${waitingExternal},${completed}`,
			reason: '계약 조건 변경',
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: '/v2.0/api/documents/cancel',
				query: {},
				body: { input: { document_ids: [waitingExternal, completed], comment: '계약 조건 변경' } },
			},
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			{ document_id: waitingExternal, cancelled: true },
			{
				document_id: completed,
				cancelled: false,
				code: '4000029',
				message: 'This document has already proceeded.',
				hint: 'The document has already moved on to another step.',
			},
		]);
		expect(sbx.state.documents.get(waitingExternal)?.status_type).toBe('042');
	});
});

// docs/api/eformsign-api-notes.md, "Resend"
describe('Document > Resend to External Recipient (POST /v2.0/api/documents/{id}/re_request_outsider)', () => {
	it('sends the step again to a new recipient', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'resend',
			documentId: byId(documentId),
			stepSeq: 1,
			stepType: '05',
			recipients: {
				recipient: [{ recipientType: 'member', name: 'Alice Kim', id: 'alice.kim@acme.example.com', useMail: true, useSms: false, validDays: 3 }],
			},
			comment: '재요청 합니다.',
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: `/v2.0/api/documents/${documentId}/re_request_outsider`,
				query: {},
				body: {
					input: {
						next_steps: [
							{
								step_type: '05',
								step_seq: '1',
								recipients: [
									{
										use_mail: true,
										use_sms: false,
										member: { name: 'Alice Kim', id: 'alice.kim@acme.example.com' },
										auth: { valid: { day: 3, hour: 0 } },
									},
								],
								comment: '재요청 합니다.',
							},
						],
					},
				},
			},
		]);
		expect(result.items[0].json).toMatchObject({
			document_id: documentId,
			code: '-1',
			recipients: [{ step_seq: '1', id: 'alice.kim@acme.example.com', token_id: expect.any(String) }],
		});
	});

	it('refuses a resend without recipient', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'resend',
			documentId: byId(sbx.demo.documentIds.waitingExternal),
			stepSeq: 1,
		});
		expect(result.error?.message).toBe('No recipient was given');
		expect(apiEntries(sbx)).toEqual([]);
	});
});

// docs/api/eformsign-api-notes.md, "Decline"
describe('Document > Decline as Member (POST /v2.0/api/documents/{id}/decline)', () => {
	function decline(documentId: string, extra: INodeParameters = {}): INodeParameters {
		return { resource: 'document', operation: 'decline', documentId: byId(documentId), ...extra };
	}

	it('sends the document back one step with a comment', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingMember; // waiting for minjun.kim, the credential's member
		const result = await runNode(sbx, decline(documentId, { stepsBack: 1, comment: '시작일 수정 바랍니다.' }));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: `/v2.0/api/documents/${documentId}/decline`,
				query: {},
				body: { previous_steps: [-1], comment: '시작일 수정 바랍니다.' },
			},
		]);
		expect(result.items[0].json).toMatchObject({ document_id: documentId, code: '-1', document_title: 'Employment Contract - 김민준' });
		expect(sbx.state.documents.get(documentId)?.current_seq).toBe(0);
	});

	it('refuses a step count of 0 without calling eformsign', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, decline(sbx.demo.documentIds.waitingMember, { stepsBack: '={{ 0 }}' }));
		expect(result.error?.message).toBe('Steps to Go Back is 0');
		expect(apiEntries(sbx)).toEqual([]);
	});

	it('reports 5000071 when the document waits for nobody', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, decline(sbx.demo.documentIds.completed));
		expect(result.error?.message).toBe('eformsign: Cannot get information about document progress [code 5000071]');
		// A write answered with HTTP 500: eformsign's own hint, plus the warning that it may have been carried out.
		const description = (result.error as { description?: string }).description;
		expect(description).toMatch(/^The document is not waiting for anyone/);
		expect(description).toMatch(/may or may not have been carried out/);
	});
});
