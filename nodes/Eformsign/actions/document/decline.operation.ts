import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../common.descriptions';
import { declineDocument } from '../../../shared/api/documents';
import { idParameter } from '../../../shared/api/ids';
import { DOCUMENT_FIELD } from './helpers/documentIds';
import { withStatusNames } from './helpers/statusNames';
import type { ForItem } from '../../../shared/transport';

/** Sends a document back to an earlier step, as a member taking part in it. */
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
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const documentId = idParameter.call(this, 'documentId', DOCUMENT_FIELD, itemIndex);
	const stepsBack = this.getNodeParameter('stepsBack', itemIndex, 1) as number;
	if (!Number.isInteger(stepsBack) || stepsBack < 1) {
		throw new NodeOperationError(this.getNode(), `Steps to Go Back is ${String(stepsBack)}`, {
			itemIndex,
			description: 'Set Steps to Go Back to a whole number of 1 or more.',
		});
	}
	const comment = String(this.getNodeParameter('comment', itemIndex, '') ?? '');
	const response = await declineDocument.call(this, documentId, { stepsBack, comment }, forItem);
	return [{ json: withStatusNames(response) }];
}
