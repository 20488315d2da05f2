/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Waiting in tests: for an event (a condition over what the sandbox, the clock or a run recorded),
// never for an amount of time. Every wait has a deadline and names what it waited for, so a test
// that cannot get there fails with a sentence instead of jest's timeout. The timers are Node's own
// (`node:timers`), which jest's fake timers leave alone: these waits work under a TestClock too.
import { clearTimeout, setTimeout } from 'node:timers';

/**
 * How long a wait may go without anything happening before the test fails: far beyond what any
 * step needs on a busy machine.
 */
export const WAIT_LIMIT_MS = 30_000;

/** How often a condition is looked at again. */
const LOOK_AGAIN_MS = 2;

async function tick(): Promise<void> {
	await new Promise<void>((resolve) => setTimeout(resolve, LOOK_AGAIN_MS));
}

export interface WaitOptions {
	limitMs?: number;
	/**
	 * Something that changes while the awaited work moves on (requests logged, pauses taken): the
	 * limit then counts from its last change, so a long run on a slow machine is not cut short,
	 * and a stalled one still fails.
	 */
	progress?: () => unknown;
}

/** Resolves once `condition()` holds; rejects when nothing happened for the limit, saying what it waited for. */
export async function until(condition: () => boolean, what: string, options: WaitOptions = {}): Promise<void> {
	const limitMs = options.limitMs ?? WAIT_LIMIT_MS;
	let expired = false;
	let deadline = setTimeout(() => (expired = true), limitMs);
	let seen = options.progress?.();
	try {
		while (!condition()) {
			const now = options.progress?.();
			if (now !== seen) {
				seen = now;
				clearTimeout(deadline);
				deadline = setTimeout(() => (expired = true), limitMs);
			}
			if (expired) throw new Error(`gave up after ${limitMs / 1000} s without progress, waiting for ${what}`);
			await tick();
		}
	} finally {
		clearTimeout(deadline);
	}
}

/** What `work` settles to; rejects after `limitMs`, saying what it waited for. */
export async function settled<T>(work: Promise<T>, what: string, limitMs = WAIT_LIMIT_MS): Promise<T> {
	let deadline: ReturnType<typeof setTimeout> | undefined;
	const expired = new Promise<never>((_, reject) => {
		deadline = setTimeout(() => reject(new Error(`gave up after ${limitMs / 1000} s waiting for ${what}`)), limitMs);
	});
	try {
		return await Promise.race([work, expired]);
	} finally {
		clearTimeout(deadline);
	}
}

/** Tracks whether a promise has settled, without changing what it settles to. */
export function tracked<T>(work: Promise<T>): { work: Promise<T>; done: () => boolean } {
	let done = false;
	const settles = work.finally(() => (done = true));
	// The caller awaits `work`; this copy only records the moment, so its rejection is handled here.
	settles.catch(() => {});
	return { work, done: () => done };
}
