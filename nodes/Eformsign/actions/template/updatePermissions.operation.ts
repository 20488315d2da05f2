import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { templateLocator } from '../../../shared/descriptions';
import { explainFailures } from '../../../shared/errors';
import { idParameter } from '../../../shared/api/ids';
import { updateTemplatePermissions } from '../../../shared/api/templates';
import {
	permissionProperties,
	permissionsBody,
	permissionsOutput,
	readPermissionChanges,
} from './helpers/permissions';
import { TEMPLATE_FIELD } from './helpers/templateIds';
import type { ForItem } from '../../../shared/transport';

/**
 * Who may use a template and who may change it (docs/api/eformsign-api-notes.md, "Template
 * permissions"). eformsign takes changes, not the new state, so the output lists what was changed.
 */
const properties: INodeProperties[] = [
	{
		displayName:
			'eformsign changes only what is listed here: members and groups not named keep the permissions they have',
		name: 'permissionsNotice',
		type: 'notice',
		default: '',
	},
	templateLocator,
	...permissionProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['updatePermissions'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const templateId = idParameter.call(this, 'templateId', TEMPLATE_FIELD, itemIndex);
	const changes = readPermissionChanges.call(this, itemIndex);
	await explainFailures(
		this.getNode(),
		async () =>
			await updateTemplatePermissions.call(this, templateId, permissionsBody(changes), forItem),
		{
			'4030009': {
				message: "This member may not change the template's permissions",
				hint: "Set the credential's Member ID to an administrator's login e-mail, or to a member allowed to change this template. A company token (no Member ID) is refused too.",
			},
			'4000074': {
				message: 'A member to add or remove is not a member of the company',
				hint: 'Use the login e-mails of current members: pick them from the list.',
			},
			'4000011': {
				message: 'A group to add or remove does not exist',
				hint: 'Pick the groups from the list, or map the "id" of Group > Get Many.',
			},
		},
		itemIndex,
	);
	return [{ json: permissionsOutput(templateId, changes) }];
}
