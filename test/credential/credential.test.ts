/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- wrong values on purpose; a local server that refuses connections */
import { generateKeyPairSync, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { obtainSession, readCredentials, serializeSession } from '../../nodes/shared/session';

import {
	apiCalls,
	credentialData,
	credentialsHelperFor,
	runEformsign,
	testCredential,
	useSandbox,
	type Verification,
} from '../harness/eformsign';
import { n8nHttpRequest } from '../harness/n8n-internals';

const sandbox = useSandbox();

function getDocument(documentId: string, parallelRequests?: number) {
	return {
		resource: 'document',
		operation: 'get',
		documentId: { __rl: true, mode: 'id', value: documentId },
		simplify: true,
		...(parallelRequests ? { requestOptions: { parallelRequests } } : {}),
	};
}

function tokenRequests() {
	return sandbox().log.filter((entry) => entry.path === '/v2.0/api_auth/access_token');
}

describe.each<Verification>(['signature', 'bearer', 'basic'])('verification type %s', (verification) => {
	it('issues a member token and calls the API host it names, with that token', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const helper = credentialsHelperFor(credentialData(sbx, verification));
		const result = await runEformsign(helper, getDocument(documentId));

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual([documentId]);

		const [issue] = tokenRequests();
		const apiKey = sbx.demo[verification].apiKey;
		expect(issue.method).toBe('POST');
		expect(issue.headers.authorization).toBe(`Bearer ${Buffer.from(apiKey).toString('base64')}`);
		const body = issue.body as { execution_time: number; member_id: string };
		expect(body.member_id).toBe(sbx.demo.memberId);
		expect(Math.abs(body.execution_time - Date.now())).toBeLessThan(30_000);
		const header = issue.headers.eformsign_signature;
		if (verification === 'signature') {
			expect(header).toMatch(/^30[0-9a-f]+$/);
			const publicKey = Buffer.from(sbx.demo.signature.publicKeyHex, 'hex');
			expect(
				verify('sha256', Buffer.from(String(body.execution_time)), { key: publicKey, format: 'der', type: 'spki', dsaEncoding: 'der' }, Buffer.from(header, 'hex')),
			).toBe(true);
		} else if (verification === 'bearer') {
			expect(header).toBe(`Bearer ${sbx.demo.bearer.token}`);
		} else {
			expect(header).toBe(`Basic ${Buffer.from(`${sbx.demo.basic.id}:${sbx.demo.basic.password}`).toString('base64')}`);
		}

		const call = sbx.log.find((entry) => entry.path === `/v2.0/api/documents/${documentId}`);
		expect(call?.method).toBe('GET');
		const session = JSON.parse(String(helper.store.eformsignApi.session)) as { accessToken: string };
		expect(call?.headers.authorization).toBe(`Bearer ${session.accessToken}`);
	});

	it('passes "Test" in the credential dialog', async () => {
		expect(await testCredential(credentialData(sandbox(), verification))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox().tokenIssuances()).toBe(1);
	});
});

it('issues a company token without member_id when Member ID is empty', async () => {
	const sbx = sandbox();
	const result = await runEformsign(
		credentialsHelperFor(credentialData(sbx, 'signature', { memberId: '' })),
		getDocument(sbx.demo.documentIds.completed),
	);
	expect(result.error).toBeUndefined();
	expect(tokenRequests()[0].body).not.toHaveProperty('member_id');
});

