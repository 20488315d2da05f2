import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { simplifyProperty, templateLocator } from '../../../shared/descriptions';
import { idParameter } from '../../../shared/api/ids';
import { getTemplate } from '../../../shared/api/templates';
import { simplifyTemplateDetail } from './helpers/simplify';
import { TEMPLATE_FIELD } from './helpers/templateIds';
import type { ForItem } from '../../../shared/transport';

/** One template, with its settings on request (docs/api/eformsign-api-notes.md, "Get one template"). */
const properties: INodeProperties[] = [
	templateLocator,
	{
		...simplifyProperty,
		description:
			'Whether to return only the name, version, category, owner, dates, whether it is enabled and its image ID, instead of the raw data',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Settings',
				name: 'includeConfig',
				type: 'boolean',
				default: false,
				description:
					"Whether to include the template's settings (eformsign's config: parameters, display, step and notification settings), as eformsign sends them",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['get'] } },
	properties,
);

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const templateId = idParameter.call(this, 'templateId', TEMPLATE_FIELD, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const includeConfig = options.includeConfig === true;
	const template = await getTemplate.call(this, templateId, includeConfig, forItem);
	return [{ json: simplify ? simplifyTemplateDetail(template, includeConfig) : template }];
}
