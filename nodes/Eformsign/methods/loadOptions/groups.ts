import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchGroups } from '../../../shared/api/groups';

/** Every group, by name, for multi-select pickers (the dropdown filters as the user types). */
export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const groups = await fetchGroups.call(this);
	return groups
		.map((group) => ({ name: String(group.name ?? group.id), value: String(group.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
