import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, runNode } from '../harness/operations';

const sandbox = useSandbox();

const PLAIN_MEMBER = 'jiho.park@sandbox.eformsign.test';

function sendDraft(documentId: string, options: INodeParameters = {}): INodeParameters {
	return { resource: 'document', operation: 'sendDraft', documentId: byId(documentId), options };
}

describe('Document > Send Draft (POST /v2.0/api/documents/{id}/send, "Send a draft")', () => {
	it('sends a "my file" draft to its saved recipients, as its creator', async () => {
		const sbx = sandbox();
		const { myFileDraft } = sbx.demo.documentIds;
		const result = await runNode(sbx, sendDraft(myFileDraft));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{ method: 'POST', path: `/v2.0/api/documents/${myFileDraft}/send`, query: {}, body: { comment: '', remove_company_stamp_mark: false } },
		]);
		expect(result.items[0].json).toEqual({
			document_title: 'Consulting Agreement (my file)',
			document_status: 'doc_request_participant',
			document_id: myFileDraft,
			document_status_name: 'sent to participant',
		});
		expect(sbx.state.documents.get(myFileDraft)).toMatchObject({ phase: 'in_progress', status_type: '060' });
	});

	it('sends the comment and the company stamp mark option', async () => {
		const sbx = sandbox();
		const { myFileDraft } = sbx.demo.documentIds;
		const result = await runNode(sbx, sendDraft(myFileDraft, { comment: '검토 후 서명 부탁드립니다.', removeCompanyStampMark: true }));
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].body).toEqual({ comment: '검토 후 서명 부탁드립니다.', remove_company_stamp_mark: true });
		expect(sbx.state.documents.get(myFileDraft)).toMatchObject({ comment: '검토 후 서명 부탁드립니다.', remove_company_stamp_mark: true });
	});

	it('explains a company token (no Member ID), which eformsign answers with 4030001', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, sendDraft(sbx.demo.documentIds.myFileDraft), undefined, { credential: { memberId: '' } });
		expect(apiEntries(sbx).map((entry) => [entry.path, entry.code])).toEqual([[`/v2.0/api/documents/${sbx.demo.documentIds.myFileDraft}/send`, '4030001']]);
		expect(result.error?.message).toBe('eformsign: Send Draft acts as a member, and the credential has no Member ID (or an unknown one) [code 4030001]');
		expect((result.error as { description?: string }).description).toMatch(/Set Member ID in the eformsign API credential to the draft's creator/);
		expect(sbx.state.documents.get(sbx.demo.documentIds.myFileDraft)?.phase).toBe('draft');
	});

	it('explains a member who did not create the draft (4030009)', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, sendDraft(sbx.demo.documentIds.myFileDraft), undefined, { credential: { memberId: PLAIN_MEMBER } });
		expect(result.error?.message).toBe("eformsign: Only the draft's creator can send it [code 4030009]");
	});

	it.each<[string, (ids: Record<string, string>) => string, string, RegExp]>([
		['a draft made from a template', (ids) => ids.draft, '4000179', /Only drafts made from "my file"/],
		['a template document already sent', (ids) => ids.waitingExternal, '4000179', /A document from a template is sent by creating it/],
	])('fails for %s with eformsign\'s code and a hint', async (_name, pick, code, hint) => {
		const sbx = sandbox();
		const result = await runNode(sbx, sendDraft(pick(sbx.demo.documentIds)));
		expect(result.error?.message).toMatch(new RegExp(`\\[code ${code}\\]$`));
		expect((result.error as { description?: string }).description).toMatch(hint);
	});

	it('fails for a "my file" draft sent twice (4000180)', async () => {
		const sbx = sandbox();
		const { myFileDraft } = sbx.demo.documentIds;
		expect((await runNode(sbx, sendDraft(myFileDraft))).error).toBeUndefined();
		const again = await runNode(sbx, sendDraft(myFileDraft));
		expect(again.error?.message).toBe('eformsign: The document status is not draft [code 4000180]');
		expect((again.error as { description?: string }).description).toBe('The document is not a draft any more: it has already been sent.');
	});

	it('refuses a malformed ID before sending anything', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, sendDraft('={{ $json.id }}'), [{ json: { id: 'draft 1' } }]);
		expect(result.error?.message).toBe('The document ID "draft 1" in "Document" is not a valid ID');
		expect(apiEntries(sbx)).toEqual([]);
	});
});