describe('"Test" reports eformsign\'s answer in plain words, never the secret', () => {
	const otherKeyHex = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
		.privateKey.export({ type: 'pkcs8', format: 'der' })
		.toString('hex');

	const cases: Array<[string, () => IDataObject, RegExp, () => void]> = [
		['4030004: a private key of another API key', () => ({ privateKey: otherKeyHex }), /rejected the signature.*private key belongs to this API key/, () => {}],
		['4030004: a wrong bearer value', () => ({ verificationType: 'bearer', apiKey: sandbox().demo.bearer.apiKey, bearerToken: 'not-the-right-value' }), /rejected the bearer token.*Check the value set on this API key/, () => {}],
		['4030004: a wrong Basic password', () => ({ verificationType: 'basic', apiKey: sandbox().demo.basic.apiKey, basicId: sandbox().demo.basic.id, basicPassword: 'wrong-password-1' }), /rejected the Basic ID and password/, () => {}],
		['4000003: an unknown API key', () => ({ apiKey: '00000000-0000-4000-8000-000000000000' }), /does not know this API key.*Copy it again/, () => {}],
		['4030001: an inactive API key', () => ({ apiKey: sandbox().demo.inactive.apiKey, privateKey: sandbox().demo.inactive.privateKeyHex }), /API key is inactive.*Activate it/, () => {}],
		['4000074: an unknown member', () => ({ memberId: 'nobody@sandbox.eformsign.test' }), /no member "nobody@sandbox.eformsign.test".*leave Member ID empty/, () => {}],
		[
			'4000002: the clock outside the window even after re-signing',
			() => ({}),
			/outside eformsign's 30-second window.*Synchronise/,
			() =>
				sandbox().injectFault({
					count: 2,
					match: { method: 'POST', path: '/v2.0/api_auth/access_token' },
					status: 400,
					body: JSON.stringify({ code: '4000002', ErrorMessage: 'The validation time has expired.', execution_time: Date.now() }),
					contentType: 'application/json',
				}),
		],
		['a private key that is not hex', () => ({ privateKey: 'paste-error' }), /neither hex nor PEM.*View key/, () => {}],
		['a Member ID that is not an e-mail', () => ({ memberId: 'kim' }), /not an e-mail address/, () => {}],
		['an API key with spaces', () => ({ apiKey: 'abc def' }), /contains spaces/, () => {}],
		['a Token Host that is no URL', () => ({ tokenHostUrl: 'api.eformsign.com' }), /not an http\(s\) URL/, () => {}],
	];

	it.each(cases)('%s', async (_name, overrides, message, arrange) => {
		arrange();
		const result = await testCredential(credentialData(sandbox(), 'signature', overrides()));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(sandbox().tokenIssuances()).toBe(0);
	});
});

it('"Test" with an unreachable Token Host shows the node\'s message, not n8n\'s generic one', async () => {
	const closed = createServer();
	await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
	const { port } = closed.address() as AddressInfo;
	await new Promise<void>((resolve) => closed.close(() => resolve()));

	const result = await testCredential(credentialData(sandbox(), 'signature', { tokenHostUrl: `http://127.0.0.1:${port}` }));

	expect(result.status).toBe('Error');
	expect(result.message).toMatch(
		new RegExp(`^Could not reach the eformsign Token Host http://127\\.0\\.0\\.1:${port}: the connection was refused.*Check the Token Host`),
	);
	expect(result.message).not.toMatch(/perhaps it is offline/);
});

