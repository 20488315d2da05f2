import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { apiCalls, credentialData, useSandbox } from '../harness/eformsign';
import { TriggerHarness, type CapturedDelivery, type WebhookRun } from '../harness/webhook';
import { connectWebhook, findDelivery, useReceiver, webhookCredential } from './support';

const sandbox = useSandbox();
const receiver = useReceiver();

type NotedRun = WebhookRun & { callsWhenAnswered?: number };

/** The trigger, whose deliveries note how many calls eformsign had received when n8n answered. */
function harness(parameters: INodeParameters) {
	const sbx = sandbox();
	const trigger = new TriggerHarness(parameters, {
		webhook: webhookCredential(sbx, 'signature'),
		api: credentialData(sbx),
	});
	return {
		async deliver(delivery: CapturedDelivery): Promise<NotedRun> {
			const before = sbx.log.length;
			let callsWhenAnswered: number | undefined;
			const run = await trigger.deliver(delivery, {
				onAnswer: () => (callsWhenAnswered = sbx.log.length - before),
			});
			return { ...run, callsWhenAnswered };
		},
	};
}

/**
 * Enriched deliveries are acknowledged before eformsign is called back: the calls are made by the
 * execution, which starts after n8n has answered.
 */
function expectAnsweredFirst(run: NotedRun) {
	expect(run.answeredBy).toBe('n8n');
	expect(run.response.statusCode).toBe(200);
	expect(run.callsWhenAnswered).toBe(0);
	expect(run.execution?.status).toBe('success');
	expect(run.items).toHaveLength(1);
}

/**
 * The waiting document goes through its last step with webhooks on (their deliveries are captured);
 * the sandbox log is then cleared, so what follows shows only the trigger's own calls.
 */
async function completeWaitingDocument(sbx: ReturnType<typeof sandbox>): Promise<string> {
	const id = sbx.demo.documentIds.waitingExternal;
	connectWebhook(sbx, receiver(), 'signature');
	await sbx.advanceDocument(id);
	sbx.clearLog();
	return id;
}

function requests(sbx: ReturnType<typeof sandbox>) {
	return sbx.log
		.filter((entry) => !entry.path.startsWith('/v2.0/api_auth/'))
		.map((entry) => ({ method: entry.method, path: entry.path, query: entry.query }));
}

describe('Fetch Document', () => {
	it('adds the document with the chosen include flags', async () => {
		const sbx = sandbox();
		const id = await completeWaitingDocument(sbx);
		const run = await harness({
			events: ['doc_complete'],
			enrich: ['fetchDocument'],
			documentOptions: { include_fields: true, include_histories: true },
		}).deliver(findDelivery(receiver(), 'doc_complete'));

		expect(requests(sbx)).toEqual([
			{
				method: 'GET',
				path: `/v2.0/api/documents/${id}`,
				query: { include_fields: 'true', include_histories: 'true' },
			},
		]);
		expectAnsweredFirst(run);
		const details = run.items[0].json.document_details as IDataObject;
		expect(details).toMatchObject({
			id,
			document_name: 'Service Agreement - Acme Corp',
			current_status: { status_type: '003', status_name: 'completed' },
		});
		expect(details.fields).toEqual(
			expect.arrayContaining([{ id: 'name', value: 'Alice Kim', type: expect.any(String) }]),
		);
		const histories = details.histories as IDataObject[];
		expect(histories[histories.length - 1]).toMatchObject({
			action_type: '003',
			action_name: 'completed',
		});
		expect(run.items[0].json).toMatchObject({
			status: 'doc_complete',
			document_id: id,
			is_test_event: false,
		});
		expect(run.items[0].binary).toBeUndefined();
	});

	it('keeps the event when the document cannot be fetched, and says why', async () => {
		const sbx = sandbox();
		const id = sbx.demo.documentIds.waitingExternal;
		connectWebhook(sbx, receiver(), 'signature');
		await sbx.advanceDocument(id);
		sbx.state.documents.delete(id);
		const run = await harness({ events: ['doc_complete'], enrich: ['fetchDocument'] }).deliver(
			findDelivery(receiver(), 'doc_complete'),
		);
		expectAnsweredFirst(run);
		expect(run.items[0].json).toMatchObject({ status: 'doc_complete', document_id: id });
		expect(run.items[0].json).not.toHaveProperty('document_details');
		expect(run.items[0].json.enrichment_errors).toEqual([
			{
				step: 'fetchDocument',
				message: expect.stringContaining('[code 4000004]'),
				description: expect.any(String),
			},
		]);
		expect(run.warnings).toEqual([
			expect.stringContaining(`could not add everything to the event of document ${id}`),
		]);
	});
});

