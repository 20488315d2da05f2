import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { documentLocator } from '../common.descriptions';
import { extendCompletionTokens } from '../../../shared/api/completedDocuments';
import { idParameter } from '../../../shared/api/ids';
import { explainFailures } from '../../../shared/errors';
import { DOCUMENT_FIELD } from './helpers/documentIds';
import type { ForItem } from '../../../shared/transport';

/**
 * Extends the links through which external recipients open a completed document
 * (docs/api/eformsign-api-notes.md, "Extend completion tokens"): eformsign makes them valid for
 * 15 more days from now.
 */
const properties: INodeProperties[] = [
	documentLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Steps',
				name: 'steps',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1, 3',
				description:
					'Workflow step numbers whose recipients\' links to extend (1 is the first step after the start step). Leave empty for every step that has one.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['extendCompletionTokens'] } },
	properties,
);

function stepNumbers(this: IExecuteFunctions, raw: unknown, itemIndex: number): number[] {
	const parts = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(','))
		.map((part) => part.trim())
		.filter((part) => part !== '');
	const steps: number[] = [];
	for (const part of parts) {
		if (!/^\d+$/.test(part) || Number(part) < 1) {
			throw new NodeOperationError(this.getNode(), `"${part}" in Steps is not a step number`, {
				itemIndex,
				description: 'Enter step numbers separated by commas, e.g. 1, 3 (1 is the first step after the start step), or leave Steps empty for every step.',
			});
		}
		if (!steps.includes(Number(part))) steps.push(Number(part));
	}
	return steps;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const documentId = idParameter.call(this, 'documentId', DOCUMENT_FIELD, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const steps = stepNumbers.call(this, options.steps, itemIndex);
	const response = await explainFailures(
		this.getNode(),
		async () => await extendCompletionTokens.call(this, documentId, steps, forItem),
		{
			// eformsign's "no such member" here: INFERRED to mean a step without an external recipient.
			'4000074': {
				message: `No recipient of ${steps.length === 1 ? `step ${steps[0]}` : `steps ${steps.join(', ')}`} has a completed-document link`,
				hint: 'Only external recipients get one. Leave Steps empty to extend every link the document has.',
			},
		},
		itemIndex,
	);
	const tokens = (Array.isArray(response.complete_tokens) ? response.complete_tokens : []) as IDataObject[];
	return [
		{
			json: {
				document_id: documentId,
				complete_tokens: tokens.map((token) => {
					const expires = Number(token.expired_date);
					return {
						...token,
						...(Number.isFinite(expires) && expires > 0 ? { expires_at: new Date(expires).toISOString() } : {}),
					};
				}),
			},
		},
	];
}
