import type { INodeParameters } from 'n8n-workflow';

import { useTestClock } from '../harness/clock';
import { credentialData, credentialsHelperFor, runEformsign, useSandbox } from '../harness/eformsign';
import { tracked, until } from '../harness/wait';

const sandbox = useSandbox();
// Pauses, eformsign's delayed answers and the request Timeout all run on a clock the test moves.
const clock = useTestClock();

function getDocument(documentId: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'document',
		operation: 'get',
		documentId: { __rl: true, mode: 'id', value: documentId },
		simplify: true,
		...extra,
	};
}

async function start(parameters: INodeParameters) {
	return await runEformsign(credentialsHelperFor(credentialData(sandbox())), parameters);
}

/** Runs to the end, letting the clock pass through every pause the node takes. */
async function run(parameters: INodeParameters) {
	return await clock().finishRun(start(parameters), 'the run');
}

function documentPath() {
	return `/v2.0/api/documents/${sandbox().demo.documentIds.completed}`;
}

/**
 * eformsign holds every attempt at `path` (a delayed answer); once an attempt has arrived, the clock
 * moves past the 1 s Timeout, then to the end of the pause before the next attempt.
 */
async function letEachAttemptTimeOut(path: string, attempts: number): Promise<void> {
	for (let attempt = 1; attempt <= attempts; attempt++) {
		await until(() => sandbox().count('GET', path) === attempt, `attempt ${attempt} at ${path} to reach eformsign`);
		await clock().advance(1000);
		if (attempt === attempts) break;
		const pause = await clock().pauseStarted(attempt, `the pause after attempt ${attempt} timed out`);
		await clock().advance(pause.endsAt - clock().now());
	}
}

describe('reads survive transient faults', () => {
	it('retries a burst of 5xx answers and returns the document', async () => {
		const sbx = sandbox();
		sbx.injectFault({ count: 2, match: { method: 'GET', path: documentPath() }, status: 503, code: '5000002', message: 'Service unavailable', retryAfter: 0 });
		const result = await run(getDocument(sbx.demo.documentIds.completed));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(sbx.demo.documentIds.completed);
		expect(sbx.log.filter((e) => e.path === documentPath()).map((e) => e.status)).toEqual([503, 503, 200]);
	});

	it('honours Retry-After before asking again', async () => {
		const sbx = sandbox();
		sbx.injectFault({ count: 1, match: { method: 'GET', path: documentPath() }, status: 429, code: '4290001', message: 'Too many requests', retryAfter: 1 });
		const result = await run(getDocument(sbx.demo.documentIds.completed));
		expect(result.error).toBeUndefined();
		const [first, second] = sbx.log.filter((e) => e.path === documentPath());
		expect(clock().pauses.map((pause) => pause.ms)).toEqual([1000]);
		expect(second.at - first.at).toBe(1000);
	});

	it('retries a dropped connection', async () => {
		const sbx = sandbox();
		sbx.injectFault({ count: 1, match: { method: 'GET', path: documentPath() }, drop: true });
		const result = await run(getDocument(sbx.demo.documentIds.completed));
		expect(result.error).toBeUndefined();
		expect(sbx.count('GET', documentPath())).toBe(2);
	});

	it('gives up after a bounded number of attempts with a clear error', async () => {
		const sbx = sandbox();
		sbx.injectFault({ count: 10, match: { method: 'GET', path: documentPath() }, status: 500, code: '5000002', message: 'CouchDB connection failed.', retryAfter: 0 });
		const result = await run(getDocument(sbx.demo.documentIds.completed));
		expect(result.error?.message).toBe('eformsign: CouchDB connection failed [code 5000002]');
		expect(sbx.count('GET', documentPath())).toBe(4);
	});

	it('stops waiting for a slow answer after the Timeout option, retries, then says so', async () => {
		const sbx = sandbox();
		// eformsign would answer each attempt 2.5 s after it arrived; the Timeout is 1 s.
		sbx.injectFault({ count: 10, match: { method: 'GET', path: documentPath() }, delayMs: 2500 });
		const running = tracked(start(getDocument(sbx.demo.documentIds.completed, { requestOptions: { timeout: 1 } })));

		await letEachAttemptTimeOut(documentPath(), 4);

		await until(running.done, 'the run to end after its fourth attempt');
		const result = await running.work;
		expect(result.error?.message).toBe('eformsign did not answer within 1 second');
		expect((result.error as { description?: string }).description).toMatch(/raise "Timeout"/);
		expect(sbx.log.filter((entry) => entry.path === documentPath()).map((entry) => entry.status)).toEqual([0, 0, 0, 0]);
	});

	it('takes each item\'s own Timeout when the option is an expression', async () => {
		const sbx = sandbox();
		const patient = sbx.demo.documentIds.completed;
		const hasty = sbx.demo.documentIds.waitingMember;
		const pathOf = (id: string) => `/v2.0/api/documents/${id}`;
		sbx.injectFault({ count: 1, match: { method: 'GET', path: pathOf(patient) }, delayMs: 2500 });
		sbx.injectFault({ count: 10, match: { method: 'GET', path: pathOf(hasty) }, delayMs: 2500 });
		const running = tracked(
			runEformsign(
				credentialsHelperFor(credentialData(sbx)),
				getDocument('={{ $json.id }}', { requestOptions: { timeout: '={{ $json.timeout }}' } }),
				[{ json: { id: patient, timeout: 10 } }, { json: { id: hasty, timeout: 1 } }],
				{ continueOnFail: true },
			),
		);

		// Both items are sent at once. Item 1 gives up on each attempt after 1 s; on the way the clock
		// passes 2.5 s, where item 0 gets its answer, well within its own 10 s.
		await until(() => sbx.count('GET', pathOf(patient)) === 1, 'item 0 to reach eformsign');
		await letEachAttemptTimeOut(pathOf(hasty), 4);

		await until(running.done, 'the run to end');
		const result = await running.work;
		expect(result.items.map((item) => item.json.id ?? item.json.error)).toEqual([
			patient,
			'eformsign did not answer within 1 second',
		]);
		expect(sbx.log.filter((entry) => entry.path === pathOf(patient)).map((entry) => entry.status)).toEqual([200]);
		expect(sbx.count('GET', pathOf(hasty))).toBe(4);
	});
});

