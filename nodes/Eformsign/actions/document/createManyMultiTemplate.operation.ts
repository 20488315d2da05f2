import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { templateLocator } from '../../../shared/descriptions';
import { bulkProperties, createMany } from './bulk';

/**
 * POST /v2.0/api/forms/mass_multi_documents with `{ documents: [{ template_id, ... }], comment }` —
 * api-reference §4.12. Each input item is one document of its own template.
 */
export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['createManyMultiTemplate'] } },
	bulkProperties({
		...templateLocator,
		description: 'The template of each document; map it per item with an expression',
	}),
);

export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await createMany.call(this, true);
}
