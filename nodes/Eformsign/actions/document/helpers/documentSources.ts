import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
} from 'n8n-workflow';

import { idParameter } from '../../../../shared/api/ids';
import { documentLocator } from '../../common.descriptions';
import { errorItem, itemError } from '../../helpers/itemErrors';
import { DOCUMENT_FIELD, documentIdsProperty, readDocumentIds } from './documentIds';

/**
 * Where the operations that take many documents in one request (Download Many, Send Completed
 * PDF) get them: one document per input item, all sent together, or a list of IDs per input item.
 */

export const FROM_INPUT_ITEMS = 'inputItems';
const FROM_LIST = 'list';

export function documentSourceProperties(oneRequestFor: string): INodeProperties[] {
	return [
		{
			displayName: 'Documents',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'One per Input Item',
					value: FROM_INPUT_ITEMS,
					description: `Each input item names one document (map its ID into Document); ${oneRequestFor}`,
				},
				{
					name: 'Listed per Input Item',
					value: FROM_LIST,
					description: 'Each input item lists one or more document IDs; one request per input item',
				},
			],
			default: FROM_INPUT_ITEMS,
		},
		{ ...documentLocator, displayOptions: { show: { source: [FROM_INPUT_ITEMS] } } },
		{ ...documentIdsProperty, displayOptions: { show: { source: [FROM_LIST] } } },
	];
}

/** The documents of one request, and the input items that named them. */
export interface DocumentGroup {
	ids: string[];
	/** For each ID, the input items that named it (the first one decides per-item parameters). */
	itemsOf: Map<string, number[]>;
}

/** pairedItem for output about these documents: every input item that named one of them. */
export function pairedItemsOf(group: DocumentGroup, ids: string[] = group.ids): IPairedItemData[] {
	const items = new Set<number>();
	for (const id of ids) for (const item of group.itemsOf.get(id) ?? []) items.add(item);
	return [...items].sort((a, b) => a - b).map((item) => ({ item }));
}

/**
 * The groups to send, every ID checked before anything is sent. An input item whose ID is wrong
 * fails alone (an error item with Continue On Fail, otherwise the node stops before any request).
 */
export function documentGroups(this: IExecuteFunctions): {
	groups: DocumentGroup[];
	failures: INodeExecutionData[];
} {
	const items = this.getInputData();
	const failures: INodeExecutionData[] = [];
	const fail = (error: unknown, itemIndex: number) => {
		if (!this.continueOnFail()) throw itemError.call(this, error, itemIndex);
		failures.push(errorItem(error as Error, itemIndex));
	};
	const source = this.getNodeParameter('source', 0, FROM_INPUT_ITEMS) as string;
	if (source === FROM_INPUT_ITEMS) {
		const group: DocumentGroup = { ids: [], itemsOf: new Map() };
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const id = idParameter.call(this, 'documentId', DOCUMENT_FIELD, itemIndex);
				const named = group.itemsOf.get(id);
				if (named) named.push(itemIndex);
				else {
					group.ids.push(id);
					group.itemsOf.set(id, [itemIndex]);
				}
			} catch (error) {
				fail(error, itemIndex);
			}
		}
		return { groups: group.ids.length > 0 ? [group] : [], failures };
	}
	const groups: DocumentGroup[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const ids = readDocumentIds.call(this, itemIndex);
			groups.push({ ids, itemsOf: new Map(ids.map((id) => [id, [itemIndex]])) });
		} catch (error) {
			fail(error, itemIndex);
		}
	}
	return { groups, failures };
}
