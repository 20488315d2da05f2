import type { IDataObject } from 'n8n-workflow';

/**
 * eformsign documents no retry policy, and a console webhook may be pointed at n8n twice; a change
 * already handed to the workflow is acknowledged but not run again. The memory lives in the node's
 * static data, which n8n saves with the execution the delivery started, and keeps the last keys only.
 */

export const REMEMBERED_DELIVERIES = 500;
const FIELD = 'recentDeliveries';

function remembered(staticData: IDataObject): string[] {
	const keys = staticData[FIELD];
	return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
}

export function isDuplicate(staticData: IDataObject, key: string): boolean {
	return remembered(staticData).includes(key);
}

export function remember(staticData: IDataObject, key: string): void {
	const keys = remembered(staticData).filter((existing) => existing !== key);
	keys.push(key);
	staticData[FIELD] = keys.slice(-REMEMBERED_DELIVERIES);
}
