import type { TokenExpirySignal } from '../../sandbox';

import { useTestClock } from '../harness/clock';
import {
	anotherProcess,
	credentialData,
	credentialsHelperFor,
	runEformsign as startExecution,
	useSandbox,
} from '../harness/eformsign';
import type { TestCredentialsHelper } from '../harness/engine';
import { until } from '../harness/wait';

// Every token renewal ends up in the stored credential (n8n's database), so that other processes
// (queue workers, n8n after a restart) use it instead of renewing again.

const sandbox = useSandbox();
// Time moves only when the test moves it: a process waiting for the session another one saves
// polls n8n's credential store with pauses, and those pauses end only once the test lets them,
// after it has put that session in place.
const clock = useTestClock();

/** Runs one execution to its end, letting the clock pass through every pause it takes. */
async function runEformsign(...args: Parameters<typeof startExecution>) {
	return await clock().finishRun(startExecution(...args), 'the execution');
}

function getDocument(documentId: string) {
	return { resource: 'document', operation: 'get', documentId: { __rl: true, mode: 'id', value: documentId }, simplify: true };
}

interface StoredSession {
	accessToken: string;
	refreshToken: string;
}

function storedSession(helper: TestCredentialsHelper): StoredSession {
	return JSON.parse(String(helper.store.eformsignApi.session)) as StoredSession;
}

function tokenCalls() {
	return sandbox().log.filter((entry) => entry.path.startsWith('/v2.0/api_auth/'));
}

function documentCalls(documentId: string) {
	return sandbox().log.filter((entry) => entry.path === `/v2.0/api/documents/${documentId}`);
}

/** A first process that has run once: a session is stored, then eformsign expires every access token. */
async function storedThenExpired(signal: TokenExpirySignal): Promise<TestCredentialsHelper> {
	const sbx = sandbox();
	sbx.setTokenExpirySignal(signal);
	const first = credentialsHelperFor(credentialData(sbx));
	expect((await runEformsign(first, getDocument(sbx.demo.documentIds.completed))).error).toBeUndefined();
	sbx.expireTokens('access');
	sbx.clearLog();
	return first;
}

const signals: TokenExpirySignal[] = ['http401', 'http403', 'http200'];

describe.each(signals)('eformsign signals the expiry as %s', (signal) => {
	it('after a renewal, the stored credential holds the new session, the one eformsign accepted', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const helper = await storedThenExpired(signal);
		const before = storedSession(helper);

		const result = await runEformsign(helper, getDocument(documentId));

		expect(result.error).toBeUndefined();
		const after = storedSession(helper);
		expect(after.accessToken).not.toBe(before.accessToken);
		expect(after.refreshToken).not.toBe(before.refreshToken);
		const [refused, accepted] = documentCalls(documentId);
		expect(refused.headers.authorization).toBe(`Bearer ${before.accessToken}`);
		expect(accepted.status).toBe(200);
		expect(accepted.headers.authorization).toBe(`Bearer ${after.accessToken}`);
		// The mark that tells the credential which token was refused never leaves n8n.
		expect(sandbox().log.filter((entry) => Object.keys(entry.headers).some((name) => name.startsWith('x-eformsign')))).toEqual([]);
		expect(tokenCalls().map((entry) => `${entry.path} ${entry.status}`)).toEqual(['/v2.0/api_auth/refresh_token 200']);
	});

	it('a second process (fresh module state, same stored credential) makes 0 token calls', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const first = await storedThenExpired(signal);
		expect((await runEformsign(first, getDocument(documentId))).error).toBeUndefined();
		const renewed = storedSession(first);
		sbx.clearLog();

		const second = anotherProcess(first);
		const result = await runEformsign(second, getDocument(documentId), [{ json: {} }, { json: {} }]);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(tokenCalls()).toEqual([]);
		expect(second.preAuthenticationCalls).toBe(0);
		expect(documentCalls(documentId).map((entry) => entry.headers.authorization)).toEqual([
			`Bearer ${renewed.accessToken}`,
			`Bearer ${renewed.accessToken}`,
		]);
	});

	it('two processes that see the expiry at the same moment make at most 2 token calls, and both succeed', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const first = await storedThenExpired(signal);
		const second = anotherProcess(first);
		// Both requests are held until both have arrived, so both are refused with the same token,
		// and both refresh calls are held too, so both processes renew before either has saved.
		sbx.injectFault({ count: 2, match: { method: 'GET', path: `/v2.0/api/documents/${documentId}` }, delayMs: 300 });
		sbx.injectFault({ count: 2, match: { method: 'POST', path: '/v2.0/api_auth/refresh_token' }, delayMs: 300 });

		const both = [startExecution(first, getDocument(documentId)), startExecution(second, getDocument(documentId))];
		await until(() => documentCalls(documentId).length === 2, 'both processes to send the read eformsign refuses');
		await clock().advance(300);
		await until(
			() => tokenCalls().length === 2 || clock().pending().length > 0,
			'both processes to ask for a refresh (or one to wait for the other) before either has saved',
		);
		await clock().advance(300);
		const [one, two] = await clock().finish(both, 'both executions');

		expect(one.error).toBeUndefined();
		expect(two.error).toBeUndefined();
		expect(tokenCalls().length).toBeLessThanOrEqual(2);
		expect(sbx.tokenIssuances()).toBe(1);
		expect(documentCalls(documentId).filter((entry) => entry.status === 200 && !entry.code)).toHaveLength(2);
		// What is stored is a session eformsign still accepts.
		sbx.clearLog();
		expect((await runEformsign(anotherProcess(first), getDocument(documentId))).error).toBeUndefined();
		expect(tokenCalls()).toEqual([]);
	});
});

