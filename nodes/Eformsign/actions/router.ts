import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_PARALLEL_REQUESTS, MAX_PARALLEL_REQUESTS } from './common.descriptions';
import type { ForItem } from '../../shared/transport';
import { errorItem, itemError } from './helpers/itemErrors';
import { settleInOrder } from './helpers/parallel';
import { resources } from './resources';

/** The per-item loop: one place for pairedItem, continueOnFail and the item index on errors. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not available for the resource "${resource}"`,
		);
	}

	// "Request Options > Timeout" is read for each item, since an expression may differ per item;
	// requests that carry many items take item 0's.
	const forItem = (i: number): ForItem => ({
		itemIndex: i,
		timeoutMs: Number(this.getNodeParameter('requestOptions.timeout', i, 0)) * 1000,
	});
	if (module.executeAll) return [await module.executeAll.call(this, { timeoutMs: forItem(0).timeoutMs })];
	const execute = module.execute;
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operation}" cannot run`);

	const items = this.getInputData();
	const parallel = module.readOnly ? parallelRequests.call(this) : 1;
	const continueOnFail = this.continueOnFail();
	const settled = await settleInOrder(
		items.length,
		parallel,
		async (i) => await execute.call(this, i, forItem(i)),
		!continueOnFail,
	);

	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < settled.length; i++) {
		const outcome = settled[i];
		if (!outcome) break;
		if (outcome.ok) {
			for (const result of outcome.value) returnData.push({ ...result, pairedItem: { item: i } });
		} else if (continueOnFail) {
			returnData.push(errorItem(outcome.error as Error, i));
		} else {
			throw itemError.call(this, outcome.error, i);
		}
	}
	return [returnData];
}

function parallelRequests(this: IExecuteFunctions): number {
	const value = Number(this.getNodeParameter('requestOptions.parallelRequests', 0, DEFAULT_PARALLEL_REQUESTS));
	return Number.isInteger(value) && value >= 1 ? Math.min(value, MAX_PARALLEL_REQUESTS) : DEFAULT_PARALLEL_REQUESTS;
}
