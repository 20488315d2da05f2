import { REMEMBERED_DELIVERIES } from '../../nodes/EformsignTrigger/duplicates';
import { apiCalls, credentialData, useSandbox } from '../harness/eformsign';
import { TriggerHarness, type CapturedDelivery } from '../harness/webhook';
import { bodyOf, connectWebhook, summaryOf, useReceiver, webhookCredential } from './support';

const sandbox = useSandbox();
const receiver = useReceiver();

function harness(parameters: Record<string, unknown>, withApi = false) {
	const sbx = sandbox();
	return new TriggerHarness(parameters as never, {
		webhook: webhookCredential(sbx, 'signature'),
		...(withApi ? { api: credentialData(sbx) } : {}),
	});
}

async function deliverAll(trigger: TriggerHarness, deliveries: CapturedDelivery[]) {
	const started: string[] = [];
	for (const delivery of deliveries) {
		const run = await trigger.deliver(delivery);
		// Ignored deliveries are acknowledged by n8n itself (200); the trigger writes no answer.
		if (!run.result.workflowData) {
			expect(run.result).toEqual({});
			expect(run.answeredBy).toBe('n8n');
			expect(run.response.statusCode).toBe(200);
			expect(run.execution).toBeUndefined();
			continue;
		}
		started.push(summaryOf(delivery));
	}
	return started;
}

describe('event filter', () => {
	it('starts the workflow only for the selected events and acknowledges the others', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		await sbx.advanceDocument(sbx.demo.documentIds.secondStep);
		await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal, 'reject');
		const deliveries = receiver().deliveries;
		expect(deliveries.map(summaryOf)).toEqual([
			'doc_accept_participant',
			'doc_complete',
			'pdf:document+audit_trail',
			'doc_reject_participant',
			'pdf:document',
		]);

		expect(
			await deliverAll(harness({ events: ['doc_complete', 'doc_reject_participant'] }), deliveries),
		).toEqual(['doc_complete', 'doc_reject_participant']);
		expect(await deliverAll(harness({ events: ['ready_document_pdf'] }), deliveries)).toEqual([
			'pdf:document+audit_trail',
			'pdf:document',
		]);
		expect(await deliverAll(harness({ events: ['*'] }), deliveries)).toEqual([
			'doc_accept_participant',
			'doc_complete',
			'doc_reject_participant',
		]);
	});

	it('names the statuses of both event shapes', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal, 'reject');
		const trigger = harness({ events: ['*', 'ready_document_pdf'] });
		const [rejected, pdf] = receiver().deliveries;
		const rejectedRun = await trigger.deliver(rejected);
		const { document, ...envelope } = bodyOf(rejected);
		expect(rejectedRun.items[0].json).toEqual({
			...envelope,
			...(document as object),
			document_id: sbx.demo.documentIds.waitingExternal,
			status_name: 'Rejected by Participant',
			is_test_event: false,
		});
		const pdfRun = await trigger.deliver(pdf);
		expect(pdfRun.items[0].json).toMatchObject({
			event_type: 'ready_document_pdf',
			webhook_id: sbx.demo.webhook.webhookId,
			company_id: sbx.demo.companyId,
			document_id: sbx.demo.documentIds.waitingExternal,
			document_status: 'doc_reject_participant',
			document_status_name: 'Rejected by Participant',
			export_ready_list: ['document'],
			is_test_event: false,
		});
		expect(pdfRun.items[0].json).not.toHaveProperty('ready_document_pdf');
		expect(pdfRun.items[0].binary).toBeUndefined();
	});

	it('acknowledges a delivery it cannot read without starting anything', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'none');
		await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
		const trigger = new TriggerHarness(
			{ events: ['*', 'ready_document_pdf'], verification: 'none' },
			{},
		);
		const real = bodyOf(receiver().deliveries[0]);
		const unknown = {
			...real,
			event_type: 'document_action',
			document: undefined,
			document_action: { document_id: 'x' },
		};
		const run = await trigger.deliver({
			headers: { 'content-type': 'application/json' },
			rawBody: Buffer.from(JSON.stringify(unknown)),
		});
		expect(run.result).toEqual({});
		expect(run.items).toEqual([]);
		// A body that is not JSON at all is malformed rather than unknown (test/reliability/webhooks.test.ts).
		const malformed = await trigger.deliver({
			headers: { 'content-type': 'application/json' },
			rawBody: Buffer.from('not json'),
		});
		expect(malformed.result).toEqual({ noWebhookResponse: true });
		expect(malformed.response.statusCode).toBe(400);
		expect(malformed.items).toEqual([]);
	});
});

