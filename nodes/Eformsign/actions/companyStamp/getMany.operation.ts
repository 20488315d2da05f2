import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { simplifyProperty } from '../../../shared/descriptions';
import { fetchStamps } from '../../../shared/api/stamps';
import { nameContains } from '../../../shared/api/templates';
import { limitProperty, returnAllProperty } from '../common.descriptions';
import { resultLimit } from '../helpers/resultLimit';
import { stampItems } from './helpers/stampParameters';
import type { ForItem } from '../../../shared/transport';

/** The company's stamps (docs/api/eformsign-api-notes.md, "Company stamps"), all in one answer. */
const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	{
		...simplifyProperty,
		description:
			'Whether to return the ID, name, description, who may use the stamp and the dates, without the image, instead of the raw data (which holds the image as a data URL)',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. seal',
				description: 'Only stamps whose name contains this text (not case-sensitive)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['companyStamp'], operation: ['getMany'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const limit = resultLimit.call(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	// eformsign answers the whole list at once; there is nothing to page.
	const stamps = (await fetchStamps.call(this, forItem))
		.filter((stamp) => nameContains(stamp, filters.name as string | undefined))
		.slice(0, limit);
	return stampItems(stamps, simplify);
}