describe('a saved credential whose values change', () => {
	const otherKeyHex = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
		.privateKey.export({ type: 'pkcs8', format: 'der' })
		.toString('hex');

	it('"Test" checks the new private key instead of trusting the token of the old one', async () => {
		const sbx = sandbox();
		const helper = credentialsHelperFor(credentialData(sbx));
		expect((await runEformsign(helper, getDocument(sbx.demo.documentIds.completed))).error).toBeUndefined();
		expect(helper.store.eformsignApi.session).not.toBe('');

		// The user pastes a wrong key into the saved credential; n8n keeps the stored session.
		const result = await testCredential({ ...helper.store.eformsignApi, privateKey: otherKeyHex }, helper);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the signature.*private key belongs to this API key/);
		expect(sbx.log.filter((entry) => entry.path === '/v2.0/api_auth/access_token').map((entry) => entry.status)).toEqual([200, 403]);
	});

	it('a caller that read the edited credential before its new token was stored shares that token', async () => {
		const sbx = sandbox();
		const http = async (options: IHttpRequestOptions) => await n8nHttpRequest(options);
		const original = readCredentials(credentialData(sbx));
		const oldSession = await obtainSession(http, original);
		// Both callers still carry the old member's session, as read before the new one was saved.
		const edited = { ...original, memberId: sbx.demo.adminId, session: serializeSession(oldSession) };

		const first = await obtainSession(http, edited);
		const straggler = await obtainSession(http, edited);

		expect(first.accessToken).not.toBe(oldSession.accessToken);
		expect(straggler.accessToken).toBe(first.accessToken);
		expect(sbx.tokenIssuances()).toBe(2);
	});

	it('a changed Member ID gets a token for the new member before any call is made', async () => {
		const sbx = sandbox();
		const helper = credentialsHelperFor(credentialData(sbx));
		const documentId = sbx.demo.documentIds.completed;
		await runEformsign(helper, getDocument(documentId));
		helper.store.eformsignApi = { ...helper.store.eformsignApi, memberId: sbx.demo.adminId };
		sbx.clearLog();

		const result = await runEformsign(helper, getDocument(documentId));

		expect(result.error).toBeUndefined();
		expect(sbx.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
			'POST /v2.0/api_auth/access_token 200',
			`GET /v2.0/api/documents/${documentId} 200`,
		]);
		expect((sbx.log[0].body as { member_id: string }).member_id).toBe(sbx.demo.adminId);
	});
});

describe('one token for every item and every execution', () => {
	it('5 executions of 50 items cause exactly 1 issuance', async () => {
		const sbx = sandbox();
		const helper = credentialsHelperFor(credentialData(sbx));
		const input = Array.from({ length: 50 }, () => ({ json: {} }));
		for (let execution = 0; execution < 5; execution++) {
			const result = await runEformsign(helper, getDocument(sbx.demo.documentIds.completed), input);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(50);
		}
		expect(sbx.tokenIssuances()).toBe(1);
		expect(sbx.count('GET', `/v2.0/api/documents/${sbx.demo.documentIds.completed}`)).toBe(250);
		// Only the items that started before the first token was stored asked for one.
		expect(helper.preAuthenticationCalls).toBeLessThanOrEqual(4);
	});

	it('20 executions started at the same moment cause 1 issuance', async () => {
		const sbx = sandbox();
		const helper = credentialsHelperFor(credentialData(sbx));
		const results = await Promise.all(
			Array.from({ length: 20 }, async () => await runEformsign(helper, getDocument(sbx.demo.documentIds.completed))),
		);
		expect(results.every((result) => result.error === undefined)).toBe(true);
		expect(sbx.tokenIssuances()).toBe(1);
	});

	it('keeps the session in the credential\'s hidden field, where n8n stores it encrypted', async () => {
		const sbx = sandbox();
		const helper = credentialsHelperFor(credentialData(sbx));
		await runEformsign(helper, getDocument(sbx.demo.documentIds.completed));
		const stored = JSON.parse(String(helper.store.eformsignApi.session)) as Record<string, unknown>;
		expect(stored).toMatchObject({ apiUrl: sbx.url, companyId: sbx.demo.companyId });
		expect(typeof stored.accessToken).toBe('string');
		expect(typeof stored.refreshToken).toBe('string');
	});
});

