import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, items, pairedItems, runNode } from '../harness/operations';

const sandbox = useSandbox();

const UNKNOWN_ID = 'ffffffffffffffffffffffffffffffff';

// docs/api/eformsign-api-notes.md, "Get"
describe('Document > Get (GET /v2.0/api/documents/{id})', () => {
	it('sends every include flag in the query and keeps raw codes next to readable names', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const result = await runNode(sbx, {
			resource: 'document',
			operation: 'get',
			documentId: byId(documentId),
			simplify: false,
			options: {
				include_fields: true,
				include_histories: true,
				include_previous_status: true,
				include_next_status: true,
				include_external_token: true,
				include_detail_template_info: true,
			},
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'GET',
				path: `/v2.0/api/documents/${documentId}`,
				query: {
					include_fields: 'true',
					include_histories: 'true',
					include_previous_status: 'true',
					include_next_status: 'true',
					include_external_token: 'true',
					include_detail_template_info: 'true',
				},
				body: undefined,
			},
		]);
		const json = result.items[0].json as Record<string, Record<string, unknown> & Array<Record<string, unknown>>>;
		expect(json.current_status).toMatchObject({ status_type: '003', status_name: 'completed', step_type: '01', step_type_name: 'complete' });
		expect(json.creator).toMatchObject({ recipient_type: '01', recipient_type_name: 'member' });
		expect(json.histories[0]).toMatchObject({ action_type: expect.any(String), action_name: expect.any(String) });
		expect(json.fields).toEqual(expect.arrayContaining([{ id: 'name', value: '홍길동', type: 'string' }]));
	});

	it('names the item, eformsign\'s code and the fix for an unknown document ID (4000004)', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			{ resource: 'document', operation: 'get', documentId: byId('={{ $json.id }}'), simplify: true },
			[{ json: { id: sbx.demo.documentIds.completed } }, { json: { id: UNKNOWN_ID } }],
		);
		expect(result.error?.message).toBe('eformsign: The document does not exist [code 4000004]');
		expect((result.error as { description?: string }).description).toBe(
			'No document has this ID. Check the document ID (the "Document ID" column in any document box).',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
		expect(apiEntries(sbx).map((entry) => [entry.path, entry.status, entry.code])).toEqual([
			[`/v2.0/api/documents/${sbx.demo.documentIds.completed}`, 200, undefined],
			[`/v2.0/api/documents/${UNKNOWN_ID}`, 400, '4000004'],
		]);
	});

	it('continues on fail: error items are paired with the input item that failed', async () => {
		const sbx = sandbox();
		const ids = [sbx.demo.documentIds.completed, UNKNOWN_ID, sbx.demo.documentIds.draft, '../etc'];
		const result = await runNode(
			sbx,
			{ resource: 'document', operation: 'get', documentId: byId('={{ $json.id }}'), simplify: true },
			items(ids.length, (index) => ({ id: ids[index] })),
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(pairedItems(result)).toEqual([0, 1, 2, 3]);
		expect(result.items.map((item) => item.json.id ?? item.json.code ?? item.json.error)).toEqual([
			sbx.demo.documentIds.completed,
			'4000004',
			sbx.demo.documentIds.draft,
			'The document ID "../etc" in "Document" is not a valid ID',
		]);
		expect(result.items[1].json).toEqual({
			error: 'eformsign: The document does not exist [code 4000004]',
			description: 'No document has this ID. Check the document ID (the "Document ID" column in any document box).',
			code: '4000004',
		});
		expect(result.items[0].json).toMatchObject({ status_type: '003', status_name: 'completed' });
		// The invalid ID never reached eformsign.
		expect(apiEntries(sbx)).toHaveLength(3);
	});
});
