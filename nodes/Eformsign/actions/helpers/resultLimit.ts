import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * Return All / Limit of every Get Many: how many results to return, infinitely
 * many with Return All. A Limit mapped by expression must still be a whole number of 1 or more.
 */
export function resultLimit(this: IExecuteFunctions, itemIndex: number): number {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) {
		return Number.POSITIVE_INFINITY;
	}
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(this.getNode(), `Limit is ${String(limit)}`, {
			itemIndex,
			description: 'Set Limit to a whole number of 1 or more, or turn on Return All.',
		});
	}
	return limit;
}
