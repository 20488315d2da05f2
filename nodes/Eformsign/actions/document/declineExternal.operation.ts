import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../common.descriptions';
import { declineAsExternalRecipient } from '../../../shared/api/documents';
import { idParameter } from '../../../shared/api/ids';
import { DOCUMENT_FIELD } from './helpers/documentIds';
import { withStatusNames } from './helpers/statusNames';
import type { ForItem } from '../../../shared/transport';

/** Declines for an external recipient; eformsign takes the API key here, not a token. */
const properties: INodeProperties[] = [
	documentLocator,
	{
		displayName: 'Outside Token',
		name: 'outsideToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: 'e.g. 9f1c2d3e-4b5a-6c7d-8e9f-0a1b2c3d4e5f',
		description:
			"The external recipient's token: outside_token of the trigger's event, or token_ID of Get with Include External Tokens",
	},
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		placeholder: 'e.g. I do not agree with clause 3.',
		description: 'Why the recipient declines',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['declineExternal'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const documentId = idParameter.call(this, 'documentId', DOCUMENT_FIELD, itemIndex);
	const outsideToken = String(this.getNodeParameter('outsideToken', itemIndex, '') ?? '').trim();
	if (!outsideToken) {
		throw new NodeOperationError(this.getNode(), 'The outside token is empty', {
			itemIndex,
			description:
				"Map the external recipient's outside_token from the eformsign Trigger, or token_id from Get with Include External Tokens.",
		});
	}
	const comment = String(this.getNodeParameter('comment', itemIndex, '') ?? '');
	const response = await declineAsExternalRecipient.call(
		this,
		documentId,
		{ outsideToken, comment },
		forItem,
	);
	return [{ json: withStatusNames(response) }];
}
