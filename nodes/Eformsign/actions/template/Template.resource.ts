import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as deleteTemplate from './delete.operation';
import * as getMany from './getMany.operation';

export const operations: ResourceOperations = { delete: deleteTemplate, getMany };

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
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many templates',
				description: 'List the templates the member can create documents with',
			},
		],
		default: 'getMany',
	},
	...deleteTemplate.description,
	...getMany.description,
];
