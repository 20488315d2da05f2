/**
 * Time that moves only when a test moves it. Jest's fake timers replace `Date` and `setTimeout`,
 * in the nodes and in the in-process sandbox alike: a pause before a retry, eformsign's clock, a
 * delayed sandbox answer and axios's request timer all stand still until the test moves the clock,
 * so a loaded machine cannot reorder them, and time differences read from the sandbox's request
 * log are exact.
 *
 * Every pause a node takes goes through n8n-workflow's `sleep` (n8n's lint allows no other timer in
 * `nodes/`). The clock watches it, so a test can wait for "the node is pausing" as an event, and
 * knows for how long it asked to pause. The real `sleep` still does the waiting, on the fake timers.
 */
import * as workflow from 'n8n-workflow';

import { settled, tracked, until } from './wait';

export interface Pause {
	/** How long the node asked to pause. */
	ms: number;
	/** The clock's time when the pause ends. */
	endsAt: number;
	/** The pause ran out (it is not over when the node stopped waiting for it some other way). */
	over: boolean;
}

/** Everything else stays real: I/O callbacks, promises, setImmediate and the waits of ./wait.ts. */
const REAL = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
] as const;

export class TestClock {
	/** Every pause the nodes asked for, in the order they asked. */
	readonly pauses: Pause[] = [];

	now(): number {
		return Date.now();
	}

	/** Pauses that have started and not run out. */
	pending(): Pause[] {
		return this.pauses.filter((pause) => !pause.over);
	}

	/** Moves time forward, firing in order every timer that falls due on the way. */
	async advance(ms: number): Promise<void> {
		await jest.advanceTimersByTimeAsync(ms);
	}

	/** Resolves once `count` pauses have started (counting those already started). */
	async pauseStarted(count: number, what: string): Promise<Pause> {
		await until(() => this.pauses.length >= count, what);
		return this.pauses[count - 1];
	}

	/**
	 * Lets runs finish, moving time only while every unfinished run is in a pause, and then only to
	 * the end of the earliest one. While any run is sending or receiving, time stands still, so no
	 * timer can overtake an answer that is on its way, however slow the machine. `progress` (such as
	 * the length of the sandbox's log) keeps a long run from counting as stalled.
	 */
	async finish<T>(runs: Array<Promise<T>>, what: string, progress?: () => unknown): Promise<T[]> {
		const watched = runs.map((run) => tracked(run));
		const unfinished = () => watched.filter((run) => !run.done()).length;
		for (;;) {
			await until(
				() => unfinished() === 0 || this.pending().length >= unfinished(),
				`${what}, or for every unfinished run to pause`,
				{ progress: () => `${this.pauses.length} ${String(progress?.())}` },
			);
			if (unfinished() === 0) break;
			const next = Math.min(...this.pending().map((pause) => pause.endsAt));
			await this.advance(Math.max(0, next - this.now()));
		}
		return await settled(Promise.all(runs), what);
	}

	/** `finish` for one run. */
	async finishRun<T>(run: Promise<T>, what: string, progress?: () => unknown): Promise<T> {
		const [result] = await this.finish([run], what, progress);
		return result;
	}
}

/**
 * A TestClock for every test of the file: installed before each test (after the sandbox has
 * started, so the sandbox's server runs on real timers until then) and removed after it.
 */
export function useTestClock(): () => TestClock {
	let clock: TestClock | undefined;
	let original: PropertyDescriptor | undefined;
	beforeEach(() => {
		jest.useFakeTimers({ doNotFake: [...REAL] });
		const current = new TestClock();
		clock = current;
		original = Object.getOwnPropertyDescriptor(workflow, 'sleep');
		const realSleep = workflow.sleep;
		Object.defineProperty(workflow, 'sleep', {
			configurable: true,
			enumerable: true,
			get: () => async (ms: number) => {
				const pause: Pause = { ms, endsAt: Date.now() + ms, over: false };
				current.pauses.push(pause);
				await realSleep(ms);
				pause.over = true;
			},
		});
	});
	afterEach(() => {
		if (original) Object.defineProperty(workflow, 'sleep', original);
		jest.useRealTimers();
		clock = undefined;
	});
	return () => {
		if (!clock) throw new Error('the test clock is only there during a test');
		return clock;
	};
}
