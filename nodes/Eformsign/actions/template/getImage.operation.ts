import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { templateLocator } from '../../../shared/descriptions';
import { explainFailures } from '../../../shared/errors';
import { idParameter } from '../../../shared/api/ids';
import { downloadTemplateImage, getTemplate, templateImageId } from '../../../shared/api/templates';
import { binaryPropertyProperty } from '../document/helpers/fileOutput';
import { TEMPLATE_FIELD } from './helpers/templateIds';
import type { ForItem } from '../../../shared/transport';

/**
 * The template's preview as a PNG file. The image has its own ID (`file.form_image_id`), so the
 * template is read first (docs/api/eformsign-api-notes.md, "Template image").
 */
const properties: INodeProperties[] = [
	templateLocator,
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
				placeholder: 'e.g. contract-preview',
				description: "Base name of the image file. Leave empty for the template's name.",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['getImage'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const templateId = idParameter.call(this, 'templateId', TEMPLATE_FIELD, itemIndex);
	const binaryPropertyName = String(
		this.getNodeParameter('binaryPropertyName', itemIndex, 'data') || 'data',
	).trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const template = await getTemplate.call(this, templateId, false, forItem);
	const imageId = templateImageId(template);
	if (!imageId) {
		throw new NodeOperationError(this.getNode(), 'eformsign names no preview image for this template', {
			itemIndex,
			description:
				"eformsign's answer for this template has no file.form_image_id, so there is no image to download. Check the template in eformsign.",
		});
	}
	const image = await explainFailures(
		this.getNode(),
		async () => await downloadTemplateImage.call(this, imageId, forItem),
		{
			// eformsign's answer to an unknown image ID is INFERRED to be 4000065.
			'4000065': {
				message: 'eformsign could not find the preview image of this template',
				hint: 'The template may have changed since it was read. Try again; if it persists, check the template in eformsign.',
			},
		},
		itemIndex,
	);
	if (!image) {
		throw new NodeOperationError(this.getNode(), 'eformsign answered the template image with something that is not a PNG', {
			itemIndex,
			description: 'Neither an image nor base64 of a PNG came back. Try again later.',
		});
	}

	const baseName = String(options.fileName ?? '').trim() || String(template.name ?? templateId);
	const fileName = /\.png$/i.test(baseName) ? baseName : `${baseName}.png`;
	const binary = await this.helpers.prepareBinaryData(image.data, fileName, image.mimeType);
	const json: IDataObject = {
		template_id: templateId,
		template_name: template.name,
		image_id: imageId,
		file_name: fileName,
		mime_type: image.mimeType,
		file_size: binary.bytes ?? image.size,
		binary_property: binaryPropertyName,
	};
	return [{ json, binary: { [binaryPropertyName]: binary } }];
}