describe('template filter', () => {
	it('passes only documents made from the chosen template', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		await sbx.advanceDocument(sbx.demo.documentIds.secondStep);
		await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
		const deliveries = receiver().deliveries;
		const templateOf = (delivery: CapturedDelivery) => {
			const body = bodyOf(delivery);
			return String(
				((body.document ?? body.ready_document_pdf) as Record<string, unknown>).template_id,
			);
		};
		const { contract, titleLocked } = sbx.demo.templateIds;
		expect(new Set(deliveries.map(templateOf))).toEqual(new Set([contract, titleLocked]));

		for (const [templateId, mode] of [
			[titleLocked, 'list'],
			[contract, 'id'],
		]) {
			const trigger = harness({
				events: ['*', 'ready_document_pdf'],
				templateId: { __rl: true, mode, value: templateId },
			});
			const expected = deliveries
				.filter((delivery) => templateOf(delivery) === templateId)
				.map(summaryOf);
			expect(expected.length).toBeGreaterThan(0);
			expect(await deliverAll(trigger, deliveries)).toEqual(expected);
		}
	});
});

describe('the console Test event', () => {
	it('reaches the workflow flagged, whatever the filters, and skips enrichment', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		await sbx.sendTestEvent();
		const [delivery] = receiver().deliveries;
		expect(bodyOf(delivery).document).toMatchObject({
			id: 'test_doc_id',
			history_id: 'test_document_history_id',
		});
		const trigger = harness(
			{
				events: ['doc_complete'],
				templateId: { __rl: true, mode: 'id', value: sbx.demo.templateIds.contract },
				enrich: ['fetchDocument', 'downloadFiles'],
			},
			true,
		);
		sbx.clearLog();
		const first = await trigger.deliver(delivery);
		expect(first.items).toHaveLength(1);
		expect(first.items[0].json).toMatchObject({
			id: 'test_doc_id',
			document_id: 'test_doc_id',
			template_id: 'test_template_id',
			status: 'doc_create',
			status_name: 'Created',
			is_test_event: true,
		});
		expect(first.items[0].json).not.toHaveProperty('document_details');
		expect(first.items[0].json).not.toHaveProperty('enrichment_errors');
		expect(first.items[0].binary).toBeUndefined();
		expect(first.answeredBy).toBe('n8n');
		expect(apiCalls(sbx)).toEqual([]);
		// Pressing Test again is not a duplicate.
		expect((await trigger.deliver(delivery)).items).toHaveLength(1);
	});

	it('is acknowledged without a run when "Ignore Console Test Events" is on', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		await sbx.sendTestEvent();
		const trigger = harness({ events: ['*'], options: { ignoreTestEvents: true } });
		expect((await trigger.deliver(receiver().deliveries[0])).result).toEqual({});
	});
});

describe('duplicates', () => {
	it('ignores a delivery repeated with the same history ID and status', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
		// eformsign announces the finished PDF again for the same history entry.
		await sbx.finishPdf(sbx.demo.documentIds.waitingExternal);
		const deliveries = receiver().deliveries;
		expect(deliveries.map(summaryOf)).toEqual([
			'doc_accept_participant',
			'doc_complete',
			'pdf:document+audit_trail',
			'pdf:document+audit_trail',
		]);
		const trigger = harness({ events: ['*', 'ready_document_pdf'] });
		expect(await deliverAll(trigger, [...deliveries, deliveries[1], deliveries[0]])).toEqual([
			'doc_accept_participant',
			'doc_complete',
			'pdf:document+audit_trail',
		]);
		expect(trigger.staticData.recentDeliveries).toHaveLength(3);
	});

	it(`remembers the last ${REMEMBERED_DELIVERIES} deliveries only`, async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'none');
		await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
		const original = bodyOf(receiver().deliveries[0]);
		const trigger = new TriggerHarness({ events: ['*'], verification: 'none' }, {});
		const variant = (index: number) => ({
			headers: { 'content-type': 'application/json' },
			rawBody: Buffer.from(
				JSON.stringify({
					...original,
					document: { ...(original.document as object), history_id: `history-${index}` },
				}),
			),
		});
		for (let index = 0; index <= REMEMBERED_DELIVERIES; index++) {
			expect((await trigger.deliver(variant(index))).items).toHaveLength(1);
		}
		expect(trigger.staticData.recentDeliveries).toHaveLength(REMEMBERED_DELIVERIES);
		expect((await trigger.deliver(variant(REMEMBERED_DELIVERIES))).items).toHaveLength(0);
		// The oldest key was forgotten, so that delivery would start the workflow again.
		expect((await trigger.deliver(variant(0))).items).toHaveLength(1);
	});
});
