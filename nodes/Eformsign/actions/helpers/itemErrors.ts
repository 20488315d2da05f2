import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { eformsignCodeOf } from '../../../shared/errors';

/** The output item that stands for a failed input item when "Continue On Fail" is on. */
export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const code = eformsignCodeOf(error);
	const description = (error as { description?: string }).description;
	return {
		json: {
			error: error.message,
			...(description ? { description } : {}),
			...(code ? { code } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}

/** The error to throw for an input item, naming that item. */
export function itemError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError) {
		// Re-wrapping a NodeApiError hands back the same error; the item index has to be set on it.
		error.context.itemIndex = itemIndex;
		return new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
	}
	if (error instanceof NodeOperationError) error.context.itemIndex = itemIndex;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}
