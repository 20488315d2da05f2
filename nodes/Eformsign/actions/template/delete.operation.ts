import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { templateLocator } from '../../../shared/descriptions';
import { idParameter } from '../../../shared/api/ids';
import { deleteTemplate } from '../../../shared/api/templates';
import type { ForItem } from '../../../shared/transport';

/** Deletes a template for good. */
const properties: INodeProperties[] = [
	{
		displayName: 'Deleting a template cannot be undone. Documents already made from it are kept.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	templateLocator,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const templateId = idParameter.call(
		this,
		'templateId',
		{ kind: 'template', field: 'Template' },
		itemIndex,
	);
	await deleteTemplate.call(this, templateId, forItem);
	return [{ json: { template_id: templateId, deleted: true } }];
}
