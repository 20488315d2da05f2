import type { IDataObject } from 'n8n-workflow';

import { eformsignRequest, type EformsignContext, type ForItem } from '../transport';
import { fetchWholeList } from './lists';

/** Groups of the company (docs/api/eformsign-api-notes.md, "Groups"). */

const GROUPS = '/v2.0/api/groups';

/** The group list; `qs` takes include_member, include_field and eb_name_search. */
export async function fetchGroups(
	this: EformsignContext,
	qs: IDataObject = {},
	forItem?: ForItem,
): Promise<IDataObject[]> {
	return await fetchWholeList.call(this, GROUPS, 'groups', qs, forItem);
}

/** Creates a group from `{ name, description, members }`; members are login e-mails. */
export async function createGroup(
	this: EformsignContext,
	group: IDataObject,
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: GROUPS,
		body: { group },
		...forItem,
	});
}

/** Replaces name, description (and members, when given) of a group. */
export async function updateGroup(
	this: EformsignContext,
	groupId: string,
	group: IDataObject,
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'PATCH',
		path: `${GROUPS}/${encodeURIComponent(groupId)}`,
		body: { group },
		...forItem,
	});
}

/** Deletes several groups in one request. */
export async function deleteGroups(
	this: EformsignContext,
	groupIds: string[],
	forItem?: ForItem,
): Promise<void> {
	await eformsignRequest.call(this, {
		method: 'DELETE',
		path: GROUPS,
		body: { group_ids: groupIds },
		...forItem,
	});
}
