import type { IDataObject } from 'n8n-workflow';

import { eformsignRequest, type EformsignContext } from '../transport';

/**
 * Templates, members and groups: eformsign answers each of these lists whole, in one response
 * (there is no paging), with the entries under `key`.
 */
export async function fetchWholeList(
	this: EformsignContext,
	path: string,
	key: string,
	qs?: IDataObject,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const response = await eformsignRequest.call(this, { method: 'GET', path, qs, itemIndex });
	return Array.isArray(response[key]) ? (response[key] as IDataObject[]) : [];
}
