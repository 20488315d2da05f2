/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';

import type { Sandbox } from '../../sandbox';
import { useSandbox } from '../harness/eformsign';
import { api, recipient, token } from './helpers';

interface Received {
	headers: Record<string, string | string[] | undefined>;
	raw: string;
	event: {
		event_type: string;
		webhook_id: string;
		company_id: string;
		document?: Record<string, unknown>;
		ready_document_pdf?: Record<string, unknown>;
	};
}

const received: Received[] = [];
let receiver: Server;
let receiverUrl = '';
let answerStatus = 200;

beforeAll(async () => {
	receiver = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			received.push({ headers: request.headers, raw, event: JSON.parse(raw) as Received['event'] });
			response.statusCode = answerStatus;
			response.end('ok');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	const address = receiver.address();
	receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

beforeEach(() => {
	received.length = 0;
	answerStatus = 200;
});

const sandbox = useSandbox();

function summary(): string[] {
	return received.map(({ event }) =>
		event.event_type === 'document'
			? `${event.document?.status}`
			: `pdf:${(event.ready_document_pdf?.export_ready_list as string[]).join('+')}`,
	);
}

async function createDocument(sbx: Sandbox, templateId = sbx.demo.templateIds.contract, recipients = [recipient('ext@example.com', 'Ext')]) {
	const { access } = await token(sbx);
	const created = await api(sbx, access, 'POST', `/v2.0/api/documents?template_id=${templateId}`, { document: { recipients } });
	await sbx.waitForDeliveries();
	return (created.json.document as { id: string }).id;
}

// docs/api/eformsign-api-notes.md, "Webhooks"
describe('webhook deliveries', () => {
	it('signs the exact body with the sandbox key (verifiable with demo.webhook.publicKeyHex)', async () => {
		const sbx = sandbox();
		sbx.setWebhook({ url: receiverUrl, verification: 'signature' });
		await createDocument(sbx);
		expect(received.length).toBeGreaterThan(0);
		const publicKey = { key: Buffer.from(sbx.demo.webhook.publicKeyHex, 'hex'), format: 'der' as const, type: 'spki' as const, dsaEncoding: 'der' as const };
		for (const delivery of received) {
			const signature = delivery.headers.eformsign_signature as string;
			expect(signature).toMatch(/^30[0-9a-f]+$/);
			expect(verify('sha256', Buffer.from(delivery.raw), publicKey, Buffer.from(signature, 'hex'))).toBe(true);
			expect(delivery.headers['content-type']).toBe('application/json');
		}
		expect(sbx.deliveries.map((delivery) => [delivery.url, delivery.status])).toEqual(received.map(() => [receiverUrl, 200]));
		expect(sbx.deliveries[0].body).toBe(received[0].raw);
	});

	it('follows a document from creation to completion', async () => {
		const sbx = sandbox();
		sbx.setWebhook({ url: receiverUrl, verification: 'none' });
		const id = await createDocument(sbx, sbx.demo.templateIds.titleLocked, [recipient('a@example.com', 'A'), recipient('b@example.com', 'B')]);
		expect(summary()).toEqual(['doc_create', 'doc_request_participant', 'pdf:document']);
		const create = received[0].event;
		expect(create).toMatchObject({ webhook_id: sbx.demo.webhook.webhookId, company_id: sbx.demo.companyId });
		expect(create.document).toMatchObject({ id, outside_token: '', workflow_seq: 0, template_id: sbx.demo.templateIds.titleLocked });
		const request = received[1].event.document;
		expect(request).toMatchObject({ workflow_seq: 1, workflow_name: '참여자 1', outside_token: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		expect(request?.outside_token).toBe(sbx.state.documents.get(id)?.steps[0].recipients[0].token_id);

		received.length = 0;
		await sbx.advanceDocument(id);
		expect(summary()).toEqual(['doc_accept_participant', 'doc_request_participant', 'pdf:document']);
		received.length = 0;
		await sbx.advanceDocument(id);
		expect(summary()).toEqual(['doc_accept_participant', 'doc_complete', 'pdf:document+audit_trail']);
		expect(received[2].event.ready_document_pdf).toMatchObject({ document_id: id, document_status: 'doc_complete', workflow_name: '완료' });
		await expect(sbx.advanceDocument(id)).rejects.toThrow(/completed/);
	});

	it('reports a rejection, a cancel and a deletion', async () => {
		const sbx = sandbox();
		sbx.setWebhook({ url: receiverUrl, verification: 'none' });
		await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal, 'reject');
		expect(summary()).toEqual(['doc_reject_participant', 'pdf:document']);
		received.length = 0;
		const { access } = await token(sbx);
		await api(sbx, access, 'POST', '/v2.0/api/documents/cancel', { input: { document_ids: [sbx.demo.documentIds.secondStep] } });
		await api(sbx, access, 'DELETE', '/v2.0/api/documents', { document_ids: [sbx.demo.documentIds.secondStep] });
		await sbx.waitForDeliveries();
		expect(summary()).toEqual(['doc_cancel_request', 'doc_deleted']);
	});

	it('sends bearer and basic authorisation headers', async () => {
		const sbx = sandbox();
		sbx.setWebhook({ url: receiverUrl, verification: 'bearer' });
		await sbx.sendTestEvent();
		expect(received[0].headers.authorization).toBe(`Bearer ${sbx.demo.webhook.bearerToken}`);
		sbx.setWebhook({ url: receiverUrl, verification: 'basic', basicId: 'eformsign', basicPassword: 'Webhook123!' });
		await sbx.sendTestEvent();
		expect(received[1].headers.authorization).toBe('Basic ZWZvcm1zaWduOldlYmhvb2sxMjMh');
		expect(received[1].headers.eformsign_signature).toBeUndefined();
	});

	it('sends the console test body', async () => {
		const sbx = sandbox();
		sbx.setWebhook({ url: receiverUrl, verification: 'none' });
		await sbx.sendTestEvent();
		expect(received[0].event).toEqual({
			webhook_id: sbx.demo.webhook.webhookId,
			webhook_name: sbx.demo.webhook.webhookName,
			company_id: sbx.demo.companyId,
			event_type: 'document',
			document: {
				id: 'test_doc_id',
				document_title: 'test_document_title',
				template_id: 'test_template_id',
				template_name: 'test_template_name',
				workflow_seq: 0,
				template_version: '1',
				history_id: 'test_document_history_id',
				status: 'doc_create',
				editor_id: sbx.demo.adminId,
				updated_date: expect.any(Number),
			},
		});
	});

	it('respects the template scope', async () => {
		const sbx = sandbox();
		sbx.setWebhook({ url: receiverUrl, verification: 'none', scope: [sbx.demo.templateIds.titleLocked] });
		await createDocument(sbx);
		expect(received).toHaveLength(0);
		await sbx.advanceDocument(sbx.demo.documentIds.secondStep);
		expect(summary()).toEqual(['doc_accept_participant', 'doc_complete', 'pdf:document+audit_trail']);
	});

	it('records failed deliveries', async () => {
		const sbx = sandbox();
		answerStatus = 500;
		sbx.setWebhook({ url: receiverUrl, verification: 'none' });
		await sbx.sendTestEvent();
		expect(sbx.deliveries[0].status).toBe(500);
		sbx.setWebhook({ url: 'http://127.0.0.1:1/closed', verification: 'none' });
		await sbx.sendTestEvent();
		expect(sbx.deliveries[1]).toMatchObject({ status: 0, error: expect.any(String) });
	});
});

describe('PDF readiness events', () => {
	const pendingSandbox = useSandbox({ pdfPendingPolls: 1 });

	it('emits ready_document_pdf when the pending polls run out or finishPdf is called', async () => {
		const sbx = pendingSandbox();
		sbx.setWebhook({ url: receiverUrl, verification: 'none' });
		const id = await createDocument(sbx);
		expect(summary()).toEqual(['doc_create', 'doc_request_participant']);
		const { access } = await token(sbx);
		const pending = await api(sbx, access, 'GET', `/v2.0/api/documents/${id}/download_files?file_type=document`);
		expect(pending.json.code).toBe('2020001');
		await sbx.waitForDeliveries();
		expect(summary()).toEqual(['doc_create', 'doc_request_participant', 'pdf:document']);
		received.length = 0;
		await sbx.advanceDocument(id);
		await sbx.finishPdf(id);
		expect(summary()).toEqual(['doc_accept_participant', 'doc_complete', 'pdf:document+audit_trail']);
	});
});
