import type { IDataObject } from 'n8n-workflow';

import type { IdField } from '../../../../shared/api/ids';

export const MEMBER_FIELD: IdField = { kind: 'member', field: 'Member' };

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
