import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../common.descriptions';
import { resendDocument } from '../../../shared/api/documents';
import { idParameter } from '../../../shared/api/ids';
import { DOCUMENT_FIELD } from './helpers/documentIds';
import { RECIPIENT_STEP_TYPES, buildRecipients, recipientsProperty } from './helpers/recipients';
import { withStatusNames } from './helpers/statusNames';
import type { ForItem } from '../../../shared/transport';

/** Asks the recipients of one step of a document again. */
const properties: INodeProperties[] = [
	documentLocator,
	{
		displayName: 'Step Number',
		name: 'stepSeq',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Position of the step in the workflow: 1 is the first step after the start step',
	},
	{
		displayName: 'Step Type',
		name: 'stepType',
		type: 'options',
		options: RECIPIENT_STEP_TYPES,
		default: '05',
	},
	{ ...recipientsProperty(false), required: true },
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		placeholder: 'e.g. Reminder: please sign by Friday.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['resend'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const documentId = idParameter.call(this, 'documentId', DOCUMENT_FIELD, itemIndex);
	const stepSeq = this.getNodeParameter('stepSeq', itemIndex, 1) as number;
	if (!Number.isInteger(stepSeq) || stepSeq < 1) {
		throw new NodeOperationError(this.getNode(), `Step Number is ${String(stepSeq)}`, {
			itemIndex,
			description: 'Set Step Number to 1 for the first step after the start step, 2 for the next, and so on.',
		});
	}
	const recipients = buildRecipients.call(this, itemIndex, false);
	if (recipients.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No recipient was given', {
			itemIndex,
			description: 'Add the recipient who should receive the request again under Recipients.',
		});
	}
	const step: IDataObject = {
		step_type: this.getNodeParameter('stepType', itemIndex, '05') as string,
		step_seq: String(stepSeq),
		recipients,
		comment: String(this.getNodeParameter('comment', itemIndex, '') ?? ''),
	};
	const response = await resendDocument.call(this, documentId, step, forItem);
	return [{ json: withStatusNames({ document_id: documentId, ...response }) }];
}
