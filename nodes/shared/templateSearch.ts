import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchTemplates, isEnabled, nameContains } from './api/templates';

/**
 * Templates for the "From list" mode of every node: the member's writable, enabled templates,
 * filtered by name.
 */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	// eformsign returns every template in one answer, so the whole list fits in one page.
	const templates = (await fetchTemplates.call(this))
		.filter((template) => isEnabled(template) && nameContains(template, filter))
		.sort((a, b) => String(a.name ?? '').localeCompare(String(b.name ?? '')));
	return {
		results: templates.map((template) => ({
			name: String(template.name ?? template.form_id),
			value: String(template.form_id),
		})),
	};
}
