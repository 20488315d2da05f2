import type { INodeParameters } from 'n8n-workflow';

import { credentialData, credentialsHelperFor, runEformsign, useSandbox } from '../harness/eformsign';

const sandbox = useSandbox();

function getDocument(documentId: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'document',
		operation: 'get',
		documentId: { __rl: true, mode: 'id', value: documentId },
		simplify: true,
		...extra,
	};
}

async function run(parameters: INodeParameters) {
	return await runEformsign(credentialsHelperFor(credentialData(sandbox())), parameters);
}

function documentPath() {
	return `/v2.0/api/documents/${sandbox().demo.documentIds.completed}`;
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
		expect(second.at - first.at).toBeGreaterThanOrEqual(950);
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
		sbx.injectFault({ count: 10, match: { method: 'GET', path: documentPath() }, delayMs: 2500 });
		const result = await run(getDocument(sbx.demo.documentIds.completed, { requestOptions: { timeout: 1 } }));
		expect(result.error?.message).toBe('eformsign did not answer within 1 second');
		expect((result.error as { description?: string }).description).toMatch(/raise "Timeout"/);
		expect(sbx.count('GET', documentPath())).toBe(4);
	});

	it('takes each item\'s own Timeout when the option is an expression', async () => {
		const sbx = sandbox();
		sbx.injectFault({ count: 10, match: { method: 'GET', path: documentPath() }, delayMs: 2500 });
		const id = sbx.demo.documentIds.completed;
		const result = await runEformsign(
			credentialsHelperFor(credentialData(sbx)),
			getDocument('={{ $json.id }}', { requestOptions: { timeout: '={{ $json.timeout }}' } }),
			[{ json: { id, timeout: 10 } }, { json: { id, timeout: 1 } }],
			{ continueOnFail: true },
		);
		expect(result.items.map((item) => item.json.id ?? item.json.error)).toEqual([
			id,
			'eformsign did not answer within 1 second',
		]);
		// Item 0 waited for its one slow answer; item 1 gave up on each of its 4 attempts.
		expect(sbx.count('GET', documentPath())).toBe(5);
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
