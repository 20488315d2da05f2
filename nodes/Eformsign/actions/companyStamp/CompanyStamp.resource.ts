import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as create from './create.operation';
import * as deleteStamp from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { create, delete: deleteStamp, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['companyStamp'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a company stamp',
				description: 'Add a company stamp from a PNG image',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a company stamp',
				description: 'Delete a company stamp',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a company stamp',
				description: 'Get one company stamp',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many company stamps',
				description: 'List the company stamps',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a company stamp',
				description: "Change a stamp's name, description, image or who may use it",
			},
		],
		default: 'getMany',
	},
	...create.description,
	...deleteStamp.description,
	...get.description,
	...getMany.description,
	...update.description,
];
