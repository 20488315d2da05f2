import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ALL_MEMBERS, fetchMembers, memberLabel } from '../../../shared/api/members';

/** Every member, by name, for multi-select pickers (the dropdown filters as the user types). */
export async function getMembers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const members = await fetchMembers.call(this, ALL_MEMBERS);
	return members
		.map((member) => ({ name: memberLabel(member), value: String(member.account_id ?? member.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
