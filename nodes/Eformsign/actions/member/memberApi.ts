import type { IDataObject } from 'n8n-workflow';

import type { EformsignContext } from '../../../shared/transport';
import { fetchWholeList } from '../wholeList';

/** GET /v2.0/api/members — api-reference §6.1. */
export async function fetchMembers(
	this: EformsignContext,
	qs: IDataObject = {},
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await fetchWholeList.call(this, '/v2.0/api/members', 'members', qs, itemIndex);
}

/** Asks for inactive members too: they are the ones an update re-enables, or a picker must offer. */
export const ALL_MEMBERS = { member_all: 'true' };

/** The member whose account ID (login e-mail) is `accountId`: eformsign searches, we match exactly. */
export async function findMember(
	this: EformsignContext,
	accountId: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const wanted = accountId.toLowerCase();
	const candidates = await fetchMembers.call(
		this,
		{ ...ALL_MEMBERS, eb_name_search: accountId },
		itemIndex,
	);
	return candidates.find((member) => String(member.account_id ?? '').toLowerCase() === wanted);
}

/** How a member appears in pickers: name and login e-mail, since names repeat. */
export function memberLabel(member: IDataObject): string {
	const accountId = String(member.account_id ?? member.id ?? '');
	return member.name ? `${String(member.name)} (${accountId})` : accountId;
}

/** At most ten flat fields: who the member is, what they may do, how to reach them. */
export function simplifyMember(member: IDataObject): IDataObject {
	const contact = (member.contact ?? {}) as IDataObject;
	const simplified: IDataObject = {
		account_id: member.account_id,
		name: member.name,
		department: member.department,
		position: member.position,
		enabled: member.enabled,
		role: member.role,
		group: member.group,
		contact_number: contact.number,
		contact_tel: contact.tel,
	};
	if (Array.isArray(member.fields) && member.fields.length > 0) {
		simplified.fields = Object.fromEntries(
			(member.fields as IDataObject[]).map((field) => [String(field.field_key), field.field_value]),
		);
	}
	return simplified;
}
