import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { approvalProperties, decide } from './helpers/integratedApproval';
import type { ForItem } from '../../../shared/transport';

/**
 * Approves the approval step a document waits at, for the company's own approval system
 * (docs/api/eformsign-api-notes.md, "Integrated approval").
 */
export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['approveIntegrated'] } },
	approvalProperties('approve'),
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	return await decide.call(this, itemIndex, forItem, 'approve');
}
