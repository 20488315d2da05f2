import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { eformsignRequest, type EformsignContext } from '../../../shared/transport';

/** GET /v2.0/api/groups — api-reference §7. eformsign answers the whole list at once (no paging). */
export async function fetchGroups(
	this: EformsignContext,
	qs: IDataObject = {},
	itemIndex?: number,
): Promise<IDataObject[]> {
	const response = await eformsignRequest.call(this, {
		method: 'GET',
		path: '/v2.0/api/groups',
		qs,
		itemIndex,
	});
	return Array.isArray(response.groups) ? (response.groups as IDataObject[]) : [];
}

/** The group members picker of Create and Update: account IDs (login e-mails) from a list. */
export const groupMembersProperty: INodeProperties = {
	displayName: 'Member Names or IDs',
	name: 'members',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getMembers' },
	default: [],
	description:
		'The members of the group (their login e-mails). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Account IDs from the picker, from a mapped list, or from comma-separated text. */
export function readAccountIds(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	const ids: string[] = [];
	for (const part of parts) {
		if (part !== null && typeof part === 'object') {
			throw new NodeOperationError(this.getNode(), 'A member ID is not text', {
				itemIndex,
				description: 'Map the login e-mails of the members, for example {{ $json.account_id }}.',
			});
		}
		const id = String(part ?? '').trim();
		if (id !== '' && !ids.includes(id)) ids.push(id);
	}
	return ids;
}

export function duplicateNameExplanation(name: string) {
	return {
		'4000122': {
			message: `A group named "${name}" already exists`,
			hint: 'Choose another name, or update the existing group instead.',
		},
	};
}
