import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { templateLocator } from '../../../shared/descriptions';
import { MASS_BATCH_SIZE, createMany } from './bulk';
import { documentNameProperty, documentOptionFields, draftNotice } from './documentOptions';
import { fieldValueProperties } from './fieldValues';
import { recipientsProperty } from './recipients';

/**
 * POST /v2.0/api/forms/mass_multi_documents with `{ documents: [{ template_id, ... }], comment }` —
 * api-reference §4.12. Each input item is one document of its own template.
 */
const properties: INodeProperties[] = [
	{
		displayName: `Every input item becomes one document. Items are sent in requests of up to ${MASS_BATCH_SIZE} documents; eformsign then creates them in the background (see request_id in the output).`,
		name: 'bulkNotice',
		type: 'notice',
		default: '',
	},
	{
		...templateLocator,
		description: 'The template of each document; map it per item with an expression',
	},
	documentNameProperty,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		placeholder: 'e.g. Please review and sign.',
		description: 'Message shown to every recipient asked to act, for the whole request',
	},
	draftNotice,
	recipientsProperty(),
	...fieldValueProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: documentOptionFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['createManyMultiTemplate'] } },
	properties,
);

export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await createMany.call(this, true);
}
