import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { idParameter } from '../../../shared/api/ids';
import { fetchStamps, stampAuth } from '../../../shared/api/stamps';
import { stampLocator } from '../common.descriptions';
import { updateFieldsProperty } from '../helpers/updateFields';
import {
	readStampAuth,
	readStampImage,
	sendStamp,
	STAMP_FIELD,
	stampDescriptionField,
	stampImageField,
	stampNameField,
	stampPermissionProperties,
} from './helpers/stampParameters';
import type { ForItem } from '../../../shared/transport';

/**
 * Changes a company stamp. eformsign takes the whole stamp on every update, and an update without
 * `auth` resets the stamp to "every member may use it" (docs/api/eformsign-api-notes.md, "Company
 * stamps"), so what the user does not change is read from the stamp and sent back as it is; an
 * empty image path keeps the image.
 */
const properties: INodeProperties[] = [
	stampLocator,
	updateFieldsProperty([
		{ ...stampDescriptionField, description: 'Left out, the current description is kept; empty, it is cleared' },
		{ ...stampImageField, hint: 'The input binary field holding the new image (PNG). Left out, the image is kept.' },
		{ ...stampNameField, description: 'Left out or empty, the current name is kept' },
	]),
	...stampPermissionProperties(true),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['companyStamp'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const stampId = idParameter.call(this, 'stampId', STAMP_FIELD, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const auth = readStampAuth.call(this, itemIndex);
	if (Object.keys(fields).length === 0 && auth === undefined) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add a field under "Update Fields", or choose who may use the stamp.',
		});
	}
	const name = typeof fields.name === 'string' && fields.name.trim() ? fields.name.trim() : undefined;
	const newDescription = fields.description === undefined ? undefined : String(fields.description);
	const path =
		fields.binaryPropertyName === undefined
			? ''
			: await readStampImage.call(this, fields.binaryPropertyName, itemIndex);

	let current: IDataObject | undefined;
	if (name === undefined || newDescription === undefined || auth === undefined) {
		// The list names members by login e-mail, which is what the update takes back.
		current = (await fetchStamps.call(this, forItem)).find((stamp) => stamp.id === stampId);
		if (!current) {
			throw new NodeOperationError(this.getNode(), `No company stamp has the ID "${stampId}"`, {
				itemIndex,
				description: 'Pick the stamp from the list, or map the "id" of Company Stamp > Get Many. It may have been deleted.',
			});
		}
	}
	const stamp: IDataObject = {
		name: name ?? String(current?.name ?? ''),
		description: newDescription ?? String(current?.description ?? ''),
		stamp: { path },
		auth: auth ?? stampAuth(current!),
	};
	const changed = [
		...(name !== undefined ? ['name'] : []),
		...(newDescription !== undefined ? ['description'] : []),
		...(path ? ['image'] : []),
		...(auth !== undefined ? ['permissions'] : []),
	];
	const output = await sendStamp.call(this, { stampId, stamp }, itemIndex, forItem);
	return [{ json: { ...output, changed } }];
}
