import { useTestClock } from '../harness/clock';
import { useSandbox } from '../harness/eformsign';
import { settled, tracked, until } from '../harness/wait';
import { api, token } from './helpers';

const sandbox = useSandbox();

describe('fault injection', () => {
	it('answers with an eformsign error, a Retry-After header, then normally again', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		sbx.injectFault({ match: { method: 'GET', path: '/v2.0/api/groups' }, status: 503, code: '5000002', message: 'down', retryAfter: 2 });
		const faulted = await api(sbx, access, 'GET', '/v2.0/api/groups');
		expect(faulted.status).toBe(503);
		expect(faulted.json).toEqual({ code: '5000002', ErrorMessage: 'down' });
		expect(faulted.headers.get('retry-after')).toBe('2');
		expect((await api(sbx, access, 'GET', '/v2.0/api/groups')).status).toBe(200);
	});

	it('serves raw bodies, counts uses and matches path prefixes', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		sbx.injectFault({ count: 2, match: { path: '/v2.0/api/mem*' }, status: 502, body: '<html>Bad gateway</html>' });
		const first = await api(sbx, access, 'GET', '/v2.0/api/members');
		expect([first.status, first.text, first.headers.get('content-type')]).toEqual([502, '<html>Bad gateway</html>', 'text/html; charset=utf-8']);
		expect((await api(sbx, access, 'GET', '/v2.0/api/groups')).status).toBe(200);
		expect((await api(sbx, access, 'GET', '/v2.0/api/members')).status).toBe(502);
		expect((await api(sbx, access, 'GET', '/v2.0/api/members')).status).toBe(200);
	});

	it('derives the status from a code alone (and 2020001 → 202)', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		sbx.injectFault({ code: '4010004', message: 'The token has expired.' });
		expect((await api(sbx, access, 'GET', '/v2.0/api/groups')).status).toBe(401);
		sbx.injectFault({ code: '2020001' });
		expect((await api(sbx, access, 'GET', '/v2.0/api/groups')).status).toBe(202);
	});

	it('drops the connection', async () => {
		const sbx = sandbox();
		sbx.injectFault({ match: { path: '/v2.0/api_auth/access_token' }, drop: true });
		await expect(token(sbx)).rejects.toThrow();
		expect(sbx.log[0]).toMatchObject({ path: '/v2.0/api_auth/access_token', status: 0 });
		await expect(token(sbx)).resolves.toHaveProperty('access');
	});

	it('clears queued faults', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		sbx.injectFault({ status: 500 });
		sbx.clearFaults();
		expect((await api(sbx, access, 'GET', '/v2.0/api/groups')).status).toBe(200);
	});
});

describe('a delayed answer', () => {
	// The delay runs on a clock the test moves, from the moment the request arrives.
	const clock = useTestClock();

	it('is held until the delay has passed, then answered normally', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		sbx.injectFault({ delayMs: 300 });
		const answer = tracked(api(sbx, access, 'GET', '/v2.0/api/groups'));
		await until(() => sbx.log.some((entry) => entry.path === '/v2.0/api/groups'), 'the request to arrive');

		await clock().advance(299);
		expect(sbx.log.at(-1)?.status).toBe(0);
		expect(answer.done()).toBe(false);

		await clock().advance(1);
		expect((await settled(answer.work, 'the answer once 300 ms have passed')).status).toBe(200);
		expect(sbx.log.at(-1)?.status).toBe(200);
	});
});

describe('request log', () => {
	it('records method, path, query, headers, parsed body, status and code', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		await api(sbx, access, 'POST', '/v2.0/api/list_document?include_fields=true', { type: '09', limit: '5' });
		const entry = sbx.log[sbx.log.length - 1];
		expect(entry).toMatchObject({
			method: 'POST',
			path: '/v2.0/api/list_document',
			query: { include_fields: 'true' },
			body: { type: '09', limit: '5' },
			rawBody: '{"type":"09","limit":"5"}',
			status: 500,
			code: '5000089',
		});
		expect(entry.headers.authorization).toBe(`Bearer ${access}`);
		expect(sbx.count('post', '/v2.0/api/list_document')).toBe(1);
		expect(sbx.count('POST', '/v2.0/api_auth/access_token')).toBe(1);
		sbx.clearLog();
		expect(sbx.log).toHaveLength(0);
	});
});

describe('HTTP control API', () => {
	async function control(method: string, path: string, body?: unknown) {
		const response = await fetch(`${sandbox().url}/_sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, json: (await response.json()) as unknown };
	}

	it('mirrors the in-process switches and is not logged', async () => {
		const sbx = sandbox();
		const demo = (await control('GET', '/demo')).json as { url: string; memberId: string };
		expect(demo.url).toBe(sbx.url);
		expect(demo.memberId).toBe(sbx.demo.memberId);
		await control('POST', '/faults', { status: 418, match: { path: '/v2.0/api/groups' } });
		const { access } = await token(sbx);
		expect((await api(sbx, access, 'GET', '/v2.0/api/groups')).status).toBe(418);
		await control('POST', '/clock', { offsetMs: 60_000 });
		expect((await control('POST', '/expire-tokens', { kind: 'access' })).status).toBe(200);
		expect((await api(sbx, access, 'GET', '/v2.0/api/groups')).json.code).toBe('4010004');
		const log = (await control('GET', '/log')).json as Array<{ path: string }>;
		expect(log.every((entry) => !entry.path.startsWith('/_sandbox'))).toBe(true);
		expect(log).toHaveLength(3);
		const bulk = (await control('POST', '/documents/bulk', { n: 3, status: '003' })).json as { ids: string[] };
		expect(bulk.ids).toHaveLength(3);
		expect(sbx.state.documents.get(bulk.ids[0])?.phase).toBe('completed');
		await control('POST', '/reset');
		expect(sbx.log).toHaveLength(0);
		expect(sbx.state.documents.has(bulk.ids[0])).toBe(false);
		expect((await control('GET', '/nothing')).status).toBe(404);
	});

	it('advances a document over HTTP', async () => {
		const sbx = sandbox();
		const id = sbx.demo.documentIds.waitingExternal;
		const advanced = await control('POST', `/documents/${id}/advance`, { action: 'accept' });
		expect(advanced).toEqual({ status: 200, json: { ok: true, status_type: '003', phase: 'completed' } });
		expect((await control('POST', `/documents/${id}/advance`, {})).status).toBe(400);
		expect((await control('POST', '/documents/ffff/advance', {})).status).toBe(404);
	});
});
