import type { IDataObject } from 'n8n-workflow';

import type { EformsignContext } from '../../../shared/transport';
import { fetchWholeList } from '../wholeList';

/** GET /v2.0/api/forms (§5.1): every template the member may write with. */
export async function fetchTemplates(
	this: EformsignContext,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await fetchWholeList.call(this, '/v2.0/api/forms', 'templates', undefined, itemIndex);
}

/** Templates that can create documents now: eformsign marks expired or deactivated ones enabled=false. */
export function isEnabled(template: IDataObject): boolean {
	return template.enabled !== false;
}

export function nameContains(template: IDataObject, filter: string | undefined): boolean {
	const wanted = (filter ?? '').trim().toLowerCase();
	return !wanted || String(template.name ?? '').toLowerCase().includes(wanted);
}
