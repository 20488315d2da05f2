import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ForItem } from '../../shared/transport';

/**
 * One operation file: its parameters and how it runs. Most operations run per input item
 * (`execute`); operations that send many input items in one request (bulk create) take them all
 * at once (`executeAll`) and set `pairedItem` themselves. Their eformsign calls carry `forItem`
 * (the item's index and Timeout; for `executeAll`, item 0's Timeout and no index).
 */
interface OperationModule {
	description: INodeProperties[];
	/** Reads only: items may then run side by side ("Request Options > Parallel Requests"). */
	readOnly?: boolean;
	execute?: (this: IExecuteFunctions, itemIndex: number, forItem: ForItem) => Promise<INodeExecutionData[]>;
	executeAll?: (this: IExecuteFunctions, forAll: ForItem) => Promise<INodeExecutionData[]>;
}

export type ResourceOperations = Record<string, OperationModule>;
