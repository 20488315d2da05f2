// Usage statistics (docs/api/eformsign-api-notes.md, "Usage"), counted from the documents created in
// the period (Korean time).

import { ApiError, json, requiredInput } from '../http';
import type { Route } from '../router';

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const INVALID_DATE = 'The date format is invalid.';

/** 'YYYYMM' of a timestamp in Korea Standard Time (UTC+9, no daylight saving). */
function koreanMonth(timestamp: number): string {
	const date = new Date(timestamp + KST_OFFSET_MS);
	return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const companyRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v2.0/api/companies/:company_id/use_status',
		auth: 'access',
		handle: ({ context, request }) => {
			if (request.params.company_id !== context.state.company.company_id) {
				throw new ApiError('4000005', 'Invalid company.');
			}
			const term = request.query.term ?? 'monthly';
			if (term !== 'monthly' && term !== 'yearly') throw requiredInput();
			const now = koreanMonth(context.clock.now());
			const date = request.query.date ?? (term === 'monthly' ? now : now.slice(0, 4));
			const validMonthly = /^\d{6}$/.test(date) && Number(date.slice(4)) >= 1 && Number(date.slice(4)) <= 12;
			if (term === 'monthly' ? !validMonthly : !/^\d{4}$/.test(date)) throw new ApiError('4000013', INVALID_DATE);

			const months = term === 'monthly' ? [date] : Array.from({ length: 12 }, (_, i) => date + String(i + 1).padStart(2, '0'));
			const perMonth = new Map(months.map((month) => [month, 0]));
			const perTemplate = new Map<string, number>();
			for (const document of context.state.documents.values()) {
				const month = koreanMonth(document.created_date);
				if (!perMonth.has(month)) continue;
				perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
				perTemplate.set(document.template_id, (perTemplate.get(document.template_id) ?? 0) + 1);
			}
			const total = [...perMonth.values()].reduce((sum, count) => sum + count, 0);
			return json({
				total,
				use_template: [...perTemplate].map(([id, value]) => ({ id, value })),
				auth: { tsa: 0, sms: 0, mobile_auth: 0, alimtalk: 0, sms_pincode: 0, corporation_cert: 0 },
				term: [...perMonth].map(([month, count]) => ({ month, count })),
			});
		},
	},
];
