import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { templateLocator } from '../../../shared/descriptions';
import type { ForItem } from '../../../shared/transport';
import { bulkProperties, createMany } from './helpers/bulk';

/**
 * Many documents of one template ("Bulk create" in docs/api/eformsign-api-notes.md). Each input
 * item is one document; eformsign creates them in the background.
 */
export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['createMany'] } },
	bulkProperties(templateLocator),
);

export async function executeAll(this: IExecuteFunctions, forAll: ForItem): Promise<INodeExecutionData[]> {
	return await createMany.call(this, false, forAll);
}
