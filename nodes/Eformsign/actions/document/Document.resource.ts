import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as get from './get.operation';

export const operations: ResourceOperations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a document',
				description: 'Retrieve a document with its status, and optionally its fields and history',
			},
		],
		default: 'get',
	},
	...get.description,
];
