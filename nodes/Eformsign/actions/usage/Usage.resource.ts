import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as getUsage from './getUsage.operation';

export const operations: ResourceOperations = { getUsage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['usage'] } },
		options: [
			{
				name: 'Get Usage',
				value: 'getUsage',
				action: 'Get usage of the company',
				description: "Get the company's document and authentication usage for a month or a year",
			},
		],
		default: 'getUsage',
	},
	...getUsage.description,
];
