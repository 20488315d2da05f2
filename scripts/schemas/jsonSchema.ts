// Output schemas in the format of n8n-nodes-base's `__schema__` files: a draft-07 style subset with
// only `type`, `properties` and `items`, where `type` is one name or a list of names.

export type SchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface JsonSchema {
	type: SchemaType | SchemaType[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
}

/** The order types are listed in when a value has more than one ('null' last, as nodes-base writes it). */
const TYPE_ORDER: SchemaType[] = [
	'string',
	'number',
	'integer',
	'boolean',
	'object',
	'array',
	'null',
];

export function typeOf(value: unknown): SchemaType {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	if (typeof value === 'boolean') return 'boolean';
	if (typeof value === 'object') return 'object';
	return 'string';
}

function typesOf(schema: JsonSchema): SchemaType[] {
	return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function withTypes(types: Iterable<SchemaType>): JsonSchema['type'] {
	const set = new Set(types);
	if (set.has('number')) set.delete('integer');
	const sorted = TYPE_ORDER.filter((type) => set.has(type));
	return sorted.length === 1 ? sorted[0] : sorted;
}

/** The schema of one value. Keys keep the order the node outputs them in. */
export function inferSchema(value: unknown): JsonSchema {
	const type = typeOf(value);
	if (type === 'object') {
		const properties: Record<string, JsonSchema> = {};
		for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
			properties[key] = inferSchema(child);
		}
		return { type, properties };
	}
	if (type === 'array') {
		const items = (value as unknown[])
			.map(inferSchema)
			.reduce<
				JsonSchema | undefined
			>((merged, item) => (merged ? mergeSchemas(merged, item) : item), undefined);
		return items ? { type, items } : { type };
	}
	return { type };
}

/** A schema that allows everything either schema allows; properties seen in only one are kept. */
export function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
	const merged: JsonSchema = { type: withTypes([...typesOf(a), ...typesOf(b)]) };
	if (a.properties || b.properties) {
		const properties: Record<string, JsonSchema> = { ...a.properties };
		for (const [key, schema] of Object.entries(b.properties ?? {})) {
			properties[key] = properties[key] ? mergeSchemas(properties[key], schema) : schema;
		}
		merged.properties = properties;
	}
	if (a.items && b.items) merged.items = mergeSchemas(a.items, b.items);
	else if (a.items || b.items) merged.items = a.items ?? b.items;
	return merged;
}

/** The schema of a node's output items: what every item's `json` fits. */
export function schemaOfItems(items: Array<{ json: unknown }>): JsonSchema {
	if (items.length === 0) throw new Error('no output items to infer a schema from');
	return items.map((item) => inferSchema(item.json)).reduce(mergeSchemas);
}

/** The file text: tab-indented, with a final newline. */
export function formatSchema(schema: JsonSchema): string {
	return JSON.stringify(schema, null, '\t') + '\n';
}

/**
 * Where `value` leaves `schema`: every key must be a known property and every value of a type the
 * schema allows (an integer fits 'number'). Arrays without `items` and objects without
 * `properties` accept any content. Returns one line per problem, empty when the value conforms.
 */
export function schemaViolations(value: unknown, schema: JsonSchema, path = '$'): string[] {
	const type = typeOf(value);
	const allowed = typesOf(schema);
	if (!allowed.includes(type) && !(type === 'integer' && allowed.includes('number'))) {
		return [`${path}: ${type} where the schema allows ${allowed.join(' | ')}`];
	}
	const problems: string[] = [];
	if (type === 'object' && schema.properties) {
		for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
			const childSchema = schema.properties[key];
			if (!childSchema) problems.push(`${path}.${key}: not in the schema`);
			else problems.push(...schemaViolations(child, childSchema, `${path}.${key}`));
		}
	}
	if (type === 'array' && schema.items) {
		(value as unknown[]).forEach((child, index) => {
			problems.push(...schemaViolations(child, schema.items!, `${path}[${index}]`));
		});
	}
	return problems;
}
