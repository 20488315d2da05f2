/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { request as httpRequest } from 'node:http';
import { crc32 } from 'node:zlib';

import { useSandbox } from '../harness/eformsign';
import { api, binary, token } from './helpers';

const sandbox = useSandbox();

/** Checks the PDF structure a reader relies on: header, xref offsets pointing at objects, EOF. */
function expectValidPdf(bytes: Buffer): void {
	expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
	expect(bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');
	const tail = bytes.subarray(-200).toString('latin1');
	const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(tail)?.[1]);
	expect(bytes.subarray(xrefAt, xrefAt + 4).toString('latin1')).toBe('xref');
	const xref = bytes.subarray(xrefAt, xrefAt + 400).toString('latin1');
	const offsets = [...xref.matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
	expect(offsets).toHaveLength(6);
	offsets.forEach((offset, index) => {
		const expected = `${index + 1} 0 obj\n`;
		expect(bytes.subarray(offset, offset + expected.length).toString('latin1')).toBe(expected);
	});
}

/** Reads a stored zip through its central directory and checks every CRC. */
function readZip(bytes: Buffer): Map<string, Buffer> {
	const end = bytes.length - 22;
	expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
	const count = bytes.readUInt16LE(end + 10);
	let position = bytes.readUInt32LE(end + 16);
	const files = new Map<string, Buffer>();
	for (let index = 0; index < count; index++) {
		expect(bytes.readUInt32LE(position)).toBe(0x02014b50);
		const crc = bytes.readUInt32LE(position + 16);
		const size = bytes.readUInt32LE(position + 24);
		const nameLength = bytes.readUInt16LE(position + 28);
		const localOffset = bytes.readUInt32LE(position + 42);
		const name = bytes.subarray(position + 46, position + 46 + nameLength).toString('utf8');
		expect(bytes.readUInt32LE(localOffset)).toBe(0x04034b50);
		const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
		const data = bytes.subarray(dataStart, dataStart + size);
		expect(crc32(data) >>> 0).toBe(crc);
		files.set(name, data);
		position += 46 + nameLength;
	}
	return files;
}

function downloadPath(documentId: string, query: string) {
	return `/v2.0/api/documents/${documentId}/download_files?${query}`;
}

// docs/api/eformsign-api-notes.md, "Download files"
describe('download_files', () => {
	it('serves a valid PDF with a Korean-safe Content-Disposition', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const file = await binary(sbx, access, downloadPath(sbx.demo.documentIds.completed, 'file_type=document'));
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('application/pdf');
		expect(Number(file.headers.get('content-length'))).toBe(file.bytes.length);
		expectValidPdf(file.bytes);
		const disposition = file.headers.get('content-disposition') ?? '';
		const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '';
		expect(decodeURIComponent(encoded)).toBe('근로계약서 - 홍길동.pdf');
		// The quoted form carries raw UTF-8 bytes (fetch shows them as latin1 characters).
		const quoted = /filename="([^"]*)"/.exec(disposition)?.[1] ?? '';
		expect(Buffer.from(quoted, 'latin1').toString('utf8')).toBe('근로계약서 - 홍길동.pdf');
	});

	it('uses file_name as the base name and zips document + audit trail', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const zip = await binary(sbx, access, downloadPath(sbx.demo.documentIds.completed, 'file_type=document,audit_trail&file_name=계약.pdf'));
		expect(zip.headers.get('content-type')).toBe('application/zip');
		expect(zip.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('계약.zip')}`);
		const files = readZip(zip.bytes);
		expect([...files.keys()]).toEqual(['계약.pdf', '계약_audit_trail.pdf']);
		for (const content of files.values()) expectValidPdf(content);
	});

	it('requires a valid file_type and a completed document for the audit trail', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const missing = await api(sbx, access, 'GET', downloadPath(sbx.demo.documentIds.completed, 'file_type=pdf'));
		expect([missing.status, missing.json.code]).toEqual([400, '4000001']);
		const audit = await api(sbx, access, 'GET', downloadPath(sbx.demo.documentIds.waitingExternal, 'file_type=audit_trail'));
		expect(audit.status).toBe(202);
		expect(audit.json).toEqual({ code: '2020001', ErrorMessage: 'The audit trail will be generated when the document is completed.' });
		const inProgress = await binary(sbx, access, downloadPath(sbx.demo.documentIds.waitingExternal, 'file_type=document'));
		expect(inProgress.status).toBe(200);
	});

	it('streams a large PDF of exactly the requested size', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const size = 3 * 1024 * 1024 + 17;
		sbx.setFileSize(sbx.demo.documentIds.completed, size);
		const file = await binary(sbx, access, downloadPath(sbx.demo.documentIds.completed, 'file_type=document'));
		expect(file.bytes.length).toBe(size);
		expectValidPdf(file.bytes);
		const zip = await binary(sbx, access, downloadPath(sbx.demo.documentIds.completed, 'file_type=audit_trail,document'));
		expect(readZip(zip.bytes).get('근로계약서 - 홍길동.pdf')?.length).toBe(size);
	});
});

describe('PDF generation in progress (2020001)', () => {
	const pendingSandbox = useSandbox({ pdfPendingPolls: 2 });

	it('answers 2020001 for the configured number of polls after a change, then the file', async () => {
		const sbx = pendingSandbox();
		const { access } = await token(sbx);
		const id = sbx.demo.documentIds.waitingExternal;
		expect((await binary(sbx, access, downloadPath(id, 'file_type=document'))).status).toBe(200);
		await sbx.advanceDocument(id);
		for (let poll = 0; poll < 2; poll++) {
			const pending = await api(sbx, access, 'GET', downloadPath(id, 'file_type=document'));
			expect(pending.status).toBe(202);
			expect(pending.json).toEqual({ code: '2020001', ErrorMessage: 'The PDF is being generated. Please again try later.' });
		}
		expect((await binary(sbx, access, downloadPath(id, 'file_type=document,audit_trail'))).status).toBe(200);
	});

	it('finishPdf ends the wait early', async () => {
		const sbx = pendingSandbox();
		const { access } = await token(sbx);
		const id = sbx.demo.documentIds.waitingExternal;
		await sbx.advanceDocument(id);
		await sbx.finishPdf(id);
		expect((await binary(sbx, access, downloadPath(id, 'file_type=document'))).status).toBe(200);
	});
});

// docs/api/eformsign-api-notes.md, "Download attachments"
describe('download_attach_files', () => {
	it('zips the document PDF and the attachments, or the attachments only', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const id = sbx.demo.documentIds.completed;
		const withPdf = await binary(sbx, access, `/v2.0/api/documents/${id}/download_attach_files`);
		expect(withPdf.headers.get('content-disposition')).toContain(`filename="${id}.zip"`);
		expect([...readZip(withPdf.bytes).keys()]).toEqual(['근로계약서 - 홍길동.pdf', 'attachment-note.txt']);
		const only = await binary(sbx, access, `/v2.0/api/documents/${id}/download_attach_files?doc_without_attachments=true`);
		expect([...readZip(only.bytes).keys()]).toEqual(['attachment-note.txt']);
	});

	it('closes cleanly while a big download is in flight', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		sbx.setFileSize(sbx.demo.documentIds.completed, 200 * 1024 * 1024);
		await new Promise<void>((resolve) => {
			const request = httpRequest(`${sbx.url}${downloadPath(sbx.demo.documentIds.completed, 'file_type=document')}`, {
				headers: { authorization: `Bearer ${access}` },
			});
			request.on('response', (response) => {
				response.once('data', () => {
					response.destroy();
					resolve();
				});
			});
			request.on('error', () => resolve());
			request.end();
		});
	});
});
