import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { explainFailures } from '../../../shared/errors';
import { eformsignRequest } from '../../../shared/transport';
import { duplicateNameExplanation, groupMembersProperty, readAccountIds } from './groupApi';

/** POST /v2.0/api/groups — api-reference §7. */
const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Sales',
		description: 'The name of the group; eformsign refuses a name another group already has',
	},
	groupMembersProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'e.g. Sales team',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'The group name is empty', {
			itemIndex,
			description: 'Enter a name for the group.',
		});
	}
	const members = readAccountIds.call(
		this,
		this.getNodeParameter('members', itemIndex, []),
		itemIndex,
	);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const group: IDataObject = {
		name,
		description: String(additionalFields.description ?? ''),
		members,
	};

	const response = await explainFailures(
		this.getNode(),
		async () =>
			await eformsignRequest.call(this, {
				method: 'POST',
				path: '/v2.0/api/groups',
				body: { group },
				itemIndex,
			}),
		duplicateNameExplanation(name),
		itemIndex,
	);
	return [{ json: (response.group as IDataObject | undefined) ?? response }];
}
