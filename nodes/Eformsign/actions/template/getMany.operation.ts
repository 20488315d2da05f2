import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { simplifyProperty } from '../../../shared/descriptions';
import { limitProperty, returnAllProperty } from '../common.descriptions';
import { resultLimit } from '../helpers/resultLimit';
import { simplifyTemplate } from './helpers/simplify';
import { fetchTemplates, isEnabled, nameContains } from '../../../shared/api/templates';
import type { ForItem } from '../../../shared/transport';

/** The templates the credential's member can create documents with. */
const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	simplifyProperty,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Include Disabled',
				name: 'includeDisabled',
				type: 'boolean',
				default: false,
				description: 'Whether to include expired or deactivated templates, which cannot create documents',
			},
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. contract',
				description: 'Only templates whose name contains this text (not case-sensitive)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['getMany'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const limit = resultLimit.call(this, itemIndex);
	// eformsign answers the whole list at once; there is nothing to page.
	const templates = (await fetchTemplates.call(this, forItem))
		.filter((template) => filters.includeDisabled === true || isEnabled(template))
		.filter((template) => nameContains(template, filters.name as string | undefined))
		.slice(0, limit);
	return templates.map((template) => ({ json: simplify ? simplifyTemplate(template) : template }));
}
