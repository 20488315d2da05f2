import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../common.descriptions';
import { downloadAttachments } from '../../../shared/api/documents';
import { idParameter } from '../../../shared/api/ids';
import { DOCUMENT_FIELD } from './helpers/documentIds';
import { binaryPropertyProperty, fileItem } from './helpers/fileOutput';
import type { ForItem } from '../../../shared/transport';

/** The attachments of a document in a ZIP file, as n8n binary data. */
const properties: INodeProperties[] = [
	documentLocator,
	binaryPropertyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Attachments Only',
				name: 'attachmentsOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to leave the document PDF out of the ZIP file (doc_without_attachments)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['downloadAttachments'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const documentId = idParameter.call(this, 'documentId', DOCUMENT_FIELD, itemIndex);
	const file = await downloadAttachments.call(
		this,
		documentId,
		options.attachmentsOnly === true,
		forItem,
	);
	const item = await fileItem.call(
		this,
		file,
		{
			document_id: documentId,
			file_type: 'attachments',
			fallbackName: `${documentId}.zip`,
		},
		itemIndex,
	);
	return [item];
}
