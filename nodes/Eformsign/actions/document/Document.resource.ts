import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as approveIntegrated from './approveIntegrated.operation';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as createExternal from './createExternal.operation';
import * as createMany from './createMany.operation';
import * as createManyMultiTemplate from './createManyMultiTemplate.operation';
import * as decline from './decline.operation';
import * as declineExternal from './declineExternal.operation';
import * as declineIntegrated from './declineIntegrated.operation';
import * as deleteDocuments from './delete.operation';
import * as download from './download.operation';
import * as downloadAttachments from './downloadAttachments.operation';
import * as downloadMany from './downloadMany.operation';
import * as extendCompletionTokens from './extendCompletionTokens.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as resend from './resend.operation';
import * as sendCompletedPdf from './sendCompletedPdf.operation';
import * as sendDraft from './sendDraft.operation';

export const operations: ResourceOperations = {
	approveIntegrated,
	cancel,
	create,
	createExternal,
	createMany,
	createManyMultiTemplate,
	decline,
	declineExternal,
	declineIntegrated,
	delete: deleteDocuments,
	download,
	downloadAttachments,
	downloadMany,
	extendCompletionTokens,
	get,
	getMany,
	resend,
	sendCompletedPdf,
	sendDraft,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{
				name: 'Approve (Integrated Approval)',
				value: 'approveIntegrated',
				action: 'Approve a document for your approval system',
				description:
					"Report that the company's own approval system approved the document's approval step",
			},
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel documents',
				description: 'Cancel (revoke) one or more documents in progress',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a document',
				description: 'Create a document from a template and send it to its recipients',
			},
			{
				name: 'Create for External Writer',
				value: 'createExternal',
				action: 'Create a document for an external writer',
				description: 'Create a document whose first writer is not a company member',
			},
			{
				name: 'Create Many (Bulk)',
				value: 'createMany',
				action: 'Create many documents from one template',
				description: 'Create one document per input item from one template, in bulk requests',
			},
			{
				name: 'Create Many with Multiple Templates (Bulk)',
				value: 'createManyMultiTemplate',
				action: 'Create many documents from several templates',
				description: 'Create one document per input item, each from its own template',
			},
			{
				name: 'Decline (Integrated Approval)',
				value: 'declineIntegrated',
				action: 'Decline a document for your approval system',
				description:
					"Report that the company's own approval system declined the document's approval step",
			},
			{
				name: 'Decline as External Recipient',
				value: 'declineExternal',
				action: 'Decline a document as an external recipient',
				description: "Decline a document with an external recipient's outside token",
			},
			{
				name: 'Decline as Member',
				value: 'decline',
				action: 'Decline a document as a member',
				description: 'Send a document back to an earlier step',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete documents',
				description: 'Delete one or more documents, to the trash or permanently',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a document',
				description: 'Download the document PDF, its audit trail, or both as a ZIP file',
			},
			{
				name: 'Download Attachments',
				value: 'downloadAttachments',
				action: 'Download attachments of a document',
				description: 'Download the attachments of a document as a ZIP file',
			},
			{
				name: 'Download Many',
				value: 'downloadMany',
				action: 'Download many documents as a ZIP file',
				description: 'Download the PDFs and/or audit trails of many completed documents in one ZIP file',
			},
			{
				name: 'Extend Completion Tokens',
				value: 'extendCompletionTokens',
				action: 'Extend the links of a completed document',
				description: 'Make the links through which recipients open a completed document valid for 15 more days',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a document',
				description: 'Retrieve a document with its status, and optionally its fields and history',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many documents',
				description: 'List the documents of a document box, with filters',
			},
			{
				name: 'Resend to External Recipient',
				value: 'resend',
				action: 'Resend a document to an external recipient',
				description: 'Send the request of a step again, to the same or another recipient',
			},
			{
				name: 'Send Completed PDF',
				value: 'sendCompletedPdf',
				action: 'Send the PDF of completed documents',
				description: 'Send the final PDF of one or many completed documents to people by email or SMS',
			},
			{
				name: 'Send Draft',
				value: 'sendDraft',
				action: 'Send a draft on to its recipients',
				description: 'Send a draft made from "my file" to the recipients saved with it',
			},
		],
		default: 'get',
	},
	...approveIntegrated.description,
	...cancel.description,
	...create.description,
	...createExternal.description,
	...createMany.description,
	...createManyMultiTemplate.description,
	...decline.description,
	...declineExternal.description,
	...declineIntegrated.description,
	...deleteDocuments.description,
	...download.description,
	...downloadAttachments.description,
	...downloadMany.description,
	...extendCompletionTokens.description,
	...get.description,
	...getMany.description,
	...resend.description,
	...sendCompletedPdf.description,
	...sendDraft.description,
];
