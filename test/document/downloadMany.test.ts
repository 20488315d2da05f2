import type { IBinaryData, IDataObject, INodeParameters } from 'n8n-workflow';

import { MULTI_DOWNLOAD_BATCH_SIZE } from '../../nodes/Eformsign/actions/document/downloadMany.operation';
import { MULTI_DOWNLOAD_LIMIT } from '../../sandbox';
import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, items, runNode } from '../harness/operations';
import { readZip } from '../harness/zip';

const sandbox = useSandbox();

const MULTI = '/v2.0/api/documents/download_multi_files';

function downloadMany(extra: INodeParameters = {}): INodeParameters {
	return { resource: 'document', operation: 'downloadMany', documentId: byId('={{ $json.id }}'), ...extra };
}

function zipOf(binary: IBinaryData, password?: string) {
	return readZip(Buffer.from(binary.data, 'base64'), password);
}

/** The IDs each multi-download request asked for, in order. */
function requestedIds(sbx: ReturnType<typeof sandbox>): string[][] {
	return apiRequests(sbx)
		.filter((request) => request.path === MULTI)
		.map((request) => (request.body as { document_ids: string[] }).document_ids);
}

describe('Document > Download Many (POST /v2.0/api/documents/download_multi_files, "Download several documents")', () => {
	it('asks for one ZIP for the documents of all input items, in one request', async () => {
		const sbx = sandbox();
		const ids = [sbx.demo.documentIds.completed, ...sbx.addDocuments(2, { status: '003', document_name: 'Lease' })];
		const result = await runNode(sbx, downloadMany({ fileTypes: ['document', 'audit_trail'] }), items(3, (index) => ({ id: ids[index] })));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: MULTI,
				query: {},
				body: { document_ids: ids, file_type: ['document', 'audit_trail'], zip_password: '', use_simple_file_name: false },
			},
		]);
		expect(apiEntries(sbx)[0].headers.accept).toBe('application/zip, application/octet-stream, application/json;q=0.1');
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		const entries = zipOf(item.binary!.data);
		expect(entries.map((entry) => entry.name)).toEqual(
			ids.flatMap((id) => {
				const name = sbx.state.documents.get(id)!.document_name;
				return [`${name}_${id}.pdf`, `${name}_${id}_audit_trail.pdf`];
			}),
		);
		expect(item.binary!.data).toMatchObject({ fileName: 'documents.zip', mimeType: 'application/zip' });
		expect(item.json).toEqual({
			file_name: 'documents.zip',
			mime_type: 'application/zip',
			file_size: Buffer.from(item.binary!.data.data, 'base64').length,
			binary_property: 'data',
			file_types: ['document', 'audit_trail'],
			password_protected: false,
			batch: 1,
			batch_count: 1,
			document_count: 3,
			document_ids: ids,
		});
		expect(item.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it(`splits more than ${MULTI_DOWNLOAD_BATCH_SIZE} documents into batches, one ZIP each, and says so`, async () => {
		const sbx = sandbox();
		const ids = sbx.addDocuments(250, { status: '003' });
		const result = await runNode(sbx, downloadMany({ options: { fileName: 'contracts-2025' } }), items(250, (index) => ({ id: ids[index] })));

		expect(result.error).toBeUndefined();
		expect(MULTI_DOWNLOAD_BATCH_SIZE).toBeLessThanOrEqual(MULTI_DOWNLOAD_LIMIT);
		expect(requestedIds(sbx)).toEqual([ids.slice(0, 100), ids.slice(100, 200), ids.slice(200)]);
		expect(apiRequests(sbx).every((request) => (request.body as { file_name: string }).file_name === 'contracts-2025')).toBe(true);
		expect(result.items.map((item) => [item.json.file_name, item.json.batch, item.json.batch_count, item.json.document_count])).toEqual([
			['contracts-2025-1.zip', 1, 3, 100],
			['contracts-2025-2.zip', 2, 3, 100],
			['contracts-2025-3.zip', 3, 3, 50],
		]);
		expect(result.items.flatMap((item) => item.json.document_ids as string[])).toEqual(ids);
		expect(result.items.map((item) => zipOf(item.binary!.data).length)).toEqual([100, 100, 50]);
		expect((result.items[2].pairedItem as Array<{ item: number }>).map((paired) => paired.item)).toEqual(
			Array.from({ length: 50 }, (_, index) => 200 + index),
		);
	});

	it('halves a batch eformsign refuses with 4000222 until it fits, downloading every document once', async () => {
		const sbx = sandbox();
		sbx.setMultiDownloadLimit(30);
		const ids = sbx.addDocuments(70, { status: '003' });
		const result = await runNode(sbx, downloadMany(), items(70, (index) => ({ id: ids[index] })));

		expect(result.error).toBeUndefined();
		expect(requestedIds(sbx).map((batch) => batch.length)).toEqual([70, 35, 18, 17, 35, 18, 17]);
		expect(apiEntries(sbx).map((entry) => entry.code ?? String(entry.status))).toEqual(['4000222', '4000222', '200', '200', '4000222', '200', '200']);
		expect(result.items.map((item) => [item.json.file_name, item.json.document_count, item.json.batch_count])).toEqual([
			['documents-1.zip', 18, 4],
			['documents-2.zip', 17, 4],
			['documents-3.zip', 18, 4],
			['documents-4.zip', 17, 4],
		]);
		expect(result.items.flatMap((item) => item.json.document_ids as string[])).toEqual(ids);
	});

	it('gives 4000222 with its explanation when even one document is refused', async () => {
		const sbx = sandbox();
		sbx.injectFault({ match: { method: 'POST', path: MULTI }, status: 400, code: '4000222', message: 'Document download limit exceeded.', count: 5 });
		const { completed } = sbx.demo.documentIds;
		const [other] = sbx.addDocuments(1, { status: '003' });
		const result = await runNode(sbx, downloadMany(), items(2, (index) => ({ id: [completed, other][index] })));

		expect(requestedIds(sbx).map((batch) => batch.length)).toEqual([2, 1]);
		expect(result.error?.message).toBe('eformsign: Document download limit exceeded [code 4000222]');
		expect((result.error as { description?: string }).description).toMatch(/not the number of documents per ZIP/);
	});

	it('downloads one ZIP per input item from listed IDs, with the ZIP password and simple names', async () => {
		const sbx = sandbox();
		const first = sbx.addDocuments(2, { status: '003', document_name: 'Same' });
		const second = sbx.addDocuments(1, { status: '003', document_name: 'Other' });
		const result = await runNode(
			sbx,
			{
				resource: 'document',
				operation: 'downloadMany',
				source: 'list',
				documentIds: '={{ $json.ids }}',
				binaryPropertyName: 'archive',
				options: { zipPassword: 'Zip-Secret-9', simpleFileNames: true },
			},
			[{ json: { ids: first } }, { json: { ids: second.join(', ') } }],
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx).map((request) => request.body)).toEqual([
			{ document_ids: first, file_type: ['document'], zip_password: 'Zip-Secret-9', use_simple_file_name: true },
			{ document_ids: second, file_type: ['document'], zip_password: 'Zip-Secret-9', use_simple_file_name: true },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }], [{ item: 1 }]]);
		const entries = zipOf(result.items[0].binary!.archive, 'Zip-Secret-9');
		expect(entries.map((entry) => [entry.name, entry.encrypted])).toEqual([
			['Same.pdf', true],
			['Same (2).pdf', true],
		]);
		expect(result.items[0].json).toMatchObject({ password_protected: true, binary_property: 'archive', document_ids: first });
		expect(JSON.stringify(result.items.map((item) => item.json))).not.toContain('Zip-Secret-9');
	});

	it('refuses a malformed ID before sending anything, naming the item', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, downloadMany(), items(2, (index) => ({ id: [sbx.demo.documentIds.completed, 'abc/def'][index] })));
		expect(result.error?.message).toBe('The document ID "abc/def" in "Document" is not a valid ID');
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(apiEntries(sbx)).toEqual([]);
	});

	it('with Continue On Fail, outputs the malformed item as an error and downloads the others', async () => {
		const sbx = sandbox();
		const { completed } = sbx.demo.documentIds;
		const result = await runNode(sbx, downloadMany(), items(2, (index) => ({ id: ['not-an-id', completed][index] })), { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(requestedIds(sbx)).toEqual([[completed]]);
		expect(result.items.map((item) => [item.json.error ?? item.json.document_count, item.pairedItem])).toEqual([
			['The document ID "not-an-id" in "Document" is not a valid ID', { item: 0 }],
			[1, [{ item: 1 }]],
		]);
	});

	it.each<[string, (sbx: ReturnType<typeof sandbox>) => string, IDataObject, string, RegExp]>([
		['a document that is not completed', (sbx) => sbx.demo.documentIds.waitingExternal, {}, '4000036', /works on completed documents only/],
		[
			'a member who may not read the document',
			(sbx) => sbx.demo.documentIds.completed,
			{ memberId: 'jiho.park@sandbox.eformsign.test' },
			'4030029',
			/creator, a recipient, or a document manager/,
		],
	])('fails for %s with eformsign\'s code and a hint', async (_name, documentId, credential, code, hint) => {
		const sbx = sandbox();
		const result = await runNode(sbx, downloadMany(), [{ json: { id: documentId(sbx) } }], { credential });
		expect(result.error?.message).toMatch(new RegExp(`\\[code ${code}\\]$`));
		expect((result.error as { description?: string }).description).toMatch(hint);
		expect(requestedIds(sbx)).toEqual([[documentId(sbx)]]);
	});
});