describe('Document > Approve / Decline (Integrated Approval) (send_external_approval / decline_external_approval, "Integrated approval")', () => {
	function decide(operation: 'approveIntegrated' | 'declineIntegrated', documentId: string, extra: INodeParameters = {}): INodeParameters {
		return { resource: 'document', operation, documentId: byId(documentId), approverId: 'erp-4711', approverName: '박결재', comment: 'OK', ...extra };
	}

	it('approves with the body wrapped in `input`; the document moves on to its next step', async () => {
		const sbx = sandbox();
		const { awaitingApproval } = sbx.demo.documentIds;
		const result = await runNode(sbx, decide('approveIntegrated', awaitingApproval));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: `/v2.0/api/documents/${awaitingApproval}/send_external_approval`,
				query: {},
				body: { input: { executor_id: 'erp-4711', executor_name: '박결재', comment: 'OK' } },
			},
		]);
		expect(result.items[0].json).toEqual({ document_title: 'Employment Contract - 정하늘', document_id: awaitingApproval, decision: 'approved' });
		expect(sbx.state.documents.get(awaitingApproval)).toMatchObject({ status_type: '060', current_seq: 2 });
	});

	it('declines with a flat body; the document goes back to its creator', async () => {
		const sbx = sandbox();
		const { awaitingApproval } = sbx.demo.documentIds;
		const result = await runNode(sbx, decide('declineIntegrated', awaitingApproval, { comment: '' }));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: `/v2.0/api/documents/${awaitingApproval}/decline_external_approval`,
				query: {},
				body: { executor_id: 'erp-4711', executor_name: '박결재', comment: '' },
			},
		]);
		expect(result.items[0].json).toEqual({ document_title: 'Employment Contract - 정하늘', document_id: awaitingApproval, decision: 'declined' });
		expect(sbx.state.documents.get(awaitingApproval)).toMatchObject({ status_type: '011', phase: 'rejected' });
	});

	it.each<[string, 'approveIntegrated' | 'declineIntegrated', (ids: Record<string, string>) => string, IDataObject, string, RegExp]>([
		['a document at a participant step', 'approveIntegrated', (ids) => ids.waitingExternal, {}, 'eformsign: The document is not waiting for an integrated approval [code 4000029]', /Check its current step with Document > Get/],
		['a completed document', 'declineIntegrated', (ids) => ids.completed, {}, 'eformsign: Cannot get information about document progress [code 5000071]', /no step of it can be declined or decided now/],
		['a member without permission', 'approveIntegrated', (ids) => ids.awaitingApproval, { memberId: PLAIN_MEMBER }, "eformsign: This member may not decide on the document's approval [code 4030009]", /creator, an administrator or a document manager/],
	])('fails for %s (%s) with a readable error', async (_name, operation, pick, credential, message, hint) => {
		const sbx = sandbox();
		const result = await runNode(sbx, decide(operation, pick(sbx.demo.documentIds)), undefined, { credential });
		expect(result.error?.message).toBe(message);
		expect((result.error as { description?: string }).description).toMatch(hint);
		expect(apiEntries(sbx)).toHaveLength(1);
	});

	it.each([
		['an empty Approver ID', { approverId: ' ' }, 'Approver ID is empty'],
		['an empty Approver Name', { approverName: '={{ "" }}' }, 'Approver Name is empty'],
	])('refuses %s before sending anything', async (_name, extra, message) => {
		const sbx = sandbox();
		const result = await runNode(sbx, decide('approveIntegrated', sbx.demo.documentIds.awaitingApproval, extra));
		expect(result.error?.message).toBe(message);
		expect(apiEntries(sbx)).toEqual([]);
	});

	it('refuses a malformed ID before sending anything', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, decide('declineIntegrated', '={{ $json.id }}'), [{ json: { id: 'test_doc_id' } }]);
		expect(result.error?.message).toBe('The document ID "test_doc_id" in "Document" is not a valid ID');
		expect(apiEntries(sbx)).toEqual([]);
	});
});
