import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { downloadDocumentFiles, getDocument } from '../shared/api/documents';
import { checkedId } from '../shared/api/ids';
import { withReadableNames } from '../shared/documentOutput';
import { exportReadyList, PDF_READY, type WebhookEvent } from './events';

/**
 * Optional calls back to eformsign for an event, through the eformsign API credential and the
 * shared API layer (nodes/shared/api/documents.ts): the document itself and, for PDF-ready events,
 * its files. Made by the execution (the trigger's execute()), after n8n has answered eformsign.
 */

const EVENT_DOCUMENT = { kind: 'document', field: 'document.id of the event' } as const;

export const FETCH_DOCUMENT = 'fetchDocument';
export const DOWNLOAD_FILES = 'downloadFiles';
const FILE_TYPES = ['document', 'audit_trail'] as const;

export interface EnrichmentSettings {
	enrich: string[];
	/** include_* flags for the document (the options of Get document). */
	documentOptions: IDataObject;
	fileTypes: string[];
	maxWaitSeconds: number;
}

export function wantsEnrichment(settings: EnrichmentSettings, event: WebhookEvent): boolean {
	if (settings.enrich.includes(FETCH_DOCUMENT)) return true;
	return settings.enrich.includes(DOWNLOAD_FILES) && filesToDownload(settings, event).length > 0;
}

/** The chosen file types that this event says are ready, in a fixed order. */
function filesToDownload(settings: EnrichmentSettings, event: WebhookEvent): string[] {
	if (event.kind !== PDF_READY) return [];
	const ready = exportReadyList(event);
	return FILE_TYPES.filter((type) => settings.fileTypes.includes(type) && ready.includes(type));
}

function fallbackFileName(event: WebhookEvent, fileType: string): string {
	const title = String(event.payload.document_title ?? '').trim() || event.documentId;
	return fileType === 'audit_trail' ? `${title} (audit trail).pdf` : `${title}.pdf`;
}

async function fetchDocument(
	this: IExecuteFunctions,
	documentId: string,
	settings: EnrichmentSettings,
): Promise<IDataObject> {
	return withReadableNames(await getDocument.call(this, documentId, settings.documentOptions));
}

async function downloadFile(
	this: IExecuteFunctions,
	documentId: string,
	event: WebhookEvent,
	fileType: string,
	maxWaitSeconds: number,
) {
	const file = await downloadDocumentFiles.call(this, documentId, { fileType, maxWaitSeconds });
	return await this.helpers.prepareBinaryData(
		file.stream,
		file.fileName ?? fallbackFileName(event, fileType),
		file.mimeType,
	);
}

function describe(error: unknown): IDataObject {
	const failure = error as { message?: unknown; description?: unknown };
	return {
		message: String(failure.message ?? error),
		...(failure.description ? { description: String(failure.description) } : {}),
	};
}

/**
 * Adds `document_details` and binary files to the item. A failing call does not lose the event:
 * the item still reaches the workflow, with `enrichment_errors` saying what could not be added.
 */
export async function enrich(
	this: IExecuteFunctions,
	event: WebhookEvent,
	item: INodeExecutionData,
	settings: EnrichmentSettings,
): Promise<void> {
	const errors: IDataObject[] = [];
	let documentId: string;
	try {
		documentId = checkedId(this.getNode(), event.documentId, EVENT_DOCUMENT);
	} catch (error) {
		item.json.enrichment_errors = [{ step: 'read event', ...describe(error) }];
		return;
	}

	if (settings.enrich.includes(FETCH_DOCUMENT)) {
		try {
			item.json.document_details = await fetchDocument.call(this, documentId, settings);
		} catch (error) {
			errors.push({ step: FETCH_DOCUMENT, ...describe(error) });
		}
	}

	if (settings.enrich.includes(DOWNLOAD_FILES)) {
		const binary: IBinaryKeyData = {};
		for (const fileType of filesToDownload(settings, event)) {
			try {
				binary[fileType] = await downloadFile.call(
					this,
					documentId,
					event,
					fileType,
					settings.maxWaitSeconds,
				);
			} catch (error) {
				errors.push({ step: DOWNLOAD_FILES, file_type: fileType, ...describe(error) });
			}
		}
		if (Object.keys(binary).length > 0) item.binary = binary;
	}

	if (errors.length > 0) {
		item.json.enrichment_errors = errors;
		this.logger.warn(
			`eformsign Trigger: could not add everything to the event of document ${event.documentId}: ${errors
				.map((error) => error.message)
				.join('; ')}`,
		);
	}
}
