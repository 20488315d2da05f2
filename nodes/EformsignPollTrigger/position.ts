import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { lookbackCursor, readCursor, type CursorState } from './cursor';
import { longestPollGapMs } from './schedule';

/**
 * Where a poll starts, kept where n8n persists it. What n8n saves depends on how it schedules polls
 * (docs/triggers.md, "Restarts and n8n's schedulers"):
 * - the node's static data is saved when a poll emits, and after the poll n8n runs when it
 *   activates a workflow; a poll that emits nothing is kept in memory only (legacy scheduling) or
 *   not at all (n8n's scheduler loads the workflow again for every poll);
 * - with durable cursors the node's static data lives in n8n's cursor store instead, which keeps
 *   every scheduled poll but not the poll at activation unless it emits.
 * So a poll that starts without a position of its own also notes where it got to in the workflow's
 * global static data, which n8n saves after activating in every mode; the next poll that finds no
 * position of its own continues from that note, and a poll with its own position removes it.
 */

/** Global static data key: node ID → the position noted by a poll that had none of its own. */
const NOTED_POSITIONS = 'eformsignPollTriggerPositions';

/** How many poll gaps a poll without any position looks back (this poll's lateness is the second). */
const LOOKBACK_GAPS = 2;

export interface PollStart {
	/** 'now' for a fresh publication: everything listed so far counts as seen. */
	cursor: CursorState | 'now';
	/** Whether the position came from the node's own static data. */
	own: boolean;
}

function nodeKey(this: IPollFunctions): string {
	const node = this.getNode();
	return node.id || node.name;
}

function notedPositions(this: IPollFunctions): IDataObject {
	const noted = this.getWorkflowStaticData('global')[NOTED_POSITIONS];
	return noted && typeof noted === 'object' && !Array.isArray(noted) ? (noted as IDataObject) : {};
}

/** Writes by reassigning the top-level key: n8n notices changes to the objects it handed out. */
function note(this: IPollFunctions, cursor: CursorState | undefined): void {
	const global = this.getWorkflowStaticData('global');
	const key = nodeKey.call(this);
	const others = { ...notedPositions.call(this) };
	delete others[key];
	if (cursor) global[NOTED_POSITIONS] = { ...others, [key]: { ...cursor } };
	else if (Object.keys(others).length > 0) global[NOTED_POSITIONS] = others;
	else delete global[NOTED_POSITIONS];
}

/**
 * The position this poll continues from. Without one of its own or a noted one, the poll n8n runs
 * when a workflow is published for the first time starts from now; any other poll (after a reset:
 * cursor store or static data lost, or the event or a filter changed) looks back two poll
 * intervals, as it cannot tell how long ago the last position was taken.
 */
export function startOfPoll(this: IPollFunctions, settings: string): PollStart {
	const own = readCursor(this.getWorkflowStaticData('node').cursor);
	if (own?.settings === settings) return { cursor: own, own: true };
	const noted = readCursor(notedPositions.call(this)[nodeKey.call(this)]);
	if (noted?.settings === settings) return { cursor: noted, own: false };
	if (this.getActivationMode() === 'activate') return { cursor: 'now', own: false };
	const pollTimes = this.getNodeParameter('pollTimes', {});
	const since = Date.now() - LOOKBACK_GAPS * longestPollGapMs(pollTimes);
	return { cursor: lookbackCursor(settings, since), own: false };
}

/** Where the next poll continues; noted in the global static data too when n8n may not keep it. */
export function keepPosition(this: IPollFunctions, cursor: CursorState, start: PollStart): void {
	this.getWorkflowStaticData('node').cursor = { ...cursor };
	if (!start.own) note.call(this, cursor);
	else if (nodeKey.call(this) in notedPositions.call(this)) note.call(this, undefined);
}
