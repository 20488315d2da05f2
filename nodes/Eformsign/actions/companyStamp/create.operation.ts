import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import {
	readStampAuth,
	readStampImage,
	sendStamp,
	stampDescriptionField,
	stampImageField,
	stampNameField,
	stampPermissionProperties,
} from './helpers/stampParameters';
import type { ForItem } from '../../../shared/transport';

/** A new company stamp from a PNG in the input item (docs/api/eformsign-api-notes.md, "Company stamps"). */
const properties: INodeProperties[] = [
	{ ...stampNameField, required: true },
	{ ...stampImageField, required: true },
	...stampPermissionProperties(false),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [stampDescriptionField],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['companyStamp'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'The stamp name is empty', {
			itemIndex,
			description: 'Enter a name for the stamp.',
		});
	}
	const path = await readStampImage.call(
		this,
		this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
		itemIndex,
	);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const stamp: IDataObject = {
		name,
		// Always sent, "" when empty: one source marks it required.
		description: String(additionalFields.description ?? ''),
		stamp: { path },
		auth: readStampAuth.call(this, itemIndex),
	};
	return [{ json: await sendStamp.call(this, { stamp }, itemIndex, forItem) }];
}
