// Which top-level parameters the editor must show for a resource and operation, worked out from
// the node's own description (displayOptions evaluated against the defaults), so the browser check
// follows the node as operations change.

function matches(condition, value) {
	return condition.some((allowed) => {
		if (allowed !== null && typeof allowed === 'object') return true; // {_cnd: …}: not evaluated here
		return Array.isArray(value) ? value.includes(allowed) : allowed === value;
	});
}

function shown(property, values) {
	const { show, hide } = property.displayOptions ?? {};
	// `@tool` is true only in the AI tool n8n generates from a node (nodes/Eformsign/actions/helpers/toolOperations.ts).
	const valueOf = (key) =>
		key === '@tool' ? (values['@tool'] ?? false) : values[key.replace(/^\//, '')];
	for (const [key, condition] of Object.entries(show ?? {})) {
		if (key.startsWith('@') && key !== '@tool') continue;
		if (!matches(condition, valueOf(key))) return false;
	}
	for (const [key, condition] of Object.entries(hide ?? {})) {
		if (key.startsWith('@') && key !== '@tool') continue;
		if (matches(condition, valueOf(key))) return false;
	}
	return true;
}

/** [{ name, displayName, type }] of the parameters shown for `values` (resource, operation, …). */
function visibleParameters(description, values) {
	const current = {};
	for (const property of description.properties) {
		if (!(property.name in current) || shown(property, { ...current, ...values }))
			current[property.name] = property.default;
	}
	Object.assign(current, values);
	return description.properties
		.filter((property) => property.type !== 'hidden' && shown(property, current))
		.map(({ name, displayName, type }) => ({ name, displayName, type }));
}

/**
 * Parameters a workflow sets that the node would not show for those values: n8n ignores them
 * silently, so a renamed parameter would make a workflow quietly do something else.
 */
function unknownParameters(description, parameters, ignore = []) {
	const known = new Set(
		visibleParameters(description, parameters).map((parameter) => parameter.name),
	);
	return Object.keys(parameters).filter((name) => !known.has(name) && !ignore.includes(name));
}

module.exports = { unknownParameters, visibleParameters };
