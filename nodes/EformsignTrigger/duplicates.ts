import type { IDataObject } from 'n8n-workflow';

/**
 * eformsign documents no retry policy, and a console webhook may be pointed at n8n twice or re-sent
 * by hand: a change already handed to the workflow is acknowledged but not run again. The other
 * rule wins where the two meet: a delivery n8n did not run is never held back
 * (docs/triggers-security.md, "3. How repeated deliveries are recognised").
 *
 * A key is recorded as n8n answers the delivery, in the process that received it:
 * - While n8n is answering a delivery, only this process knows it (`answering`). A copy arriving
 *   meanwhile is answered 200 and starts nothing. If n8n then answers anything but 2xx (it could not
 *   store the execution), the key is dropped at once, so a re-send starts the workflow.
 * - n8n 2.x stores the execution first and only then builds its answer, reading the trigger's
 *   `webhookResponse`; right after, it saves the request's static data if it changed, and answers.
 *   The trigger records the key at that read, so n8n's 200 means "stored and recorded", and a
 *   re-send after a crash of that execution starts nothing (n8n lists it as crashed). What
 *   webhook() itself wrote would not last: starting the execution builds another Workflow over the
 *   same static data, which clears its "changed" mark (n8n-workflow's observable object).
 * - n8n 1.x reads the answer, and saves the static data, before it stores the execution: killed in
 *   between, it has recorded an event it never stored (docs/triggers-security.md names the window).
 * - Executions record nothing: in queue mode they run on workers, and a worker's save of its older
 *   copy of the static data would drop keys main recorded meanwhile.
 *
 * Saves write a whole copy of the static data, and the last save wins. Every request in a process
 * therefore writes one shared list (`recorded`), which n8n reads when it saves:
 * whichever save lands last carries every key this process has recorded, and the keys it found saved.
 */

export const REMEMBERED_DELIVERIES = 500;
/** Workflows whose keys this process keeps; the least recently used one is dropped. */
export const TRACKED_TRIGGERS = 200;
const FIELD = 'recentDeliveries';

interface TriggerMemory {
	/** Keys this process has accepted in webhook() and not released. */
	answering: string[];
	/** The lasting record as this process writes it; the same array in every execution's copy. */
	recorded: string[];
}

const memories = new Map<string, TriggerMemory>();

function saved(staticData: IDataObject): string[] {
	const keys = staticData[FIELD];
	return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
}

function memoryOf(scope: string): TriggerMemory {
	const memory = memories.get(scope) ?? { answering: [], recorded: [] };
	// Re-inserted so the Map's order is the order of last use.
	memories.delete(scope);
	memories.set(scope, memory);
	while (memories.size > TRACKED_TRIGGERS) {
		const oldest = memories.keys().next().value as string;
		memories.delete(oldest);
	}
	return memory;
}

function keepLast(list: string[]): void {
	if (list.length > REMEMBERED_DELIVERIES) list.splice(0, list.length - REMEMBERED_DELIVERIES);
}

/**
 * Accepts the delivery and returns true, or returns false when it repeats one already recorded
 * (saved, or recorded or being answered in this process). Synchronous on purpose: between the
 * check and the record no other request can run, so of simultaneous copies exactly one is accepted
 * per process. `scope` names the trigger (workflow and node), so two workflows never share a memory.
 */
export function claimDelivery(staticData: IDataObject, scope: string, key: string): boolean {
	const memory = memoryOf(scope);
	if (
		saved(staticData).includes(key) ||
		memory.recorded.includes(key) ||
		memory.answering.includes(key)
	) {
		return false;
	}
	memory.answering.push(key);
	keepLast(memory.answering);
	return true;
}

/** n8n did not acknowledge the delivery (nothing of it is stored): a re-send must start it. */
export function releaseDelivery(scope: string, key: string): void {
	const { answering } = memoryOf(scope);
	const index = answering.lastIndexOf(key);
	if (index >= 0) answering.splice(index, 1);
}

/**
 * Records the delivery in `staticData`, together with the keys saved before and those recorded by
 * other requests of this process. n8n saves the copy as it answers.
 */
export function recordDelivery(staticData: IDataObject, scope: string, key: string): void {
	const { recorded } = memoryOf(scope);
	const known = new Set(recorded);
	const merged = [...saved(staticData).filter((existing) => !known.has(existing)), ...recorded];
	if (!merged.includes(key)) merged.push(key);
	recorded.splice(0, recorded.length, ...merged);
	keepLast(recorded);
	// The shared array itself, not a copy: n8n serialises it when it saves, so later keys go too.
	staticData[FIELD] = recorded;
}
