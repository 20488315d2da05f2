import type { IDataObject } from 'n8n-workflow';

import { eformsignRequest, type EformsignContext, type ForItem } from '../transport';
import { fetchWholeList } from './lists';

/** Templates, called forms in eformsign's paths (docs/api/eformsign-api-notes.md, "Templates"). */

function templatePath(templateId: string): string {
	return `/v2.0/api/forms/${encodeURIComponent(templateId)}`;
}

/** Every template the member of the credential may create documents with. */
export async function fetchTemplates(
	this: EformsignContext,
	forItem?: ForItem,
): Promise<IDataObject[]> {
	return await fetchWholeList.call(this, '/v2.0/api/forms', 'templates', undefined, forItem);
}

/** One template with its configuration (fields, steps), as the resource mapper needs it. */
export async function getTemplateWithConfig(
	this: EformsignContext,
	templateId: string,
): Promise<IDataObject> {
	const response = await eformsignRequest.call(this, {
		method: 'GET',
		path: templatePath(templateId),
		qs: { is_include_config: 'true' },
	});
	return (response.template ?? response) as IDataObject;
}

export async function deleteTemplate(
	this: EformsignContext,
	templateId: string,
	forItem?: ForItem,
): Promise<void> {
	await eformsignRequest.call(this, {
		method: 'DELETE',
		path: templatePath(templateId),
		...forItem,
	});
}

/** Templates that can create documents now: eformsign marks expired or deactivated ones enabled=false. */
export function isEnabled(template: IDataObject): boolean {
	return template.enabled !== false;
}

export function nameContains(template: IDataObject, filter: string | undefined): boolean {
	const wanted = (filter ?? '').trim().toLowerCase();
	return (
		!wanted ||
		String(template.name ?? '')
			.toLowerCase()
			.includes(wanted)
	);
}
