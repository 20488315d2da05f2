import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as createExternal from './createExternal.operation';
import * as createMany from './createMany.operation';
import * as createManyMultiTemplate from './createManyMultiTemplate.operation';
import * as decline from './decline.operation';
import * as declineExternal from './declineExternal.operation';
import * as deleteDocuments from './delete.operation';
import * as download from './download.operation';
import * as downloadAttachments from './downloadAttachments.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as resend from './resend.operation';

export const operations: ResourceOperations = {
	cancel,
	create,
	createExternal,
	createMany,
	createManyMultiTemplate,
	decline,
	declineExternal,
	delete: deleteDocuments,
	download,
	downloadAttachments,
	get,
	getMany,
	resend,
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
		],
		default: 'get',
	},
	...cancel.description,
	...create.description,
	...createExternal.description,
	...createMany.description,
	...createManyMultiTemplate.description,
	...decline.description,
	...declineExternal.description,
	...deleteDocuments.description,
	...download.description,
	...downloadAttachments.description,
	...get.description,
	...getMany.description,
	...resend.description,
];
