import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { templateLocator } from '../../../shared/descriptions';
import { bulkProperties, createMany } from './bulk';

/**
 * POST /v2.0/api/forms/mass_documents?template_id= with `{ documents: [...], comment }` —
 * api-reference §4.11. Each input item is one document; eformsign creates them asynchronously.
 */
export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['createMany'] } },
	bulkProperties(templateLocator),
);

export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await createMany.call(this, false);
}
