/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeParameters } from 'n8n-workflow';

import { fingerprint, readCredentials } from '../../nodes/shared/session';
import type { Fault } from '../../sandbox';
import { useTestClock } from '../harness/clock';
import { credentialData, credentialsHelperFor, runEformsign, useSandbox } from '../harness/eformsign';

const sandbox = useSandbox();

function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

async function run(parameters: INodeParameters, items = 1) {
	return await runEformsign(
		credentialsHelperFor(credentialData(sandbox())),
		parameters,
		Array.from({ length: items }, () => ({ json: {} })),
	);
}

const faults: Array<[string, Omit<Fault, 'match'>, number]> = [
	['HTTP 500 after eformsign created the document', { status: 500, code: '5000004', message: 'Failed to create the document.', afterHandling: true }, 1],
	['HTTP 500 before anything was created', { status: 500, code: '5000004', message: 'Failed to create the document.' }, 0],
	['a connection dropped after eformsign created the document', { drop: true, afterHandling: true }, 1],
	['a connection dropped before anything was created', { drop: true }, 0],
	['HTTP 502 from a proxy with an HTML page', { status: 502, body: '<html><body>Bad Gateway</body></html>', contentType: 'text/html' }, 0],
];

describe('Create is never sent twice', () => {
	it.each(faults)('%s: one request, %d document(s), and an error that says it may or may not have happened', async (_name, fault, created) => {
		const sbx = sandbox();
		const before = sbx.state.documents.size;
		sbx.injectFault({ ...fault, count: 5, match: { method: 'POST', path: '/v2.0/api/documents' } });

		const result = await run({
			resource: 'document',
			operation: 'create',
			templateId: byId(sbx.demo.templateIds.contract),
			documentName: 'Reliability check',
		});

		expect(sbx.count('POST', '/v2.0/api/documents')).toBe(1);
		expect(sbx.state.documents.size - before).toBe(created);
		expect(result.error?.name).toBe('NodeApiError');
		expect((result.error as { description?: string }).description).toMatch(
			/may or may not have been carried out.*Check in eformsign before running it again/,
		);
	});
});

describe('other writes are never sent twice either', () => {
	it('cancel, answered 500 after it was carried out', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.waitingExternal;
		sbx.injectFault({ count: 5, match: { method: 'POST', path: '/v2.0/api/documents/cancel' }, status: 500, afterHandling: true });
		const result = await run({ resource: 'document', operation: 'cancel', documentIds: documentId, comment: 'test' });
		expect(sbx.count('POST', '/v2.0/api/documents/cancel')).toBe(1);
		expect(result.error?.message).toMatch(/HTTP 500|5000001|Injected fault/);
		expect(sbx.state.documents.get(documentId)?.status_type).toBe('042');
	});

	it('delete, with the connection dropped', async () => {
		const sbx = sandbox();
		sbx.injectFault({ count: 5, match: { method: 'DELETE', path: '/v2.0/api/documents' }, drop: true });
		const result = await run({ resource: 'document', operation: 'delete', documentIds: sbx.demo.documentIds.draft });
		expect(sbx.count('DELETE', '/v2.0/api/documents')).toBe(1);
		expect(result.error?.message).toMatch(/connection to eformsign failed/);
	});

	it('bulk create, answered 503', async () => {
		const sbx = sandbox();
		sbx.injectFault({ count: 5, match: { method: 'POST', path: '/v2.0/api/forms/mass_documents' }, status: 503, retryAfter: 0 });
		const result = await run(
			{ resource: 'document', operation: 'createMany', templateId: byId(sbx.demo.templateIds.contract) },
			3,
		);
		expect(sbx.count('POST', '/v2.0/api/forms/mass_documents')).toBe(1);
		expect(result.error).toBeDefined();
	});
});

describe('a refused connection never reached eformsign', () => {
	// The host comes up while the node pauses after the refused attempt: an order of events, not a time.
	const clock = useTestClock();

	it('is retried even for a create, and the create happens exactly once', async () => {
		const sbx = sandbox();
		// The API host refuses connections at first, then comes up (as a pass-through to the sandbox).
		const port = await new Promise<number>((resolve) => {
			const probe = createServer().listen(0, '127.0.0.1', () => {
				const { port: free } = probe.address() as AddressInfo;
				probe.close(() => resolve(free));
			});
		});
		const passThrough = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', async () => {
				const answer = await fetch(`${sbx.url}${request.url}`, {
					method: request.method,
					headers: request.headers as Record<string, string>,
					body: chunks.length ? Buffer.concat(chunks) : undefined,
				});
				response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
				response.end(Buffer.from(await answer.arrayBuffer()));
			});
		});
		const data = credentialData(sbx);
		const session = JSON.stringify({
			credential: fingerprint(readCredentials(data)),
			accessToken: 'not-used-yet',
			refreshToken: '',
			apiUrl: `http://127.0.0.1:${port}`,
			companyId: sbx.demo.companyId,
			expiresAt: Date.now() + 3_600_000,
			obtainedAt: Date.now(),
		});
		try {
			const running = runEformsign(credentialsHelperFor({ ...data, session }), {
				resource: 'document',
				operation: 'create',
				templateId: byId(sbx.demo.templateIds.contract),
			});
			await clock().pauseStarted(1, 'the node to pause after the refused connection');
			await new Promise<void>((resolve) => passThrough.listen(port, '127.0.0.1', () => resolve()));
			const result = await clock().finishRun(running, 'the create');
			// The made-up token is refused once (401) and renewed; then the create goes through once.
			expect(result.error).toBeUndefined();
			expect(sbx.log.filter((entry) => entry.path === '/v2.0/api/documents').map((entry) => entry.status)).toEqual([401, 200]);
		} finally {
			await new Promise<void>((resolve) => passThrough.close(() => resolve()));
		}
	});
});
