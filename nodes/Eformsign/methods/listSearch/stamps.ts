import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchStamps } from '../../../shared/api/stamps';
import { nameContains } from '../../../shared/api/templates';

/** Company stamps for the "From list" mode, by name, filtered here (eformsign has no search for them). */
export async function searchStamps(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const stamps = (await fetchStamps.call(this))
		.filter((stamp) => nameContains(stamp, filter))
		.sort((a, b) => String(a.name ?? '').localeCompare(String(b.name ?? '')));
	return {
		results: stamps.map((stamp) => ({ name: String(stamp.name ?? stamp.id), value: String(stamp.id) })),
	};
}
