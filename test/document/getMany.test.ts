import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, runNode } from '../harness/operations';

const sandbox = useSandbox();

const DAY_MS = 24 * 60 * 60 * 1000;

function getMany(extra: INodeParameters): INodeParameters {
	return { resource: 'document', operation: 'getMany', ...extra };
}

// docs/api/eformsign-api-notes.md, "List documents"
describe('Document > Get Many (POST /v2.0/api/list_document)', () => {
	it('sends box, filters (dates as epoch ms) in the body and include flags in the query', async () => {
		const sbx = sandbox();
		const from = new Date(Date.now() - 30 * DAY_MS);
		const to = new Date(Date.now() + DAY_MS);
		const result = await runNode(
			sbx,
			getMany({
				box: '03',
				limit: 10,
				simplify: true,
				filters: {
					title: '근로',
					templateIds: [sbx.demo.templateIds.contract],
					startCreateDate: from.toISOString(),
					endCreateDate: to.toISOString(),
				},
				options: { include_fields: true, include_histories: true },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: '/v2.0/api/list_document',
				query: { include_fields: 'true', include_histories: 'true' },
				body: {
					type: '03',
					title: '근로',
					template_ids: [sbx.demo.templateIds.contract],
					start_create_date: from.getTime(),
					end_create_date: to.getTime(),
					limit: '10',
					skip: '0',
				},
			},
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			{
				id: sbx.demo.documentIds.completed,
				document_name: '근로계약서 - 홍길동',
				template_id: sbx.demo.templateIds.contract,
				status_type: '003',
				status_name: 'completed',
				step_name: expect.any(String),
				creator_id: 'minjun.kim@sandbox.eformsign.test',
				created_date: expect.any(Number),
				updated_date: expect.any(Number),
				fields: { name: '홍길동', amount: '42000000', date: '2025-03-01', position: 'Designer' },
			},
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('returns all of 250+ documents, one item each, with the largest page eformsign serves', async () => {
		const sbx = sandbox();
		const added = sbx.addDocuments(250);
		const result = await runNode(sbx, getMany({ box: '01', returnAll: true, simplify: false }));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{ method: 'POST', path: '/v2.0/api/list_document', query: {}, body: { type: '01', limit: '1000', skip: '0' } },
		]);
		const ids = result.items.map((item) => item.json.id as string);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(expect.arrayContaining(added));
		expect(ids.length).toBe(added.length + 4);
		expect(result.items[0].json.current_status).toMatchObject({ status_type: '060', status_name: 'sent to participant' });
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('pages with skip += limit until total_rows is reached (2,100 documents, three requests)', async () => {
		const sbx = sandbox();
		sbx.addDocuments(2100);
		const result = await runNode(sbx, getMany({ box: '01', returnAll: true, simplify: true }));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx).map((request) => request.body)).toEqual([
			{ type: '01', limit: '1000', skip: '0' },
			{ type: '01', limit: '1000', skip: '1000' },
			{ type: '01', limit: '1000', skip: '2000' },
		]);
		expect(result.items).toHaveLength(2104);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(2104);
	});

	it('stops at Limit, asking only for what is still missing', async () => {
		const sbx = sandbox();
		sbx.addDocuments(250);
		const result = await runNode(sbx, getMany({ box: '01', returnAll: false, limit: 120, simplify: true }));
		expect(apiRequests(sbx).map((request) => request.body)).toEqual([{ type: '01', limit: '120', skip: '0' }]);
		expect(result.items).toHaveLength(120);
	});

	it('gives eformsign\'s answer with a hint when a plain member asks for the document management box', async () => {
		const sbx = sandbox();
		const plainMember = sbx.demo.members.find((member) => member.role.join() === 'member')!;
		const result = await runNode(sbx, getMany({ box: '04', limit: 5 }), undefined, { credential: { memberId: plainMember.account_id } });
		expect(result.error?.message).toMatch(/\[code 4030009\]/);
		expect((result.error as { description?: string }).description).toMatch(/Only administrators and document managers may list the Document Management box/);
		const admin = await runNode(sbx, getMany({ box: '04', limit: 5 }), undefined, { credential: { memberId: sbx.demo.adminId } });
		expect(admin.error).toBeUndefined();
		expect(admin.items).toHaveLength(5);
	});

	it.each<[string, INodeParameters, RegExp, RegExp]>([
		['a limit of 0', { limit: '={{ 0 }}' }, /Limit is 0/, /whole number of 1 or more/],
		['a negative limit', { limit: '={{ -5 }}' }, /Limit is -5/, /whole number of 1 or more/],
		['a date that is not a date', { filters: { startUpdateDate: '={{ "yesterday" }}' } }, /"Updated After" is not a date: yesterday/, /ISO date/],
		['a date before 2000', { filters: { startCreateDate: '1999-12-31T00:00:00.000Z' } }, /"Created After" is out of range/, /between the years 2000 and 2099/],
		['epoch seconds instead of milliseconds', { filters: { endCreateDate: '={{ 1700000000 }}' } }, /"Created Before" is out of range/, /epoch milliseconds, not seconds/],
		[
			'a start after the end',
			{ filters: { startCreateDate: '2025-05-01T00:00:00.000Z', endCreateDate: '2025-04-01T00:00:00.000Z' } },
			/"Created After" is later than "Created Before"/,
			/Swap the two dates/,
		],
	])('refuses %s before calling eformsign', async (_label, extra, message, description) => {
		const sbx = sandbox();
		const result = await runNode(sbx, getMany({ box: '01', returnAll: false, limit: 10, ...extra }));
		expect(result.error?.message).toMatch(message);
		expect((result.error as { description?: string }).description).toMatch(description);
		expect(apiEntries(sbx)).toEqual([]);
	});
});
