import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../../../shared/descriptions';
import { eformsignRequest } from '../../../shared/transport';
import { documentSegment } from './documentIds';
import { withStatusNames } from './statusNames';

/** POST /v2.0/api/documents/{document_id}/decline with `{ previous_steps, comment }` — api-reference §4.14. */
const properties: INodeProperties[] = [
	documentLocator,
	{
		displayName: 'Steps to Go Back',
		name: 'stepsBack',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'How many steps the document is sent back: 1 returns it to the previous step',
	},
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		placeholder: 'e.g. The start date is wrong, please correct it.',
		description: 'Why the document is declined; shown to the previous step',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['decline'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const segment = documentSegment.call(this, itemIndex);
	const stepsBack = this.getNodeParameter('stepsBack', itemIndex, 1) as number;
	if (!Number.isInteger(stepsBack) || stepsBack < 1) {
		throw new NodeOperationError(this.getNode(), `Steps to Go Back is ${String(stepsBack)}`, {
			itemIndex,
			description: 'Set Steps to Go Back to a whole number of 1 or more.',
		});
	}
	const response = await eformsignRequest.call(this, {
		method: 'POST',
		path: `/v2.0/api/documents/${segment}/decline`,
		// eformsign counts backwards: [-1] is one step back.
		body: {
			previous_steps: [-stepsBack],
			comment: String(this.getNodeParameter('comment', itemIndex, '') ?? ''),
		},
		itemIndex,
	});
	return [{ json: withStatusNames(response) }];
}
