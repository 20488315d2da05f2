import { EVENT_OPTIONS } from '../../nodes/EformsignTrigger/events';
import { useSandbox } from '../harness/eformsign';
import { byId, runNode } from '../harness/operations';
import { TriggerHarness, type CapturedDelivery } from '../harness/webhook';
import { connectWebhook, summaryOf, useReceiver, webhookCredential } from './support';

const sandbox = useSandbox();
const receiver = useReceiver();

function trigger(events: string[]) {
	return new TriggerHarness({ events } as never, { webhook: webhookCredential(sandbox(), 'signature') });
}

/** The deliveries that start a workflow with these events, as their output items. */
async function started(events: string[], deliveries: CapturedDelivery[]) {
	const harness = trigger(events);
	const items = [];
	for (const delivery of deliveries) {
		const run = await harness.deliver(delivery);
		if (run.result.workflowData) items.push(...run.items.map((item) => item.json));
	}
	return items;
}

describe('approval events (integrated approval, docs/api/eformsign-api-notes.md "Webhook statuses")', () => {
	it('are offered in the event filter, in their own group', () => {
		const approval = EVENT_OPTIONS.filter((option) => String(option.value).endsWith('_approval'));
		expect(approval.map((option) => [option.name, option.value])).toEqual([
			['Approval Requested', 'doc_request_approval'],
			['Approved', 'doc_accept_approval'],
			['Approval Declined', 'doc_reject_approval'],
		]);
		expect(approval.every((option) => /Integrated Approval/.test(String(option.description)))).toBe(true);
	});

	it('approval requested → Approve (Integrated Approval) → approved: each step starts only its own workflow', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		const documentId = await sbx.addApprovalDocument();
		const created = [...receiver().deliveries];
		expect(created.map(summaryOf)).toEqual(['doc_create', 'doc_request_approval', 'pdf:document']);

		const [requested] = await started(['doc_request_approval'], created);
		expect(requested).toMatchObject({ document_id: documentId, status: 'doc_request_approval', status_name: 'Approval Requested', workflow_seq: 1 });

		const approved = await runNode(
			sbx,
			{
				resource: 'document',
				operation: 'approveIntegrated',
				documentId: byId('={{ $json.document_id }}'),
				approverId: '={{ $json.editor_id }}',
				approverName: 'Approved in Slack',
			},
			[{ json: requested }],
		);
		expect(approved.error).toBeUndefined();
		await sbx.waitForDeliveries();
		const after = receiver().deliveries.slice(created.length);
		expect(after.map(summaryOf)).toEqual(['doc_accept_approval', 'doc_request_participant', 'pdf:document']);
		const decisions = await started(['doc_accept_approval', 'doc_reject_approval'], after);
		expect(decisions).toMatchObject([
			{ document_id: documentId, status: 'doc_accept_approval', status_name: 'Approved', editor_id: requested.editor_id },
		]);
	});

	it('declined: doc_reject_approval reaches a workflow waiting for it', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		const documentId = sbx.demo.documentIds.awaitingApproval;
		const declined = await runNode(sbx, {
			resource: 'document',
			operation: 'declineIntegrated',
			documentId: byId(documentId),
			approverId: 'erp-4711',
			approverName: '박결재',
			comment: 'Over budget',
		});
		expect(declined.error).toBeUndefined();
		await sbx.waitForDeliveries();
		const decisions = await started(['doc_reject_approval'], receiver().deliveries);
		expect(decisions).toMatchObject([
			{ document_id: documentId, status: 'doc_reject_approval', status_name: 'Approval Declined', editor_id: 'erp-4711', comment: 'Over budget' },
		]);
	});
});
