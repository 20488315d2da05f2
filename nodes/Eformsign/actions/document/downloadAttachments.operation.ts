import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../../../shared/descriptions';
import { eformsignDownload } from '../../../shared/transport';
import { documentSegment } from './documentIds';
import { binaryPropertyProperty, fileItem } from './fileOutput';

/** GET /v2.0/api/documents/{document_id}/download_attach_files — api-reference §4.5 (a ZIP file). */
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
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const segment = documentSegment.call(this, itemIndex);
	const file = await eformsignDownload.call(this, {
		method: 'GET',
		path: `/v2.0/api/documents/${segment}/download_attach_files`,
		qs: { doc_without_attachments: options.attachmentsOnly === true ? 'true' : 'false' },
		itemIndex,
	});
	const item = await fileItem.call(
		this,
		file,
		{
			document_id: decodeURIComponent(segment),
			file_type: 'attachments',
			fallbackName: `${decodeURIComponent(segment)}.zip`,
		},
		itemIndex,
	);
	return [item];
}
