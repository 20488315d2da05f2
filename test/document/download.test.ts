import type { IBinaryData, INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, runNode } from '../harness/operations';

const sandbox = useSandbox();

function download(documentId: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'document', operation: 'download', documentId: byId(documentId), ...extra };
}

function bytesOf(binary: IBinaryData): Buffer {
	return Buffer.from(binary.data, 'base64');
}

// docs/api/eformsign-api-notes.md, "Download files"
describe('Document > Download (GET /v2.0/api/documents/{id}/download_files)', () => {
	it('returns the PDF as binary with a Korean file name intact, plus JSON metadata', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const result = await runNode(sbx, download(documentId, { fileType: 'document', binaryPropertyName: 'contract' }));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{ method: 'GET', path: `/v2.0/api/documents/${documentId}/download_files`, query: { file_type: 'document' }, body: undefined },
		]);
		const [item] = result.items;
		const binary = item.binary!.contract;
		expect(binary.fileName).toBe('근로계약서 - 홍길동.pdf');
		expect(binary.mimeType).toBe('application/pdf');
		const bytes = bytesOf(binary);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(item.json).toEqual({
			document_id: documentId,
			file_type: 'document',
			file_name: '근로계약서 - 홍길동.pdf',
			mime_type: 'application/pdf',
			file_size: bytes.length,
			binary_property: 'contract',
		});
		expect(Number(apiEntries(sbx)[0].status)).toBe(200);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('downloads document and audit trail together as a ZIP, named by the File Name option', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const result = await runNode(
			sbx,
			download(documentId, { fileType: 'document,audit_trail', options: { fileName: '계약서_2025' } }),
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].query).toEqual({ file_type: 'document,audit_trail', file_name: '계약서_2025' });
		const binary = result.items[0].binary!.data;
		expect(binary.fileName).toBe('계약서_2025.zip');
		expect(binary.mimeType).toBe('application/zip');
		expect(bytesOf(binary).subarray(0, 2).toString('latin1')).toBe('PK');
		expect(result.items[0].json).toMatchObject({ file_type: 'document,audit_trail', mime_type: 'application/zip' });
	});

	it('downloads the audit trail of a completed document', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const result = await runNode(sbx, download(documentId, { fileType: 'audit_trail' }));
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].query).toEqual({ file_type: 'audit_trail' });
		expect(result.items[0].binary!.data.fileName).toBe('근로계약서 - 홍길동_audit_trail.pdf');
	});

	it('names the unknown document with code 4000004 and its hint', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, download('ffffffffffffffffffffffffffffffff'));
		expect(result.error?.message).toBe('eformsign: The document does not exist [code 4000004]');
		expect((result.error as { description?: string }).description).toMatch(/Check the document ID/);
	});

	it('refuses a Max Wait out of range without calling eformsign', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, download(sbx.demo.documentIds.completed, { options: { maxWaitSeconds: '={{ -1 }}' } }));
		expect(result.error?.message).toBe('Max Wait is -1');
		expect((result.error as { description?: string }).description).toMatch(/between 0 and 3600/);
		expect(apiEntries(sbx)).toEqual([]);
	});
});

// docs/api/eformsign-api-notes.md, "Download attachments"
describe('Document > Download Attachments (GET /v2.0/api/documents/{id}/download_attach_files)', () => {
	it('returns the attachments ZIP with its metadata', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'downloadAttachments',
			documentId: byId(documentId),
			options: { attachmentsOnly: true },
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'GET',
				path: `/v2.0/api/documents/${documentId}/download_attach_files`,
				query: { doc_without_attachments: 'true' },
				body: undefined,
			},
		]);
		const binary = result.items[0].binary!.data;
		const bytes = bytesOf(binary);
		expect(binary.fileName).toBe(`${documentId}.zip`);
		expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
		expect(bytes.includes(Buffer.from('attachment-note.txt'))).toBe(true);
		expect(result.items[0].json).toEqual({
			document_id: documentId,
			file_type: 'attachments',
			file_name: `${documentId}.zip`,
			mime_type: 'application/zip',
			file_size: bytes.length,
			binary_property: 'data',
		});
	});

	it('includes the document PDF unless Attachments Only is on', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		const result = await runNode(sbx, { resource: 'document', operation: 'downloadAttachments', documentId: byId(documentId) });
		expect(apiRequests(sbx)[0].query).toEqual({ doc_without_attachments: 'false' });
		expect(bytesOf(result.items[0].binary!.data).includes(Buffer.from('.pdf'))).toBe(true);
	});
});
