import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { errorItem, itemError } from './itemErrors';
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

	if (module.executeAll) return [await module.executeAll.call(this)];
	const execute = module.execute;
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operation}" cannot run`);

	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const results = await execute.call(this, i);
			for (const result of results) returnData.push({ ...result, pairedItem: { item: i } });
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push(errorItem(error as Error, i));
				continue;
			}
			throw itemError.call(this, error, i);
		}
	}
	return [returnData];
}
