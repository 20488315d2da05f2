import type { INodeProperties } from 'n8n-workflow';

/**
 * Operations an AI Agent gains nothing from: their result is a file (binary data), and an agent
 * reads only the JSON of a tool's output, so it would get a file name and a size. docs/ai-agent.md
 * has the whole choice.
 */
const NOT_FOR_AI_TOOLS: Record<string, string[]> = {
	document: ['download', 'downloadAttachments', 'downloadMany'],
	template: ['getImage'],
};

/**
 * Splits the Operation parameter of a resource in two: the full list for the node, and the list
 * without NOT_FOR_AI_TOOLS for the tool n8n generates from it (`eformsignTool`). n8n's display
 * conditions read `@tool` as "this node type's name ends in Tool" (n8n-workflow node-helpers.ts,
 * getPropertyValues), on n8n 1.x and 2.x alike.
 */
export function hideFromAiTools(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		const show = property.displayOptions?.show;
		const resources = show?.resource;
		const hidden =
			property.name === 'operation' && Array.isArray(resources) && resources.length === 1
				? NOT_FOR_AI_TOOLS[String(resources[0])]
				: undefined;
		if (!show || !hidden) return [property];
		return [
			{
				...property,
				displayOptions: { ...property.displayOptions, show: { ...show, '@tool': [false] } },
			},
			{
				...property,
				displayOptions: { ...property.displayOptions, show: { ...show, '@tool': [true] } },
				options: (property.options ?? []).filter(
					(option) => !('value' in option) || !hidden.includes(String(option.value)),
				),
			},
		];
	});
}
