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