describe('Download Files', () => {
	it('attaches the document PDF and the audit trail of a completed document', async () => {
		const sbx = sandbox();
		const id = await completeWaitingDocument(sbx);
		const run = await harness({
			events: ['ready_document_pdf'],
			enrich: ['downloadFiles'],
			fileTypes: ['document', 'audit_trail'],
		}).deliver(findDelivery(receiver(), 'pdf:document+audit_trail'));

		expect(requests(sbx)).toEqual([
			{
				method: 'GET',
				path: `/v2.0/api/documents/${id}/download_files`,
				query: { file_type: 'document' },
			},
			{
				method: 'GET',
				path: `/v2.0/api/documents/${id}/download_files`,
				query: { file_type: 'audit_trail' },
			},
		]);
		expectAnsweredFirst(run);
		const { binary, json } = run.items[0];
		expect(json).toMatchObject({
			event_type: 'ready_document_pdf',
			export_ready_list: ['document', 'audit_trail'],
		});
		expect(Object.keys(binary ?? {})).toEqual(['document', 'audit_trail']);
		expect(binary?.document).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'Service Agreement - Acme Corp.pdf',
		});
		expect(binary?.audit_trail).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'Service Agreement - Acme Corp_audit_trail.pdf',
		});
		const documentPdf = Buffer.from(binary!.document.data, 'base64').toString('latin1');
		const auditPdf = Buffer.from(binary!.audit_trail.data, 'base64').toString('latin1');
		expect(documentPdf.startsWith('%PDF-')).toBe(true);
		expect(documentPdf).toContain(`Document ID: ${id}`);
		expect(auditPdf).toContain('Audit trail');
	});

	it('downloads only what the event names as ready and what was chosen', async () => {
		const sbx = sandbox();
		const id = sbx.demo.documentIds.waitingExternal;
		connectWebhook(sbx, receiver(), 'signature');
		await sbx.advanceDocument(id, 'reject');
		const pdfEvent = findDelivery(receiver(), 'pdf:document');

		sbx.clearLog();
		const both = await harness({
			events: ['ready_document_pdf'],
			enrich: ['downloadFiles'],
		}).deliver(pdfEvent);
		expect(requests(sbx)).toEqual([
			{
				method: 'GET',
				path: `/v2.0/api/documents/${id}/download_files`,
				query: { file_type: 'document' },
			},
		]);
		expect(Object.keys(both.items[0].binary ?? {})).toEqual(['document']);

		sbx.clearLog();
		const auditOnly = await harness({
			events: ['ready_document_pdf'],
			enrich: ['downloadFiles'],
			fileTypes: ['audit_trail'],
		}).deliver(pdfEvent);
		expect(apiCalls(sbx)).toEqual([]);
		expect(auditOnly.response.statusCode).toBe(200);
		expect(auditOnly.answeredBy).toBe('n8n');
		expect(auditOnly.items[0].binary).toBeUndefined();
	});

	it('does not download for document events', async () => {
		const sbx = sandbox();
		await completeWaitingDocument(sbx);
		const run = await harness({ events: ['doc_complete'], enrich: ['downloadFiles'] }).deliver(
			findDelivery(receiver(), 'doc_complete'),
		);
		expect(apiCalls(sbx)).toEqual([]);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].binary).toBeUndefined();
	});

	it('combines both options on a PDF-ready event', async () => {
		const sbx = sandbox();
		const id = sbx.demo.documentIds.secondStep;
		connectWebhook(sbx, receiver(), 'signature');
		await sbx.advanceDocument(id);
		sbx.clearLog();
		const run = await harness({
			events: ['ready_document_pdf'],
			enrich: ['fetchDocument', 'downloadFiles'],
			fileTypes: ['document'],
		}).deliver(findDelivery(receiver(), 'pdf:document+audit_trail'));
		expect(apiCalls(sbx)).toEqual([
			`GET /v2.0/api/documents/${id}`,
			`GET /v2.0/api/documents/${id}/download_files`,
		]);
		expect(run.items[0].json.document_details).toMatchObject({
			id,
			document_name: 'Non-Disclosure Agreement',
		});
		expect(Object.keys(run.items[0].binary ?? {})).toEqual(['document']);
	});
});