describe('renewal', () => {
	it.each(['http401', 'http403', 'http200'] as const)(
		'refreshes once when an expired token is signalled as %s, keeps the new refresh token, and retries once',
		async (signal) => {
			const sbx = sandbox();
			sbx.setTokenExpirySignal(signal);
			const helper = credentialsHelperFor(credentialData(sbx));
			const documentId = sbx.demo.documentIds.completed;
			await runEformsign(helper, getDocument(documentId));
			sbx.expireTokens('access');
			sbx.clearLog();

			const result = await runEformsign(helper, getDocument(documentId, 1), [{ json: {} }, { json: {} }]);

			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(2);
			expect(sbx.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
				`GET /v2.0/api/documents/${documentId} ${signal === 'http401' ? 401 : signal === 'http403' ? 403 : 200}`,
				'POST /v2.0/api_auth/refresh_token 200',
				`GET /v2.0/api/documents/${documentId} 200`,
				`GET /v2.0/api/documents/${documentId} 200`,
			]);
			expect(sbx.tokenIssuances()).toBe(1);

			// The rotated refresh token is the one used next time.
			sbx.expireTokens('access');
			sbx.clearLog();
			expect((await runEformsign(helper, getDocument(documentId))).error).toBeUndefined();
			expect(sbx.log.filter((entry) => entry.path === '/v2.0/api_auth/refresh_token').map((entry) => entry.status)).toEqual([200]);
			expect(sbx.tokenIssuances()).toBe(1);
		},
	);

	it('items refused at the same moment share one refresh', async () => {
		const sbx = sandbox();
		const helper = credentialsHelperFor(credentialData(sbx));
		const documentId = sbx.demo.documentIds.completed;
		await runEformsign(helper, getDocument(documentId));
		sbx.expireTokens('access');
		sbx.clearLog();

		const result = await runEformsign(helper, getDocument(documentId, 8), Array.from({ length: 8 }, () => ({ json: {} })));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(8);
		expect(sbx.count('POST', '/v2.0/api_auth/refresh_token')).toBe(1);
		expect(sbx.log.filter((entry) => entry.path === `/v2.0/api/documents/${documentId}` && entry.status === 200)).toHaveLength(8);
		expect(sbx.tokenIssuances()).toBe(1);
	});

	it('issues a new token when the refresh token is refused', async () => {
		const sbx = sandbox();
		const helper = credentialsHelperFor(credentialData(sbx));
		const documentId = sbx.demo.documentIds.completed;
		await runEformsign(helper, getDocument(documentId));
		sbx.expireTokens('access');
		sbx.revokeRefreshTokens();
		sbx.clearLog();

		const result = await runEformsign(helper, getDocument(documentId));

		expect(result.error).toBeUndefined();
		expect(sbx.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
			`GET /v2.0/api/documents/${documentId} 401`,
			'POST /v2.0/api_auth/refresh_token 401',
			'POST /v2.0/api_auth/access_token 200',
			`GET /v2.0/api/documents/${documentId} 200`,
		]);
		expect(sbx.tokenIssuances()).toBe(2);
	});

	it('retries after a renewal once, never more', async () => {
		const sbx = sandbox();
		const helper = credentialsHelperFor(credentialData(sbx));
		const documentId = sbx.demo.documentIds.completed;
		sbx.injectFault({ count: 5, match: { method: 'GET', path: `/v2.0/api/documents/${documentId}` }, status: 401, code: '4010004', message: 'The token has expired.' });

		const result = await runEformsign(helper, getDocument(documentId));

		expect(result.error?.message).toMatch(/token has expired.*4010004/);
		expect(sbx.count('GET', `/v2.0/api/documents/${documentId}`)).toBe(2);
	});
});

describe('clock skew', () => {
	it.each([120_000, -120_000])('works with the server clock %i ms away, re-signing once with its time', async (offset) => {
		const sbx = sandbox();
		sbx.setClockOffset(offset);
		const helper = credentialsHelperFor(credentialData(sbx));

		const result = await runEformsign(helper, getDocument(sbx.demo.documentIds.completed));

		expect(result.error).toBeUndefined();
		const attempts = tokenRequests();
		expect(attempts.map((entry) => entry.status)).toEqual([400, 200]);
		expect(attempts[0].code).toBe('4000002');
		const corrected = (attempts[1].body as { execution_time: number }).execution_time;
		expect(Math.abs(corrected - (Date.now() + offset))).toBeLessThan(30_000);
	});
});

it('never sends anything but token calls and API calls to the sandbox', async () => {
	const sbx = sandbox();
	await runEformsign(credentialsHelperFor(credentialData(sbx)), getDocument(sbx.demo.documentIds.completed));
	expect(apiCalls(sbx)).toEqual([`GET /v2.0/api/documents/${sbx.demo.documentIds.completed}`]);
});
