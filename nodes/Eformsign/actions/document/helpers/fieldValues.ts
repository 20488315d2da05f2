import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type ResourceMapperValue,
} from 'n8n-workflow';

/**
 * Field values of a new document (docs/api/eformsign-api-notes.md, "Create document"):
 * `{ id, value }` pairs where the value is always a string. The resource mapper offers the field
 * IDs the template's configuration reveals; "Enter IDs and Values" works for any template.
 */
export const fieldValueProperties: INodeProperties[] = [
	{
		displayName: 'Field Input',
		name: 'fieldInput',
		type: 'options',
		options: [
			{
				name: 'Map Template Fields',
				value: 'map',
				description: "Pick from the fields of the selected template's configuration",
			},
			{
				name: 'Enter IDs and Values',
				value: 'pairs',
				description: 'Type each field ID (the component ID in the template) and its value',
			},
		],
		default: 'map',
	},
	{
		displayName: 'Field Values',
		name: 'fieldValues',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['templateId.value'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateFields',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
				noFieldsError:
					'Pick a template to see its fields. If a template shows none, its configuration names no fields: switch Field Input to "Enter IDs and Values".',
			},
		},
		displayOptions: { show: { fieldInput: ['map'] } },
	},
	{
		displayName: 'Field Values',
		name: 'fieldPairs',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add field value',
		displayOptions: { show: { fieldInput: ['pairs'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. name',
						description: 'The component ID of the field in the template',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Jane Doe',
						description: 'Dates as yyyy-MM-dd (MM/dd/yyyy if the company language is English)',
					},
				],
			},
		],
	},
];

function fieldText(
	this: IExecuteFunctions,
	id: string,
	value: unknown,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new NodeOperationError(this.getNode(), `The value of field "${id}" is not text`, {
		itemIndex,
		description: `eformsign takes every field value as a string, but "${id}" got ${Array.isArray(value) ? 'a list' : 'an object'}. Map a single value, or turn it into text with an expression such as {{ JSON.stringify($json.${id}) }}.`,
	});
}

function checkId(this: IExecuteFunctions, id: string, itemIndex: number): string {
	const trimmed = id.trim();
	if (!trimmed) {
		throw new NodeOperationError(this.getNode(), 'A field value has no field ID', {
			itemIndex,
			description: 'Enter the field ID (the component ID in the template) for every field value, or remove the empty row.',
		});
	}
	return trimmed;
}

/** The `fields` array for the body, or undefined when no field has a value. */
export function buildFieldValues(
	this: IExecuteFunctions,
	itemIndex: number,
): Array<{ id: string; value: string }> | undefined {
	const input = this.getNodeParameter('fieldInput', itemIndex, 'map') as string;
	const fields: Array<{ id: string; value: string }> = [];
	const add = (id: string, value: unknown) => {
		const text = fieldText.call(this, id, value, itemIndex);
		if (text !== undefined) fields.push({ id: checkId.call(this, id, itemIndex), value: text });
	};

	if (input === 'pairs') {
		const rows = this.getNodeParameter('fieldPairs.field', itemIndex, []) as IDataObject[];
		for (const row of rows) add(checkId.call(this, String(row.id ?? ''), itemIndex), row.value);
	} else {
		const mapper = this.getNodeParameter('fieldValues', itemIndex, null) as ResourceMapperValue | null;
		if (mapper?.mappingMode === 'autoMapInputData') {
			const json = this.getInputData()[itemIndex]?.json ?? {};
			for (const field of mapper.schema ?? []) {
				if (field.removed || !(field.id in json)) continue;
				add(field.id, json[field.id]);
			}
		} else {
			const values = (this.getNodeParameter('fieldValues.value', itemIndex, {}) ?? {}) as IDataObject;
			for (const [id, value] of Object.entries(values)) add(id, value);
		}
	}
	return fields.length > 0 ? fields : undefined;
}
