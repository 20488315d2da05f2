import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DownloadedFile } from '../../../../shared/transport';

export const binaryPropertyProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

export const maxWaitOption: INodeProperties = {
	displayName: 'Max Wait',
	name: 'maxWaitSeconds',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 3600 },
	default: 60,
	description:
		'How many seconds to keep asking while eformsign is still generating the PDF (code 2020001). 0 asks once.',
};

/**
 * The file as n8n binary data, plus JSON metadata about it, so that a workflow (or an AI agent,
 * which never sees the binary) knows what was downloaded.
 */
export async function fileItem(
	this: IExecuteFunctions,
	file: DownloadedFile,
	metadata: { document_id: string; file_type: string; fallbackName: string },
	itemIndex: number,
): Promise<INodeExecutionData> {
	const binaryPropertyName = String(
		this.getNodeParameter('binaryPropertyName', itemIndex, 'data') || 'data',
	).trim();
	const fileName = file.fileName || metadata.fallbackName;
	const binary = await this.helpers.prepareBinaryData(file.stream, fileName, file.mimeType);
	const json: IDataObject = {
		document_id: metadata.document_id,
		file_type: metadata.file_type,
		file_name: fileName,
		mime_type: file.mimeType,
		file_size: binary.bytes ?? file.size,
		binary_property: binaryPropertyName,
	};
	return { json, binary: { [binaryPropertyName]: binary } };
}
