// The `hold` fault: eformsign still answering, for as long as a test needs, without a timer. The
// queue-mode suite kills an n8n worker at that moment (test/e2e/queue.e2e.js).
import { sleep } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { useSandbox } from '../harness/eformsign';
import { api, recipient, token } from './helpers';

const sandbox = useSandbox();

function createPath(sbx: Sandbox): string {
	return `/v2.0/api/documents?template_id=${sbx.demo.templateIds.contract}`;
}

const newDocument = { document: { document_name: 'Held contract', recipients: [recipient('lee@example.com', 'Lee')] } };

/** Waits (safety net 10 s) until `count` answers are held; the message says what it waited for. */
async function untilHeld(sbx: Sandbox, count: number): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (sbx.held().length < count) {
		if (Date.now() > deadline) throw new Error(`waited 10 s for ${count} held answers, saw ${sbx.held().length}`);
		await sleep(5);
	}
}

const documentNames = (sbx: Sandbox) => [...sbx.state.documents.values()].map((document) => document.document_name);

describe('hold fault', () => {
	it('with afterHandling: the document exists while the client still waits, and the answer names it', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		sbx.injectFault({ match: { method: 'POST', path: '/v2.0/api/documents' }, afterHandling: true, hold: true });
		let answered = false;
		const pending = api(sbx, access, 'POST', createPath(sbx), newDocument).then((answer) => {
			answered = true;
			return answer;
		});
		await untilHeld(sbx, 1);
		expect(sbx.held().map(({ method, path }) => `${method} ${path}`)).toEqual(['POST /v2.0/api/documents']);
		expect(documentNames(sbx)).toContain('Held contract');
		expect(answered).toBe(false);
		expect(sbx.releaseHeld()).toBe(1);
		const created = await pending;
		expect(created.status).toBe(200);
		const { id } = created.json.document as { id: string };
		expect(sbx.state.documents.get(id)?.document_name).toBe('Held contract');
		expect(sbx.held()).toEqual([]);
	});

	it('without afterHandling: nothing is done until the answer is released', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		sbx.injectFault({ match: { method: 'POST', path: '/v2.0/api/documents' }, hold: true });
		const pending = api(sbx, access, 'POST', createPath(sbx), newDocument);
		await untilHeld(sbx, 1);
		expect(documentNames(sbx)).not.toContain('Held contract');
		sbx.releaseHeld();
		expect((await pending).status).toBe(200);
		expect(documentNames(sbx)).toContain('Held contract');
	});

	it('a client that gives up while held never hears the answer; the work stays done', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		sbx.injectFault({ match: { method: 'POST', path: '/v2.0/api/documents' }, afterHandling: true, hold: true });
		const abort = new AbortController();
		const pending = fetch(`${sbx.url}${createPath(sbx)}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
			body: JSON.stringify(newDocument),
			signal: abort.signal,
		});
		await untilHeld(sbx, 1);
		abort.abort();
		await expect(pending).rejects.toThrow();
		expect(sbx.releaseHeld()).toBe(1);
		expect(documentNames(sbx).filter((name) => name === 'Held contract')).toHaveLength(1);
		const entry = sbx.log.find((logged) => logged.method === 'POST' && logged.path === '/v2.0/api/documents');
		expect(entry?.status).toBe(0);
	});

	it('is listed and released over the HTTP control API, and reset() releases what is held', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const control = async (method: string, path: string) =>
			(await (await fetch(`${sbx.url}/_sandbox${path}`, { method })).json()) as Record<string, unknown>;
		sbx.injectFault({ count: 2, match: { method: 'GET', path: '/v2.0/api/groups' }, hold: true });
		const first = api(sbx, access, 'GET', '/v2.0/api/groups');
		await untilHeld(sbx, 1);
		expect(await control('GET', '/held')).toEqual({ requests: [{ method: 'GET', path: '/v2.0/api/groups', query: {} }] });
		expect(await control('POST', '/held/release')).toEqual({ ok: true, released: 1 });
		expect((await first).status).toBe(200);
		const second = api(sbx, access, 'GET', '/v2.0/api/groups');
		await untilHeld(sbx, 1);
		sbx.reset();
		expect(sbx.held()).toEqual([]);
		// Released into the reset state: the token it carries was cleared, so eformsign refuses it.
		expect((await second).status).toBe(401);
	});
});

describe('documents by name over the control API', () => {
	it('lists the ids of the documents with exactly that name', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const byName = async (name?: string) => {
			const query = name === undefined ? '' : `?document_name=${encodeURIComponent(name)}`;
			const response = await fetch(`${sbx.url}/_sandbox/documents${query}`);
			return { status: response.status, json: (await response.json()) as Record<string, unknown> };
		};
		expect((await byName('Held contract')).json).toEqual({ ids: [] });
		const first = await api(sbx, access, 'POST', createPath(sbx), newDocument);
		const second = await api(sbx, access, 'POST', createPath(sbx), newDocument);
		await api(sbx, access, 'POST', createPath(sbx), { document: { ...newDocument.document, document_name: 'Held contract 2' } });
		const ids = [first, second].map((answer) => (answer.json.document as { id: string }).id);
		expect((await byName('Held contract')).json).toEqual({ ids });
		expect((await byName()).status).toBe(400);
	});
});
