import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../../../shared/descriptions';
import { eformsignRequest } from '../../../shared/transport';
import { documentSegment } from './documentIds';
import { RECIPIENT_STEP_TYPES, buildRecipients, recipientsProperty } from './recipients';
import { withStatusNames } from './statusNames';

/**
 * POST /v2.0/api/documents/{document_id}/re_request_outsider with
 * `{ input: { next_steps: [{ step_type, step_seq, recipients, comment }] } }` — api-reference §4.10.
 */
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
): Promise<INodeExecutionData[]> {
	const segment = documentSegment.call(this, itemIndex);
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
	const response = await eformsignRequest.call(this, {
		method: 'POST',
		path: `/v2.0/api/documents/${segment}/re_request_outsider`,
		body: { input: { next_steps: [step] } },
		itemIndex,
	});
	return [{ json: withStatusNames({ document_id: decodeURIComponent(segment), ...response }) }];
}
