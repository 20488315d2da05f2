import { searchDocuments } from '../../nodes/Eformsign/methods/listSearch/documents';
import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, callMethod } from '../harness/operations';

const sandbox = useSandbox();

const GET = { resource: 'document', operation: 'get' };

describe('Document list search (From list mode)', () => {
	it('lists the company-wide box for a document manager, searched by title', async () => {
		const sbx = sandbox();
		const result = await callMethod(sbx, GET, async (context) => await searchDocuments.call(context, '근로'));
		expect(apiRequests(sbx)).toEqual([
			{ method: 'POST', path: '/v2.0/api/list_document', query: {}, body: { type: '04', limit: '50', skip: '0', title: '근로' } },
		]);
		expect(result).toEqual({
			results: [{ name: '근로계약서 - 홍길동', value: sbx.demo.documentIds.completed }],
			paginationToken: undefined,
		});
	});

	it('falls back to the member\'s own boxes when the company-wide box is refused (4030009)', async () => {
		const sbx = sandbox();
		const plainMember = sbx.demo.members.find((member) => member.role.join() === 'member')!;
		sbx.addDocuments(60, { creator: plainMember.account_id });
		const credential = { memberId: plainMember.account_id };

		const first = await callMethod(sbx, GET, async (context) => await searchDocuments.call(context), {
			credential,
		});

		expect(apiEntries(sbx).map((entry) => [entry.body, entry.status, entry.code])).toEqual([
			[{ type: '04', limit: '50', skip: '0' }, 403, '4030009'],
			[{ type: '01', limit: '50', skip: '0' }, 200, undefined],
			[{ type: '02', limit: '50', skip: '0' }, 200, undefined],
			[{ type: '03', limit: '50', skip: '0' }, 200, undefined],
		]);
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('member:50');

		sbx.clearLog();
		const second = await callMethod(
			sbx,
			GET,
			async (context) => await searchDocuments.call(context, undefined, first.paginationToken),
			{ credential },
		);
		// The next page goes straight to the member's boxes.
		expect(apiEntries(sbx).map((entry) => (entry.body as { type: string; skip: string }).type + '@' + (entry.body as { skip: string }).skip)).toEqual([
			'01@50',
			'02@50',
			'03@50',
		]);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results].map((result) => result.value);
		expect(new Set(all).size).toBe(60);
	});
});
