import { getGlobalState, type INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, runNode } from '../harness/operations';

const sandbox = useSandbox();

function usage(extra: INodeParameters): INodeParameters {
	return { resource: 'usage', operation: 'getUsage', ...extra };
}

/** YYYYMM of now in the workflow's time zone (n8n's default, as the harness sets none). */
function thisMonth(): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: getGlobalState().defaultTimezone,
		year: 'numeric',
		month: '2-digit',
	}).formatToParts(new Date());
	return parts.find((part) => part.type === 'year')!.value + parts.find((part) => part.type === 'month')!.value;
}

// docs/api/eformsign-api-notes.md, "Usage"
describe('Usage > Get Usage (GET /v2.0/api/companies/{company_id}/use_status)', () => {
	it('asks for one month, with the company ID from the token in the path', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, usage({ term: 'monthly', month: '2024-09' }));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'GET',
				path: `/v2.0/api/companies/${sbx.demo.companyId}/use_status`,
				query: { term: 'monthly', date: '202409' },
				body: undefined,
			},
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			{
				period: '202409',
				period_term: 'monthly',
				total: 0,
				use_template: [],
				auth: { tsa: 0, sms: 0, mobile_auth: 0, alimtalk: 0, sms_pincode: 0, corporation_cert: 0 },
				term: [{ month: '202409', count: 0 }],
			},
		]);
	});

	it('asks for a whole year, month by month', async () => {
		const sbx = sandbox();
		const year = thisMonth().slice(0, 4);
		// eformsign counts in Korean time (UTC+9).
		const createdThisYear = [...sbx.state.documents.values()].filter(
			(document) => new Date(document.created_date + 9 * 3600_000).getUTCFullYear() === Number(year),
		).length;
		const result = await runNode(sbx, usage({ term: 'yearly', year }));
		expect(apiRequests(sbx)[0].query).toEqual({ term: 'yearly', date: year });
		expect((result.items[0].json.term as unknown[]).length).toBe(12);
		expect(result.items[0].json).toMatchObject({ period: year, period_term: 'yearly', total: createdThisYear });
	});

	it('uses the current month when Month is empty', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, usage({ term: 'monthly' }));
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].query).toEqual({ term: 'monthly', date: thisMonth() });
	});

	it.each<[string, INodeParameters, RegExp]>([
		['month 13', { term: 'monthly', month: '202413' }, /"202413" is not a month/],
		['a month with letters', { term: 'monthly', month: 'Sept 2024' }, /"Sept 2024" is not a month/],
		['a two-digit year', { term: 'yearly', year: '24' }, /"24" is not a year/],
	])('refuses %s before calling eformsign', async (_label, extra, message) => {
		const sbx = sandbox();
		const result = await runNode(sbx, usage(extra));
		expect(result.error?.message).toMatch(message);
		expect((result.error as { description?: string }).description).toMatch(/for example/);
		expect(apiEntries(sbx)).toEqual([]);
	});
});
