import { sleep } from 'n8n-workflow';

/**
 * n8n aborts this signal when an execution is stopped: the Stop button, or the execution timeout
 * (n8n-core WorkflowExecute `setupCancellation` aborts the signal that
 * `getExecutionCancelSignal()` returns). Only executions have one; triggers and list methods do not.
 */
export function cancelSignalOf(context: object): AbortSignal | undefined {
	const withSignal = context as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof withSignal.getExecutionCancelSignal === 'function'
		? withSignal.getExecutionCancelSignal()
		: undefined;
}

/**
 * Waits `ms`, or less when the execution is stopped meanwhile. n8n's lint allows neither timers
 * nor `node:timers/promises`, and n8n-workflow 2.41 and 1.x have no `sleepWithAbort`: the pause
 * races n8n-workflow's `sleep`, whose timer then simply runs out unobserved.
 */
export async function pauseUnlessStopped(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) return;
	let onStop = () => {};
	const stopped = new Promise<void>((resolve) => {
		onStop = resolve;
		signal.addEventListener('abort', onStop, { once: true });
	});
	try {
		await Promise.race([sleep(ms), stopped]);
	} finally {
		signal.removeEventListener('abort', onStop);
	}
}
