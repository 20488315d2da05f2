import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { downloadDocumentsAsZip } from '../../../shared/api/completedDocuments';
import { eformsignCodeOf } from '../../../shared/errors';
import type { DownloadedFile, ForItem } from '../../../shared/transport';
import { errorItem, itemError } from '../helpers/itemErrors';
import { documentGroups, documentSourceProperties, pairedItemsOf, type DocumentGroup } from './helpers/documentSources';
import { binaryPropertyProperty, maxWaitOption } from './helpers/fileOutput';

/**
 * Most documents asked for in one ZIP. eformsign has a per-request limit (4000222 above it) that
 * it does not document; 100 is what the sources keep to (docs/api/eformsign-api-notes.md,
 * "Download several documents"). A request refused with 4000222 anyway is split in two and sent
 * again, so a lower limit costs a few requests, not the run.
 */
export const MULTI_DOWNLOAD_BATCH_SIZE = 100;
const LIMIT_EXCEEDED = '4000222';

/** Completed documents' PDFs and/or audit trails, in one ZIP file per request. */
const properties: INodeProperties[] = [
	...documentSourceProperties(
		`the node asks for one ZIP file for all of them (in batches of up to ${MULTI_DOWNLOAD_BATCH_SIZE} documents)`,
	),
	{
		displayName: 'Files',
		name: 'fileTypes',
		type: 'multiOptions',
		options: [
			{ name: 'Document PDF', value: 'document' },
			{ name: 'Audit Trail', value: 'audit_trail' },
		],
		default: ['document'],
		required: true,
		description: 'What the ZIP file holds for each document',
	},
	binaryPropertyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. contracts-2025',
				description: 'Name of the ZIP file, without .zip. With several batches, each gets its number (contracts-2025-1.zip, …).',
			},
			maxWaitOption,
			{
				displayName: 'Simple File Names',
				name: 'simpleFileNames',
				type: 'boolean',
				default: false,
				description: 'Whether eformsign should give the files inside the ZIP shorter names',
			},
			{
				displayName: 'ZIP Password',
				name: 'zipPassword',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Password that protects the ZIP file. Leave empty for none.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['downloadMany'] } },
	properties,
);

interface Settings {
	fileTypes: string[];
	fileName: string;
	zipPassword: string;
	simpleFileNames: boolean;
	maxWaitSeconds: number;
	binaryPropertyName: string;
}

function settingsOf(this: IExecuteFunctions, itemIndex: number): Settings {
	const fileTypes = (this.getNodeParameter('fileTypes', itemIndex, ['document']) as string[]).filter(
		(type) => type === 'document' || type === 'audit_trail',
	);
	if (fileTypes.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No file is selected', {
			itemIndex,
			description: 'Choose Document PDF, Audit Trail or both under "Files".',
		});
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const maxWaitSeconds = options.maxWaitSeconds === undefined ? 60 : Number(options.maxWaitSeconds);
	if (!Number.isFinite(maxWaitSeconds) || maxWaitSeconds < 0 || maxWaitSeconds > 3600) {
		throw new NodeOperationError(this.getNode(), `Max Wait is ${String(options.maxWaitSeconds)}`, {
			itemIndex,
			description: 'Set Max Wait to a number of seconds between 0 and 3600.',
		});
	}
	return {
		fileTypes,
		fileName: String(options.fileName ?? '').trim().replace(/\.zip$/i, ''),
		zipPassword: String(options.zipPassword ?? ''),
		simpleFileNames: options.simpleFileNames === true,
		maxWaitSeconds,
		binaryPropertyName: String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') || 'data').trim(),
	};
}

function chunks(ids: string[], size: number): string[][] {
	const batches: string[][] = [];
	for (let start = 0; start < ids.length; start += size) batches.push(ids.slice(start, start + size));
	return batches;
}

/**
 * The group's documents in batches, one ZIP each; a batch refused for the download limit is split
 * in two and asked for again. Each ZIP is stored (streamed) before the next is requested.
 */
async function downloadGroup(
	this: IExecuteFunctions,
	group: DocumentGroup,
	itemIndex: number,
	settings: Settings,
	forAll: ForItem,
): Promise<INodeExecutionData[]> {
	const queue = chunks(group.ids, MULTI_DOWNLOAD_BATCH_SIZE);
	let numbered = queue.length > 1;
	const outputs: INodeExecutionData[] = [];
	for (let ids = queue.shift(); ids; ids = queue.shift()) {
		let file: DownloadedFile;
		try {
			file = await downloadDocumentsAsZip.call(
				this,
				{
					documentIds: ids,
					fileTypes: settings.fileTypes,
					zipPassword: settings.zipPassword,
					fileName: settings.fileName,
					simpleFileNames: settings.simpleFileNames,
					maxWaitSeconds: settings.maxWaitSeconds,
				},
				{ ...forAll, itemIndex },
			);
		} catch (error) {
			if (eformsignCodeOf(error) !== LIMIT_EXCEEDED || ids.length === 1) throw itemError.call(this, error, itemIndex);
			const half = Math.ceil(ids.length / 2);
			queue.unshift(ids.slice(0, half), ids.slice(half));
			numbered = true;
			continue;
		}
		outputs.push(await zipItem.call(this, file, ids, outputs.length + 1, numbered, settings));
		outputs[outputs.length - 1].pairedItem = pairedItemsOf(group, ids);
	}
	for (const output of outputs) output.json.batch_count = outputs.length;
	return outputs;
}

async function zipItem(
	this: IExecuteFunctions,
	file: DownloadedFile,
	ids: string[],
	batch: number,
	numbered: boolean,
	settings: Settings,
): Promise<INodeExecutionData> {
	const stem = (settings.fileName || file.fileName || 'documents').replace(/\.zip$/i, '');
	const fileName = numbered ? `${stem}-${batch}.zip` : `${stem}.zip`;
	const binary = await this.helpers.prepareBinaryData(file.stream, fileName, file.mimeType);
	return {
		json: {
			file_name: fileName,
			mime_type: file.mimeType,
			file_size: binary.bytes ?? file.size,
			binary_property: settings.binaryPropertyName,
			file_types: settings.fileTypes,
			password_protected: settings.zipPassword !== '',
			batch,
			batch_count: 1,
			document_count: ids.length,
			document_ids: ids,
		},
		binary: { [settings.binaryPropertyName]: binary },
	};
}

/** Every input item is read first; then one request per batch (not per item). */
export async function executeAll(this: IExecuteFunctions, forAll: ForItem): Promise<INodeExecutionData[]> {
	const { groups, failures } = documentGroups.call(this);
	const outputs: INodeExecutionData[] = [...failures];
	for (const group of groups) {
		const firstItem = Math.min(...pairedItemsOf(group).map((paired) => paired.item));
		try {
			outputs.push(...(await downloadGroup.call(this, group, firstItem, settingsOf.call(this, firstItem), forAll)));
		} catch (error) {
			if (!this.continueOnFail()) throw itemError.call(this, error, firstItem);
			outputs.push({ ...errorItem(error as Error, firstItem), pairedItem: pairedItemsOf(group) });
		}
	}
	return outputs;
}
