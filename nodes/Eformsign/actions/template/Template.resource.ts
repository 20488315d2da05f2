import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as deleteTemplate from './delete.operation';
import * as get from './get.operation';
import * as getImage from './getImage.operation';
import * as getMany from './getMany.operation';
import * as updatePermissions from './updatePermissions.operation';

export const operations: ResourceOperations = {
	delete: deleteTemplate,
	get,
	getImage,
	getMany,
	updatePermissions,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a template',
				description: 'Delete a template for good',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a template',
				description: 'Get one template, with its settings on request',
			},
			{
				name: 'Get Image',
				value: 'getImage',
				action: 'Get the preview image of a template',
				description: "Download the template's preview as a PNG file",
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many templates',
				description: 'List the templates the member can create documents with',
			},
			{
				name: 'Update Permissions',
				value: 'updatePermissions',
				action: 'Update the permissions of a template',
				description: 'Change who may use the template and who may change it',
			},
		],
		default: 'getMany',
	},
	...deleteTemplate.description,
	...get.description,
	...getImage.description,
	...getMany.description,
	...updatePermissions.description,
];
