import type { IDataObject } from 'n8n-workflow';

import { eformsignRequest, type EformsignContext, type ForItem } from '../transport';

/**
 * Templates, members and groups: eformsign answers each of these lists whole, in one response
 * (there is no paging), with the entries under `key`.
 */
export async function fetchWholeList(
	this: EformsignContext,
	path: string,
	key: string,
	qs?: IDataObject,
	forItem?: ForItem,
): Promise<IDataObject[]> {
	const response = await eformsignRequest.call(this, { method: 'GET', path, qs, ...forItem });
	return Array.isArray(response[key]) ? (response[key] as IDataObject[]) : [];
}
