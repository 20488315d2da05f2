import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { simplifyProperty } from '../../../shared/descriptions';
import { idParameter } from '../../../shared/api/ids';
import { getStamp } from '../../../shared/api/stamps';
import { stampLocator } from '../common.descriptions';
import { STAMP_FIELD, stampItems } from './helpers/stampParameters';
import type { ForItem } from '../../../shared/transport';

/** One company stamp (docs/api/eformsign-api-notes.md, "Company stamps"). */
const properties: INodeProperties[] = [
	stampLocator,
	{
		...simplifyProperty,
		description:
			'Whether to return the ID, name, description, who may use the stamp and the dates, without the image, instead of the raw data (which holds the image as a data URL)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['companyStamp'], operation: ['get'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const stampId = idParameter.call(this, 'stampId', STAMP_FIELD, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return stampItems([await getStamp.call(this, stampId, forItem)], simplify);
}
