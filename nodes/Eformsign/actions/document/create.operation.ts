import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { templateLocator } from '../../../shared/descriptions';
import { eformsignRequest } from '../../../shared/transport';
import {
	buildDocument,
	commentProperty,
	documentNameProperty,
	documentOptionFields,
	draftNotice,
} from './documentOptions';
import { validId } from './documentIds';
import { fieldValueProperties } from './fieldValues';
import { recipientsProperty } from './recipients';
import { withStatusNames } from './statusNames';

/** POST /v2.0/api/documents?template_id= — api-reference §4.1 (the first writer is a company member). */
const properties: INodeProperties[] = [
	templateLocator,
	documentNameProperty,
	commentProperty,
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
	{ show: { resource: ['document'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const templateId = this.getNodeParameter('templateId', itemIndex, '', { extractValue: true });
	const response = await eformsignRequest.call(this, {
		method: 'POST',
		path: '/v2.0/api/documents',
		qs: { template_id: validId.call(this, templateId, 'template ID', itemIndex) },
		body: { document: buildDocument.call(this, itemIndex) },
		itemIndex,
	});
	return [{ json: withStatusNames(response) }];
}
