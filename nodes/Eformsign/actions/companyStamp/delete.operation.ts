import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { explainFailures } from '../../../shared/errors';
import { idParameter } from '../../../shared/api/ids';
import { deleteStamp } from '../../../shared/api/stamps';
import { stampLocator } from '../common.descriptions';
import { ADMIN_ONLY, STAMP_FIELD } from './helpers/stampParameters';
import type { ForItem } from '../../../shared/transport';

/** Deletes a company stamp (administrators only). */
const properties: INodeProperties[] = [stampLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['companyStamp'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const stampId = idParameter.call(this, 'stampId', STAMP_FIELD, itemIndex);
	await explainFailures(
		this.getNode(),
		async () => await deleteStamp.call(this, stampId, forItem),
		ADMIN_ONLY,
		itemIndex,
	);
	return [{ json: { stamp_id: stampId, deleted: true } }];
}
