import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchGroups } from '../../../shared/api/groups';

/** Groups for the "From list" mode, searched by eformsign on the group name (one page). */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const search = filter?.trim();
	const groups = await fetchGroups.call(this, search ? { eb_name_search: search } : {});
	return {
		results: groups.map((group) => ({
			name: String(group.name ?? group.id),
			value: String(group.id),
		})),
	};
}