describe('a refresh token that another process has rotated out', () => {
	it('leads to the session that process saved, not to a failed execution or a new issue', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const first = await storedThenExpired('http401');
		// The other process works on its own copy of the record until its write lands.
		const other = anotherProcess(credentialsHelperFor({ ...first.store.eformsignApi }));
		expect((await runEformsign(other, getDocument(documentId))).error).toBeUndefined();
		const saved = storedSession(other);
		sbx.clearLog();

		const pausesBefore = clock().pauses.length;
		const running = startExecution(first, getDocument(documentId));
		// The first process tries the refresh token the other one already used and waits; then the
		// other's write lands.
		await clock().pauseStarted(pausesBefore + 1, 'the first process to wait for the session the other one saves');
		first.store.eformsignApi = { ...first.store.eformsignApi, session: other.store.eformsignApi.session };
		const result = await clock().finishRun(running, 'the execution');

		expect(result.error).toBeUndefined();
		expect(tokenCalls().map((entry) => `${entry.path} ${entry.status} ${entry.code}`)).toEqual([
			'/v2.0/api_auth/refresh_token 401 4010002',
		]);
		expect(sbx.tokenIssuances()).toBe(1);
		expect(documentCalls(documentId).map((entry) => entry.status)).toEqual([401, 200]);
		expect(documentCalls(documentId)[1].headers.authorization).toBe(`Bearer ${saved.accessToken}`);
		expect(storedSession(first).accessToken).toBe(saved.accessToken);
	});

	it('makes a second execution of the same process wait for that session too, instead of issuing a token', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const first = await storedThenExpired('http401');
		const other = anotherProcess(credentialsHelperFor({ ...first.store.eformsignApi }));
		expect((await runEformsign(other, getDocument(documentId))).error).toBeUndefined();
		const saved = storedSession(other);
		sbx.clearLog();

		const pausesBefore = clock().pauses.length;
		const firstExecution = startExecution(first, getDocument(documentId));
		await clock().pauseStarted(pausesBefore + 1, 'the first execution to wait for the other process\'s session');
		// A second execution in the same process meets the expired token after the first one has
		// found the refresh token rotated and started waiting for the other process's session.
		const secondExecution = startExecution(first, getDocument(documentId));
		await clock().pauseStarted(pausesBefore + 2, 'the second execution, refused too, to wait for that session as well');
		first.store.eformsignApi = { ...first.store.eformsignApi, session: other.store.eformsignApi.session };
		const results = await clock().finish([firstExecution, secondExecution], 'both executions');

		expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
		expect(tokenCalls().map((entry) => `${entry.path} ${entry.status} ${entry.code}`)).toEqual([
			'/v2.0/api_auth/refresh_token 401 4010002',
		]);
		expect(sbx.tokenIssuances()).toBe(1);
		const accepted = documentCalls(documentId).filter((entry) => entry.status === 200);
		expect(accepted.map((entry) => entry.headers.authorization)).toEqual([
			`Bearer ${saved.accessToken}`,
			`Bearer ${saved.accessToken}`,
		]);
	});

	it('leads to one new issue when no other session is ever saved, and that one is stored', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const first = await storedThenExpired('http401');
		const other = anotherProcess(credentialsHelperFor({ ...first.store.eformsignApi }));
		expect((await runEformsign(other, getDocument(documentId))).error).toBeUndefined();
		sbx.clearLog();

		const result = await runEformsign(first, getDocument(documentId));

		expect(result.error).toBeUndefined();
		expect(tokenCalls().map((entry) => `${entry.path} ${entry.status}`)).toEqual([
			'/v2.0/api_auth/refresh_token 401',
			'/v2.0/api_auth/access_token 200',
		]);
		const accepted = documentCalls(documentId).at(-1);
		expect(accepted?.status).toBe(200);
		expect(accepted?.headers.authorization).toBe(`Bearer ${storedSession(first).accessToken}`);
	});
});

it('a process whose module memory holds an older session uses the newer one another process saved', async () => {
	const sbx = sandbox();
	const documentId = sbx.demo.documentIds.completed;
	const first = await storedThenExpired('http401');
	// The other process renews and saves; the first one still remembers the old session.
	const other = anotherProcess(first);
	expect((await runEformsign(other, getDocument(documentId))).error).toBeUndefined();
	sbx.clearLog();

	const result = await runEformsign(first, getDocument(documentId));

	expect(result.error).toBeUndefined();
	expect(tokenCalls()).toEqual([]);
	expect(documentCalls(documentId).map((entry) => entry.status)).toEqual([200]);
});
