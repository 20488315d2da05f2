import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { hintFor } from '../../../../shared/errors';
import { checkedId, type IdField } from '../../../../shared/api/ids';

/** Several documents at once (delete, cancel): a list, or IDs separated by commas or new lines. */
export const documentIdsProperty: INodeProperties = {
	displayName: 'Document IDs',
	name: 'documentIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 61b05d369b2a4a10b5c4c8a1373abc0d, 7c2d0e9f4b1a4c3d8e5f6a7b8c9d0e1f',
	description:
		'One or more document IDs, separated by commas, or a list mapped from a previous node (for example the ID of each document from Get Many)',
};

export const DOCUMENT_FIELD: IdField = { kind: 'document', field: 'Document' };
export const TEMPLATE_FIELD: IdField = { kind: 'template', field: 'Template' };
const DOCUMENT_IDS_FIELD: IdField = { kind: 'document', field: 'Document IDs' };

/** Reads, splits, trims and de-duplicates the IDs; every ID is checked before anything is sent. */
export function readDocumentIds(this: IExecuteFunctions, itemIndex: number): string[] {
	const raw = this.getNodeParameter('documentIds', itemIndex, '') as unknown;
	const parts: unknown[] = Array.isArray(raw)
		? raw.flatMap((entry) => (typeof entry === 'string' ? entry.split(/[,\n]/) : [entry]))
		: typeof raw === 'string'
			? raw.split(/[,\n]/)
			: [raw];
	const ids: string[] = [];
	for (const part of parts) {
		if (typeof part === 'string' && part.trim() === '') continue;
		const id = checkedId(this.getNode(), part, DOCUMENT_IDS_FIELD, itemIndex);
		if (!ids.includes(id)) ids.push(id);
	}
	if (ids.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No document ID was given', {
			itemIndex,
			description:
				'Enter at least one document ID in "Document IDs", or map a list of IDs from a previous node.',
		});
	}
	return ids;
}

interface FailedDocument {
	document_id?: string;
	code?: string;
	message?: string;
	ErrorMessage?: string;
}

/**
 * Why one document of a multi-document request did not succeed: eformsign's code, message and our
 * hint, or `unreported` when eformsign named the document neither as done nor as failed.
 */
export function failureDetails(
	failure: { code?: unknown; message?: unknown; ErrorMessage?: unknown } | undefined,
	unreported: string,
): IDataObject {
	const details: IDataObject = {};
	const code = failure?.code === undefined ? undefined : String(failure.code);
	if (code) details.code = code;
	details.message =
		failure?.message ??
		failure?.ErrorMessage ??
		(failure ? 'eformsign reported a failure without a message' : unreported);
	const hint = hintFor(code);
	if (hint) details.hint = hint;
	return details;
}

/**
 * One output item per requested ID, from eformsign's `{ result: { success_result, fail_result } }`
 * (docs/api/eformsign-api-notes.md, "Results per document"). `doneKey` is what the operation did, e.g. "deleted" or "cancelled".
 */
export function perDocumentResults(
	ids: string[],
	response: IDataObject,
	doneKey: string,
): INodeExecutionData[] {
	const result = (response.result ?? {}) as IDataObject;
	const succeeded = new Set(
		(Array.isArray(result.success_result)
			? result.success_result
			: result.success_result === undefined
				? []
				: [result.success_result]
		).map(String),
	);
	const failed = new Map<string, FailedDocument>();
	for (const entry of (Array.isArray(result.fail_result) ? result.fail_result : []) as unknown[]) {
		if (entry && typeof entry === 'object') {
			const failure = entry as FailedDocument;
			if (failure.document_id) failed.set(String(failure.document_id), failure);
		} else if (entry !== undefined && entry !== null) {
			failed.set(String(entry), {});
		}
	}
	return ids.map((id) => {
		if (succeeded.has(id)) return { json: { document_id: id, [doneKey]: true } };
		return {
			json: {
				document_id: id,
				[doneKey]: false,
				...failureDetails(failed.get(id), 'eformsign did not report this ID as done'),
			},
		};
	});
}