describe('answers that are not what eformsign sends give a clear error, never a crash', () => {
	const cases: Array<[string, { body: string; contentType: string; status?: number }, RegExp]> = [
		['an HTML error page', { status: 200, body: '<!DOCTYPE html><html><body>Bad gateway</body></html>', contentType: 'text/html' }, /HTTP 200 with an HTML page instead of JSON/],
		['an empty body', { status: 200, body: '', contentType: 'application/json' }, /HTTP 200 with an empty body/],
		['truncated JSON', { status: 200, body: '{"id":"abc","document_name":"Con', contentType: 'application/json' }, /HTTP 200 with JSON that cannot be read \(cut short\?\)/],
		['plain text', { status: 200, body: 'OK', contentType: 'text/plain' }, /HTTP 200 with text instead of JSON/],
	];
	it.each(cases)('%s', async (_name, fault, message) => {
		const sbx = sandbox();
		sbx.injectFault({ count: 1, match: { method: 'GET', path: documentPath() }, ...fault });
		const result = await run(getDocument(sbx.demo.documentIds.completed));
		expect(result.error?.message).toMatch(message);
		expect(result.error?.name).toBe('NodeApiError');
	});

	it('treats HTTP 200 with an eformsign error code as an error', async () => {
		const sbx = sandbox();
		sbx.injectFault({ count: 1, match: { method: 'GET', path: documentPath() }, status: 200, code: '4000034', message: 'You have no access authority to the requested document.' });
		const result = await run(getDocument(sbx.demo.documentIds.completed));
		expect(result.error?.message).toBe('eformsign: You have no access authority to the requested document [code 4000034]');
		expect((result.error as { description?: string }).description).toBe('This member has no access to the document.');
		expect(sbx.count('GET', documentPath())).toBe(1);
	});
});

describe('document IDs mapped from earlier nodes never change the request path', () => {
	it.each(['', '   ', '../members', 'abc/def', '..', 'abc?x=1', 'a%2Fb'])('refuses %j before sending anything', async (id) => {
		const sbx = sandbox();
		const result = await runEformsign(
			credentialsHelperFor(credentialData(sbx)),
			{ ...getDocument('={{ $json.id }}') },
			[{ json: { id } }],
		);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(id.trim() ? /is not a valid ID/ : /is empty/);
		expect(sbx.log).toHaveLength(0);
	});
});
