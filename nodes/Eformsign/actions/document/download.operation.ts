import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../common.descriptions';
import { downloadDocumentFiles } from '../../../shared/api/documents';
import { idParameter } from '../../../shared/api/ids';
import { DOCUMENT_FIELD } from './helpers/documentIds';
import { binaryPropertyProperty, fileItem, maxWaitOption } from './helpers/fileOutput';
import type { ForItem } from '../../../shared/transport';

/** The document PDF, its audit trail, or both in a ZIP file, as n8n binary data. */
const properties: INodeProperties[] = [
	documentLocator,
	{
		displayName: 'File',
		name: 'fileType',
		type: 'options',
		options: [
			{ name: 'Document PDF', value: 'document', description: 'The document as a PDF' },
			{
				name: 'Audit Trail',
				value: 'audit_trail',
				description: 'The audit trail PDF (only once the document is completed)',
			},
			{
				name: 'Both (ZIP)',
				value: 'document,audit_trail',
				description: 'The document and its audit trail in one ZIP file',
			},
		],
		default: 'document',
	},
	binaryPropertyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. contract-2025',
				description: "Base name of the downloaded file. Leave empty for the document's name.",
			},
			maxWaitOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['download'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const fileType = this.getNodeParameter('fileType', itemIndex, 'document') as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const documentId = idParameter.call(this, 'documentId', DOCUMENT_FIELD, itemIndex);
	const maxWait = options.maxWaitSeconds === undefined ? 60 : Number(options.maxWaitSeconds);
	if (!Number.isFinite(maxWait) || maxWait < 0 || maxWait > 3600) {
		throw new NodeOperationError(this.getNode(), `Max Wait is ${String(options.maxWaitSeconds)}`, {
			itemIndex,
			description: 'Set Max Wait to a number of seconds between 0 and 3600.',
		});
	}

	const fileName = String(options.fileName ?? '').trim();
	const file = await downloadDocumentFiles.call(
		this,
		documentId,
		{ fileType, fileName, maxWaitSeconds: maxWait },
		forItem,
	);
	const single = fileType !== 'document,audit_trail';
	const item = await fileItem.call(
		this,
		file,
		{
			document_id: documentId,
			file_type: fileType,
			fallbackName: `${fileName || documentId}${single ? '.pdf' : '.zip'}`,
		},
		itemIndex,
	);
	return [item];
}
