import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchTemplates } from '../../../shared/api/templates';

/** Every template by name, for multi-select filters (disabled ones too: their documents still exist). */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await fetchTemplates.call(this);
	return templates
		.map((template) => ({
			name: `${String(template.name ?? template.form_id)}${template.enabled === false ? ' (disabled)' : ''}`,
			value: String(template.form_id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
