import type { IDataObject } from 'n8n-workflow';

/** At most ten flat fields of a template (the template list gives about thirty). */
export function simplifyTemplate(template: IDataObject): IDataObject {
	return {
		form_id: template.form_id,
		name: template.name,
		version: template.version,
		category: template.category,
		desc: template.desc,
		enabled: template.enabled,
		owner_name: template.owner_name,
		create_date: template.create_date,
		update_date: template.update_date,
		favorite: template.favorite,
	};
}

/**
 * Template > Get: what identifies the template and says who owns it and whether it can be used
 * (docs/api/eformsign-api-notes.md, "Get one template"). `config` only when the settings were asked for.
 */
export function simplifyTemplateDetail(template: IDataObject, includeConfig: boolean): IDataObject {
	const file = (template.file ?? {}) as IDataObject;
	return {
		form_id: template.form_id,
		name: template.name,
		version: template.version,
		category: template.category,
		owner_id: template.owner_id,
		owner_name: template.owner_name,
		create_date: template.create_date,
		update_date: template.update_date,
		enabled: template.enabled,
		form_image_id: file.form_image_id,
		...(includeConfig ? { config: template.config } : {}),
	};
}
