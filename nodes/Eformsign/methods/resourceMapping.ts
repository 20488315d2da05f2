import type {
	FieldType,
	IDataObject,
	ILoadOptionsFunctions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { getTemplateWithConfig } from '../../shared/api/templates';
import { checkedId } from '../../shared/api/ids';

/** Template component types → the n8n input that suits them; values are sent as text anyway. */
const FIELD_TYPES: Record<string, FieldType> = {
	number: 'number',
	numeric: 'number',
};

/** Signatures and stamps are drawn by the recipient; they cannot be pre-filled. */
const NOT_FILLABLE = new Set(['signature', 'stamp', 'binary', 'image']);

function fieldList(template: IDataObject): IDataObject[] {
	const config = (template.config ?? {}) as IDataObject;
	for (const candidate of [config.fields, config.components, template.fields]) {
		if (Array.isArray(candidate)) return candidate as IDataObject[];
	}
	return [];
}

function label(field: IDataObject, id: string, type: string): string {
	const name = String(field.label ?? field.name ?? '').trim();
	const base = name && name !== id ? `${name} (${id})` : id;
	return type === 'date' ? `${base}, yyyy-MM-dd` : base;
}

/**
 * Fields of the selected template for the resource mapper, from its configuration
 * (docs/api/eformsign-api-notes.md, "Templates").
 */
export async function getTemplateFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const templateId = this.getNodeParameter('templateId', undefined, { extractValue: true });
	if (!templateId) return { fields: [] };
	const template = await getTemplateWithConfig.call(
		this,
		checkedId(this.getNode(), templateId, { kind: 'template', field: 'Template' }),
	);
	const fields: ResourceMapperField[] = [];
	for (const field of fieldList(template)) {
		const id = String(field.id ?? field.component_id ?? '').trim();
		const type = String(field.type ?? 'text').toLowerCase();
		if (!id || NOT_FILLABLE.has(type) || fields.some((known) => known.id === id)) continue;
		fields.push({
			id,
			displayName: label(field, id, type),
			required: field.required === true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: FIELD_TYPES[type] ?? 'string',
		});
	}
	return { fields };
}
