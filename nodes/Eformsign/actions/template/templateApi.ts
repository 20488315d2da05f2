import type { IDataObject } from 'n8n-workflow';

import { eformsignRequest, type EformsignContext } from '../../../shared/transport';

/** GET /v2.0/api/forms (§5.1): every template the member may write with, in one answer. */
export async function fetchTemplates(
	this: EformsignContext,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const response = await eformsignRequest.call(this, {
		method: 'GET',
		path: '/v2.0/api/forms',
		itemIndex,
	});
	return (Array.isArray(response.templates) ? response.templates : []) as IDataObject[];
}

/** Templates that can create documents now: eformsign marks expired or deactivated ones enabled=false. */
export function isEnabled(template: IDataObject): boolean {
	return template.enabled !== false;
}

export function nameContains(template: IDataObject, filter: string | undefined): boolean {
	const wanted = (filter ?? '').trim().toLowerCase();
	return !wanted || String(template.name ?? '').toLowerCase().includes(wanted);
}
