import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../common.descriptions';
import { sendDraft } from '../../../shared/api/documentSteps';
import { idParameter } from '../../../shared/api/ids';
import { explainFailures } from '../../../shared/errors';
import { DOCUMENT_FIELD } from './helpers/documentIds';
import { withStatusNames } from './helpers/statusNames';
import type { ForItem } from '../../../shared/transport';

/**
 * Sends a "my file" draft on to the recipients saved with it (docs/api/eformsign-api-notes.md,
 * "Send a draft"). Acts as the credential's member, who must be the draft's creator.
 */
const properties: INodeProperties[] = [
	{
		displayName:
			'Only drafts made from "my file" (uploaded without a template) can be sent this way, and only by their creator: the credential needs a Member ID',
		name: 'sendDraftNotice',
		type: 'notice',
		default: '',
	},
	documentLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				placeholder: 'e.g. Please review and sign by Friday.',
				description: 'Message shown to the recipients of the next step',
			},
			{
				displayName: 'Remove Company Stamp Mark',
				name: 'removeCompanyStampMark',
				type: 'boolean',
				default: false,
				description: "Whether to send the document without the company stamp's mark",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['sendDraft'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const documentId = idParameter.call(this, 'documentId', DOCUMENT_FIELD, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const response = await explainFailures(
		this.getNode(),
		async () =>
			await sendDraft.call(
				this,
				documentId,
				{
					comment: String(options.comment ?? ''),
					removeCompanyStampMark: options.removeCompanyStampMark === true,
				},
				forItem,
			),
		{
			// eformsign's text for a token without a member (INFERRED: what a company token gets here).
			'4030001': {
				message: 'Send Draft acts as a member, and the credential has no Member ID (or an unknown one)',
				hint: "Set Member ID in the eformsign API credential to the draft's creator: the e-mail address they sign in with.",
			},
			'4030009': {
				message: "Only the draft's creator can send it",
				hint: "Use a credential whose Member ID is the member who saved the draft.",
			},
		},
		itemIndex,
	);
	return [{ json: withStatusNames(response) }];
}
