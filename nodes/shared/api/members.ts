import type { IDataObject } from 'n8n-workflow';

import { eformsignRequest, type EformsignContext, type ForItem } from '../transport';
import { fetchWholeList } from './lists';

/** Members of the company, named by their login e-mail (docs/api/eformsign-api-notes.md, "Members"). */

function memberPath(accountId: string): string {
	return `/v2.0/api/members/${encodeURIComponent(accountId)}`;
}

/** The member list; `qs` takes member_all, include_field, include_delete and eb_name_search. */
export async function fetchMembers(
	this: EformsignContext,
	qs: IDataObject = {},
	forItem?: ForItem,
): Promise<IDataObject[]> {
	return await fetchWholeList.call(this, '/v2.0/api/members', 'members', qs, forItem);
}

/** Asks for inactive members too: they are the ones an update re-enables, or a picker must offer. */
export const ALL_MEMBERS = { member_all: 'true' };

/** The member whose account ID (login e-mail) is `accountId`: eformsign searches, we match exactly. */
export async function findMember(
	this: EformsignContext,
	accountId: string,
	forItem?: ForItem,
): Promise<IDataObject | undefined> {
	const wanted = accountId.toLowerCase();
	const candidates = await fetchMembers.call(
		this,
		{ ...ALL_MEMBERS, eb_name_search: accountId },
		forItem,
	);
	return candidates.find((member) => String(member.account_id ?? '').toLowerCase() === wanted);
}

/** How a member appears in pickers: name and login e-mail, since names repeat. */
export function memberLabel(member: IDataObject): string {
	const accountId = String(member.account_id ?? member.id ?? '');
	return member.name ? `${String(member.name)} (${accountId})` : accountId;
}

/** Sends `{ account }`; eformsign stores what it is sent, so `account` must be complete. */
export async function updateMember(
	this: EformsignContext,
	accountId: string,
	account: IDataObject,
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'PATCH',
		path: memberPath(accountId),
		body: { account },
		...forItem,
	});
}

/** Removes the member from the company; the eformsign account itself remains. */
export async function deleteMember(
	this: EformsignContext,
	accountId: string,
	forItem?: ForItem,
): Promise<void> {
	await eformsignRequest.call(this, { method: 'DELETE', path: memberPath(accountId), ...forItem });
}
