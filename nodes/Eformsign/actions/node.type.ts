import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One operation file: its parameters and how it runs. Most operations run per input item
 * (`execute`); operations that send many input items in one request (bulk create) take them all
 * at once (`executeAll`) and set `pairedItem` themselves.
 */
interface OperationModule {
	description: INodeProperties[];
	/** Reads only: items may then run side by side ("Request Options > Parallel Requests"). */
	readOnly?: boolean;
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
	executeAll?: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
}

export type ResourceOperations = Record<string, OperationModule>;
