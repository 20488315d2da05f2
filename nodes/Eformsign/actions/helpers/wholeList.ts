import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ForItem } from '../../../shared/transport';
import { resultLimit } from './resultLimit';

/** The "Search" option of Group and Member Get Many: eformsign's own name search. */
export function searchOption(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'Search',
		name: 'eb_name_search',
		type: 'string',
		default: '',
		placeholder,
		description,
	};
}

type ListFetcher = (this: IExecuteFunctions, qs: IDataObject, forItem: ForItem) => Promise<IDataObject[]>;

/**
 * Group and Member Get Many: the flag options turned on and the search text go in the query.
 * eformsign has no paging here, so Return All / Limit apply to the complete answer.
 */
export async function getManyFromWholeList(
	this: IExecuteFunctions,
	fetch: ListFetcher,
	flagOptions: INodeProperties[],
	itemIndex: number,
	forItem: ForItem,
): Promise<IDataObject[]> {
	// Checked before the call: a Limit of 0 or -1 (from an expression) is a mistake, not "nothing".
	const limit = resultLimit.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const qs: IDataObject = {};
	for (const flag of flagOptions) {
		if (options[flag.name] === true) qs[flag.name] = 'true';
	}
	const search = String(options.eb_name_search ?? '').trim();
	if (search) qs.eb_name_search = search;

	const list = await fetch.call(this, qs, forItem);
	return Number.isFinite(limit) ? list.slice(0, limit) : list;
}
