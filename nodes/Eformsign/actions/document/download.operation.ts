import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../../../shared/descriptions';
import { eformsignDownload } from '../../../shared/transport';
import { documentSegment } from './documentIds';
import { binaryPropertyProperty, fileItem, maxWaitOption } from './fileOutput';

/** GET /v2.0/api/documents/{document_id}/download_files?file_type=&file_name= — api-reference §4.4. */
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
): Promise<INodeExecutionData[]> {
	const fileType = this.getNodeParameter('fileType', itemIndex, 'document') as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const segment = documentSegment.call(this, itemIndex);
	const maxWait = options.maxWaitSeconds === undefined ? 60 : Number(options.maxWaitSeconds);
	if (!Number.isFinite(maxWait) || maxWait < 0 || maxWait > 3600) {
		throw new NodeOperationError(this.getNode(), `Max Wait is ${String(options.maxWaitSeconds)}`, {
			itemIndex,
			description: 'Set Max Wait to a number of seconds between 0 and 3600.',
		});
	}

	const qs: IDataObject = { file_type: fileType };
	const fileName = String(options.fileName ?? '').trim();
	if (fileName) qs.file_name = fileName;
	const file = await eformsignDownload.call(this, {
		method: 'GET',
		path: `/v2.0/api/documents/${segment}/download_files`,
		qs,
		maxWaitSeconds: maxWait,
		itemIndex,
	});
	const single = fileType !== 'document,audit_trail';
	const item = await fileItem.call(
		this,
		file,
		{
			document_id: decodeURIComponent(segment),
			file_type: fileType,
			fallbackName: `${fileName || decodeURIComponent(segment)}${single ? '.pdf' : '.zip'}`,
		},
		itemIndex,
	);
	return [item];
}
