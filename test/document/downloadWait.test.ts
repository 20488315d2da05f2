import type { INodeParameters } from 'n8n-workflow';

import { useTestClock } from '../harness/clock';
import { useSandbox } from '../harness/eformsign';
import { apiEntries, byId, runNode } from '../harness/operations';

// Every regenerated PDF answers 2020001 ("being generated") to the next two downloads.
const sandbox = useSandbox({ pdfPendingPolls: 2 });
// The node's pauses and the sandbox's request times are on a clock the test moves: the waits are
// read exactly, and Max Wait is measured on the same clock.
const clock = useTestClock();

function download(documentId: string, maxWaitSeconds: number, fileType = 'document'): INodeParameters {
	return { resource: 'document', operation: 'download', documentId: byId(documentId), fileType, options: { maxWaitSeconds } };
}

describe('Document > Download while eformsign is generating the PDF (code 2020001)', () => {
	it('waits while the PDF is pending twice, 1 s then 2 s, then returns it', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		await sbx.advanceDocument(documentId); // the last step accepts: a new PDF is being generated
		sbx.clearLog();

		const result = await clock().finishRun(runNode(sbx, download(documentId, 8)), 'the download');

		expect(result.error).toBeUndefined();
		const calls = apiEntries(sbx);
		expect(calls.map((entry) => [entry.method, entry.path, entry.query, entry.status, entry.code])).toEqual([
			['GET', `/v2.0/api/documents/${documentId}/download_files`, { file_type: 'document' }, 202, '2020001'],
			['GET', `/v2.0/api/documents/${documentId}/download_files`, { file_type: 'document' }, 202, '2020001'],
			['GET', `/v2.0/api/documents/${documentId}/download_files`, { file_type: 'document' }, 200, undefined],
		]);
		// Bounded backoff, read on the test's clock: 1 s, then 2 s, and nothing else in between.
		expect(clock().pauses.map((pause) => pause.ms)).toEqual([1000, 2000]);
		expect([calls[1].at - calls[0].at, calls[2].at - calls[1].at]).toEqual([1000, 2000]);
		expect(result.items[0].binary?.data.mimeType).toBe('application/pdf');
		expect(result.items[0].json).toMatchObject({ document_id: documentId, file_name: 'Service Agreement - Acme Corp.pdf' });
	});

	it('gives up with a clear error instead of pausing past Max Wait', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		await sbx.advanceDocument(documentId);
		sbx.clearLog();
		const started = clock().now();

		const result = await clock().finishRun(runNode(sbx, download(documentId, 2)), 'the download');

		// Pending at 0 s, paused 1 s, pending at 1 s: the next pause (2 s) would end past Max Wait
		// (2 s), so the node stops there. Without that limit it would wait and get the PDF at 3 s.
		expect(apiEntries(sbx).map((entry) => entry.status)).toEqual([202, 202]);
		expect(clock().pauses.map((pause) => pause.ms)).toEqual([1000]);
		expect(clock().now() - started).toBe(1000);
		expect(result.error?.message).toBe(
			'eformsign: The PDF is being generated. Please again try later (still not ready after waiting 2 s) [code 2020001]',
		);
		expect((result.error as { description?: string }).description).toMatch(/Raise "Max Wait"/);
	});

	it('asks once and gives up at once when Max Wait is 0', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		await sbx.advanceDocument(documentId);
		sbx.clearLog();

		const result = await clock().finishRun(runNode(sbx, download(documentId, 0)), 'the download');

		expect(result.error?.message).toMatch(/still not ready after waiting 0 s/);
		expect(apiEntries(sbx).map((entry) => entry.status)).toEqual([202]);
		expect(clock().pauses).toEqual([]);
	});

	it('is ready once the PDF is finished (finishPdf), without waiting', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		await sbx.advanceDocument(documentId);
		await sbx.finishPdf(documentId);
		sbx.clearLog();

		const result = await clock().finishRun(runNode(sbx, download(documentId, 0)), 'the download');

		expect(result.error).toBeUndefined();
		expect(apiEntries(sbx).map((entry) => entry.status)).toEqual([200]);
		expect(clock().pauses).toEqual([]);
	});
});
