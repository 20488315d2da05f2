import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { createDocumentsInBulk } from '../../../../shared/api/documents';
import { checkedId } from '../../../../shared/api/ids';
import type { ForItem } from '../../../../shared/transport';
import { errorItem, itemError } from '../../helpers/itemErrors';
import { failureDetails, TEMPLATE_FIELD } from './documentIds';
import { buildDocument, commentProperty, newDocumentProperties } from './documentOptions';

/** The most documents eformsign takes in one bulk request. */
const MASS_BATCH_SIZE = 100;

/** The parameters of both bulk operations; they differ only in how the template is described. */
export function bulkProperties(template: INodeProperties): INodeProperties[] {
	return [
		{
			displayName: `Every input item becomes one document. Items are sent in requests of up to ${MASS_BATCH_SIZE} documents; eformsign then creates them in the background (see request_id in the output).`,
			name: 'bulkNotice',
			type: 'notice',
			default: '',
		},
		...newDocumentProperties({
			template,
			comment: {
				...commentProperty,
				description: 'Message shown to every recipient asked to act, for the whole request',
			},
		}),
	];
}

interface Entry {
	itemIndex: number;
	templateId: string;
	document: IDataObject;
}

interface Batch {
	templateId?: string;
	comment: string;
	entries: Entry[];
}

function failureOf(entry: unknown): { index?: number; failure: IDataObject } {
	if (typeof entry === 'number' || typeof entry === 'string') {
		return { index: Number(entry), failure: {} };
	}
	const failure = (entry ?? {}) as IDataObject;
	const index = failure.index ?? failure.document_index ?? failure.seq;
	return { index: index === undefined ? undefined : Number(index), failure };
}

/**
 * Output items of one bulk request, one per document, in request order. eformsign numbers the
 * documents of each request from 0 (success_result, fail_result); that number is output as
 * `index_in_request` next to `request_id`, so it is not mistaken for the input item's number, which
 * pairedItem already gives.
 */
function batchResults(entries: Entry[], response: IDataObject): INodeExecutionData[] {
	const result = (response.result ?? {}) as IDataObject;
	const requestId = result.request_id ?? response.request_id;
	const succeeded = new Set(
		(Array.isArray(result.success_result) ? result.success_result : []).map(Number),
	);
	const failed = new Map<number, IDataObject>();
	for (const entry of Array.isArray(result.fail_result) ? result.fail_result : []) {
		const { index, failure } = failureOf(entry);
		if (index !== undefined && Number.isInteger(index)) failed.set(index, failure);
	}
	const created = (Array.isArray(result.documents) ? result.documents : []) as IDataObject[];
	return entries.map((entry, index) => {
		const json: IDataObject = {
			request_id: requestId,
			index_in_request: index,
			template_id: entry.templateId,
			success: succeeded.has(index),
		};
		if (entry.document.document_name) json.document_name = entry.document.document_name;
		if (created[index]?.id) json.document_id = created[index].id;
		if (!json.success) {
			Object.assign(
				json,
				failureDetails(failed.get(index), 'eformsign did not report this document as accepted'),
			);
		}
		return { json, pairedItem: { item: entry.itemIndex } };
	});
}

/**
 * Create Many (one template) and Create Many with Multiple Templates: every input item becomes one
 * document; items are sent in requests of at most MASS_BATCH_SIZE documents, and
 * each result goes back to the input item it came from.
 */
export async function createMany(
	this: IExecuteFunctions,
	multipleTemplates: boolean,
	forAll: ForItem,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = items.map(() => []);
	const batches = new Map<string, Batch>();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const rawTemplateId = this.getNodeParameter('templateId', itemIndex, '', { extractValue: true });
			const templateId = checkedId(this.getNode(), rawTemplateId, TEMPLATE_FIELD, itemIndex);
			const comment = String(this.getNodeParameter('comment', itemIndex, '') ?? '');
			const document = buildDocument.call(this, itemIndex, false);
			// One template per request for Create Many; with several templates every document names its own.
			const key = multipleTemplates ? comment : `${templateId}\u0000${comment}`;
			const batch = batches.get(key) ?? {
				templateId: multipleTemplates ? undefined : templateId,
				comment,
				entries: [],
			};
			batch.entries.push({
				itemIndex,
				templateId,
				document: multipleTemplates ? { template_id: templateId, ...document } : document,
			});
			batches.set(key, batch);
		} catch (error) {
			if (!this.continueOnFail()) throw itemError.call(this, error, itemIndex);
			outputs[itemIndex].push(errorItem(error as Error, itemIndex));
		}
	}

	for (const batch of batches.values()) {
		for (let start = 0; start < batch.entries.length; start += MASS_BATCH_SIZE) {
			const entries = batch.entries.slice(start, start + MASS_BATCH_SIZE);
			let response: IDataObject;
			try {
				response = await createDocumentsInBulk.call(
					this,
					{
						templateId: batch.templateId,
						documents: entries.map((entry) => entry.document),
						comment: batch.comment,
					},
					{ ...forAll, itemIndex: entries[0].itemIndex },
				);
			} catch (error) {
				if (!this.continueOnFail()) throw itemError.call(this, error, entries[0].itemIndex);
				for (const entry of entries) {
					outputs[entry.itemIndex].push(errorItem(error as Error, entry.itemIndex));
				}
				continue;
			}
			for (const item of batchResults(entries, response)) {
				outputs[(item.pairedItem as { item: number }).item].push(item);
			}
		}
	}
	return outputs.flat();
}
