import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type JsonObject,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { searchTemplates } from '../shared/templateSearch';
import { DOCUMENT_BOXES } from '../shared/api/documents';
import { eformsignCodeOf } from '../shared/errors';
import { simplifyDocument, withReadableNames } from '../shared/documentOutput';
import { selectChanges, startingCursor, type PollEvent } from './cursor';
import { pollProperties } from './description';
import {
	documentsSince,
	latestMatching,
	MAX_DOCUMENTS_PER_POLL,
	newestDocuments,
	type ListQuery,
} from './listing';
import { keepPosition, startOfPoll } from './position';

export class EformsignPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'eformsign Poll Trigger',
		name: 'eformsignPollTrigger',
		icon: { light: 'file:../../icons/eformsign.svg', dark: 'file:../../icons/eformsign.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when eformsign documents change, by asking eformsign regularly. For n8n instances that eformsign webhooks cannot reach.',
		defaults: { name: 'eformsign Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'eformsignApi', required: true }],
		properties: pollProperties,
	};

	methods = { listSearch: { searchTemplates } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'completed') as PollEvent;
		const boxParameter = this.getNodeParameter('box', 'auto') as string;
		const templateId = String(
			this.getNodeParameter('templateId', '', { extractValue: true }) ?? '',
		).trim();
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const box =
			boxParameter === 'auto'
				? event === 'completed'
					? DOCUMENT_BOXES.completed
					: DOCUMENT_BOXES.company
				: boxParameter;
		const query: ListQuery = { box, templateId, event, include: options };
		try {
			return await pollBox.call(this, query, simplify);
		} catch (error) {
			const automatic = boxParameter === 'auto' && box === DOCUMENT_BOXES.company;
			if (automatic && eformsignCodeOf(error) === '4030009') {
				const description = (error as { description?: string }).description ?? '';
				(error as { description?: string }).description =
					`Document Box "Automatic" watches the Document Management box for this event. ${description}`;
			}
			if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error);
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
	}
}

/** One poll of one box: the latest match for a manual run, else the changes since the cursor. */
async function pollBox(
	this: IPollFunctions,
	query: ListQuery,
	simplify: boolean,
): Promise<INodeExecutionData[][] | null> {
	const { event, templateId, box } = query;
	const toItem = (document: IDataObject): INodeExecutionData => ({
		json: simplify ? simplifyDocument(document) : withReadableNames(document),
	});

	if (this.getMode() === 'manual') {
		const latest = await latestMatching.call(this, query);
		if (!latest) {
			throw new NodeOperationError(
				this.getNode(),
				'No document in eformsign matches this trigger yet',
				{
					description: `Nothing in the chosen box${templateId ? ' for this template' : ''} is in the state "${event}". Once a document gets there, run the test again.`,
					level: 'warning',
				},
			);
		}
		return [[toItem(latest)]];
	}

	const settings = JSON.stringify([event, box, templateId]);
	const start = startOfPoll.call(this, settings);
	if (start.cursor === 'now') {
		// A fresh publication: emit nothing that happened before.
		const newest = await newestDocuments.call(this, query);
		keepPosition.call(this, startingCursor(settings, newest, event), start);
		return null;
	}
	const cursor = start.cursor;

	const changes = await documentsSince.call(this, { ...query, since: cursor.date });
	if (changes.truncated) {
		this.logger.warn(
			`eformsign Poll Trigger: more than ${MAX_DOCUMENTS_PER_POLL} documents changed since the last poll; the oldest are emitted now, the rest with the next polls`,
		);
	}
	const { emit, next } = selectChanges(changes.documents, cursor, event);
	keepPosition.call(this, next, start);
	return emit.length > 0 ? [emit.map(toItem)] : null;
}
