import type { IDataObject } from 'n8n-workflow';

/**
 * How long a poll trigger can go between two polls, read from n8n's "Poll Times" parameter (the
 * `pollTimes` every polling node has). An upper bound, never less than the real gap: the trigger
 * looks back by it when it finds no position of its own (cursor.ts, `lookbackCursor`), and a bound
 * too short would lose events while one too long only re-emits a few.
 */

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Used when the parameter cannot be read: n8n's default for polling nodes is "Every Minute". */
const DEFAULT_POLL_TIMES: IDataObject = { item: [{ mode: 'everyMinute' }] };

/** The longest time between two polls; with several Poll Times, the shortest of their gaps. */
export function longestPollGapMs(pollTimes: unknown): number {
	const value = pollTimes && typeof pollTimes === 'object' ? (pollTimes as IDataObject) : {};
	const items = Array.isArray(value.item) ? (value.item as IDataObject[]) : [];
	const gaps = (items.length > 0 ? items : (DEFAULT_POLL_TIMES.item as IDataObject[])).map(gapOf);
	return Math.min(...gaps);
}

function gapOf(item: IDataObject): number {
	const count = Math.max(1, Math.floor(Number(item.value) || 1));
	switch (item.mode) {
		case 'everyMinute':
			return MINUTE;
		case 'everyHour':
			return HOUR;
		case 'everyX':
			// n8n writes "*/X" for the minutes or hours field, which starts again every hour (or day).
			return item.unit === 'hours' ? Math.min(count, 24) * HOUR : Math.min(count, 60) * MINUTE;
		case 'everyDay':
			return DAY;
		case 'everyWeek':
			return 7 * DAY;
		case 'everyMonth':
			// Day 29 to 31 is skipped in the months that lack it.
			return 62 * DAY;
		case 'custom':
			return cronGap(String(item.cronExpression ?? ''));
		default:
			return 366 * DAY;
	}
}

/**
 * A bound from the coarsest field a cron expression restricts (5 fields, or 6 with seconds first):
 * a restricted minute still fires every hour, a restricted hour every day, and so on.
 */
function cronGap(expression: string): number {
	const fields = expression.trim().split(/\s+/);
	if (fields.length !== 5 && fields.length !== 6) return 366 * DAY;
	const [minute, hour, dayOfMonth, month, weekday] = fields.slice(fields.length - 5);
	const restricted = (field: string) => field !== '*' && field !== '?';
	// Both day fields restricted: cron libraries differ on "either" or "both", so assume the worst.
	if (restricted(month) || (restricted(weekday) && restricted(dayOfMonth))) return 366 * DAY;
	if (restricted(weekday)) return 7 * DAY;
	if (restricted(dayOfMonth)) return 62 * DAY;
	if (restricted(hour)) return DAY;
	if (restricted(minute)) return HOUR;
	return MINUTE;
}
