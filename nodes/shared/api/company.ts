import type { IDataObject } from 'n8n-workflow';

import { COMPANY_ID_PLACEHOLDER } from '../authenticate';
import { eformsignRequest, type EformsignContext, type ForItem } from '../transport';

/** The company as a whole (docs/api/eformsign-api-notes.md, "Usage"). */

/**
 * Documents created and authentications used, for one month (`date` YYYYMM) or one year (YYYY).
 * The company ID comes with the token; the credential puts it into the path.
 */
export async function getUsage(
	this: EformsignContext,
	term: 'monthly' | 'yearly',
	date: string,
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'GET',
		path: `/v2.0/api/companies/${COMPANY_ID_PLACEHOLDER}/use_status`,
		qs: { term, date },
		...forItem,
	});
}
