import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../node.type';
import * as deleteMember from './delete.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { delete: deleteMember, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['member'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a member',
				description: 'Remove a member from the company (the eformsign account itself remains)',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many members',
				description: 'List the members of the company',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a member',
				description: "Change a member's name, status, department, position, phone numbers or roles",
			},
		],
		default: 'getMany',
	},
	...deleteMember.description,
	...getMany.description,
	...update.description,
];
