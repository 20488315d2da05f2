import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/eformsign';
import { apiEntries, byId, runNode } from '../harness/operations';

// Every regenerated PDF answers 2020001 ("being generated") to the next two downloads.
const sandbox = useSandbox({ pdfPendingPolls: 2 });

function download(documentId: string, maxWaitSeconds: number, fileType = 'document'): INodeParameters {
	return { resource: 'document', operation: 'download', documentId: byId(documentId), fileType, options: { maxWaitSeconds } };
}

describe('Document > Download while eformsign is generating the PDF (code 2020001)', () => {
	it('waits while the PDF is pending twice, then returns it', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		await sbx.advanceDocument(documentId); // the last step accepts: a new PDF is being generated
		sbx.clearLog();

		const result = await runNode(sbx, download(documentId, 8));

		expect(result.error).toBeUndefined();
		const calls = apiEntries(sbx);
		expect(calls.map((entry) => [entry.method, entry.path, entry.query, entry.status, entry.code])).toEqual([
			['GET', `/v2.0/api/documents/${documentId}/download_files`, { file_type: 'document' }, 202, '2020001'],
			['GET', `/v2.0/api/documents/${documentId}/download_files`, { file_type: 'document' }, 202, '2020001'],
			['GET', `/v2.0/api/documents/${documentId}/download_files`, { file_type: 'document' }, 200, undefined],
		]);
		// Bounded backoff: about 1 s, then about 2 s.
		expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
		expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(1900);
		expect(result.items[0].binary?.data.mimeType).toBe('application/pdf');
		expect(result.items[0].json).toMatchObject({ document_id: documentId, file_name: 'Service Agreement - Acme Corp.pdf' });
	});

	it('gives up with a clear error when Max Wait runs out', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		const patientDocumentId = sbx.demo.documentIds.waitingMember;
		await sbx.advanceDocument(documentId);
		await sbx.advanceDocument(patientDocumentId);
		// A run that waits out both pending answers (about 3 s) is the yardstick: a ratio holds on a
		// busy machine where an absolute limit would not.
		const patientStarted = Date.now();
		expect((await runNode(sbx, download(patientDocumentId, 8))).error).toBeUndefined();
		const patientMs = Date.now() - patientStarted;
		sbx.clearLog();
		const started = Date.now();

		const result = await runNode(sbx, download(documentId, 1));

		expect((Date.now() - started) / patientMs).toBeLessThan(0.75);
		expect(result.error?.message).toBe(
			'eformsign: The PDF is being generated. Please again try later (still not ready after waiting 1 s) [code 2020001]',
		);
		expect((result.error as { description?: string }).description).toMatch(/Raise "Max Wait"/);
		expect(apiEntries(sbx).map((entry) => entry.status)).toEqual([202]);
	});

	it('is ready once the PDF is finished (finishPdf), without waiting', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		await sbx.advanceDocument(documentId);
		await sbx.finishPdf(documentId);
		sbx.clearLog();

		const result = await runNode(sbx, download(documentId, 0));

		expect(result.error).toBeUndefined();
		expect(apiEntries(sbx).map((entry) => entry.status)).toEqual([200]);
	});
});
