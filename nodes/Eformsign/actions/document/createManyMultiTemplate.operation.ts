import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { templateLocator } from '../../../shared/descriptions';
import type { ForItem } from '../../../shared/transport';
import { bulkProperties, createMany } from './helpers/bulk';

/**
 * Many documents, each of its own template ("Bulk create" in docs/api/eformsign-api-notes.md).
 * Each input item is one document.
 */
export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['createManyMultiTemplate'] } },
	bulkProperties({
		...templateLocator,
		description: 'The template of each document; map it per item with an expression',
	}),
);

export async function executeAll(this: IExecuteFunctions, forAll: ForItem): Promise<INodeExecutionData[]> {
	return await createMany.call(this, true, forAll);
}
