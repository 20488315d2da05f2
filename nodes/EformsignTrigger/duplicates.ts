import type { IDataObject } from 'n8n-workflow';

/**
 * eformsign documents no retry policy, and a console webhook may be pointed at n8n twice; a change
 * already handed to the workflow is acknowledged but not run again.
 *
 * The record that outlives a process is the node's static data. n8n saves it only when the trigger
 * answers the request itself (n8n/dist/webhooks/live-webhooks.js calls saveStaticData from the
 * response callback; in the default "onReceived" path that runs after WorkflowRunner.run, which has
 * reset the "changed" flag, so the save is skipped). The trigger therefore answers every delivery
 * it starts a workflow for itself, see EformsignTrigger.node.ts.
 *
 * n8n reads the static data from its database once per request, so copies that arrive together all
 * see the same list, and their saves overwrite one another. The keys this process accepted are kept
 * in memory too: a copy arriving while the first is still being handled is caught there, and every
 * save writes the keys of both, so a key lost to a concurrent save is written back by the next.
 */

export const REMEMBERED_DELIVERIES = 500;
/** Workflows whose accepted keys this process keeps; the least recently used one is dropped. */
export const TRACKED_TRIGGERS = 200;
const FIELD = 'recentDeliveries';

const acceptedHere = new Map<string, string[]>();

function remembered(staticData: IDataObject): string[] {
	const keys = staticData[FIELD];
	return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
}

function keysAcceptedHere(scope: string): string[] {
	const keys = acceptedHere.get(scope) ?? [];
	// Re-inserted so the Map's order is the order of last use.
	acceptedHere.delete(scope);
	acceptedHere.set(scope, keys);
	while (acceptedHere.size > TRACKED_TRIGGERS) {
		const oldest = acceptedHere.keys().next().value as string;
		acceptedHere.delete(oldest);
	}
	return keys;
}

/**
 * Records the delivery as handled and returns true, or returns false when it repeats one already
 * handled (saved in static data, or accepted by this process). Synchronous on purpose: between the
 * check and the record no other request can run, so of simultaneous copies exactly one is claimed.
 * `scope` names the trigger (workflow and node), so two workflows never share a memory.
 */
export function claimDelivery(staticData: IDataObject, scope: string, key: string): boolean {
	const saved = remembered(staticData);
	const here = keysAcceptedHere(scope);
	if (saved.includes(key) || here.includes(key)) return false;

	here.push(key);
	if (here.length > REMEMBERED_DELIVERIES) here.splice(0, here.length - REMEMBERED_DELIVERIES);
	const inMemory = new Set(here);
	const merged = [...saved.filter((existing) => !inMemory.has(existing)), ...here];
	staticData[FIELD] = merged.slice(-REMEMBERED_DELIVERIES);
	return true;
}
