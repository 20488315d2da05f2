import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ALL_MEMBERS, fetchMembers, memberLabel } from '../../../shared/api/members';

/** Members for the "From list" mode, searched by eformsign on name or login e-mail (one page). */
export async function searchMembers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const search = filter?.trim();
	const members = await fetchMembers.call(
		this,
		search ? { ...ALL_MEMBERS, eb_name_search: search } : ALL_MEMBERS,
	);
	return {
		results: members.map((member) => ({
			name: memberLabel(member),
			value: String(member.account_id ?? member.id),
		})),
	};
}
