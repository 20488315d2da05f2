import { useTestClock } from '../harness/clock';
import { useSandbox } from '../harness/eformsign';
import { api, encodedApiKey, requestToken, signTime, token } from './helpers';
import type { KeyType } from './helpers';

const sandbox = useSandbox();

// docs/api/eformsign-api-notes.md, "Access token"
describe('access token', () => {
	it.each<KeyType>(['signature', 'bearer', 'basic'])('issues a token for a %s key', async (type) => {
		const sbx = sandbox();
		const issued = await requestToken(sbx, { type, memberId: sbx.demo.memberId });
		expect(issued.status).toBe(200);
		expect(issued.json).toEqual({
			api_key: {
				name: expect.any(String),
				alias: expect.any(String),
				company: { company_id: sbx.demo.companyId, name: sbx.demo.companyName, api_url: sbx.url },
			},
			oauth_token: {
				expires_in: 3600,
				token_type: 'JWT',
				refresh_token: expect.stringMatching(/^[0-9a-f-]{36}$/),
				access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
			},
		});
		expect(sbx.tokenIssuances()).toBe(1);
		const access = (issued.json.oauth_token as { access_token: string }).access_token;
		const payload = JSON.parse(Buffer.from(access.split('.')[1], 'base64url').toString()) as {
			claim: Record<string, string>;
		};
		expect(payload.claim).toEqual({
			company_id: sbx.demo.companyId,
			access_key: sbx.demo[type].apiKey,
			member_id: sbx.demo.memberId,
		});
	});

	it('accepts execution_time as a digit string (signed verbatim)', async () => {
		const sbx = sandbox();
		const time = String(Date.now());
		const issued = await requestToken(sbx, { executionTime: time, body: { execution_time: time } });
		expect(issued.status).toBe(200);
	});

	it.each([
		['a raw r||s signature', (time: number, hex: string) => signTime(hex, String(time), 'ieee-p1363')],
		['a signature over another time', (time: number, hex: string) => signTime(hex, String(time + 1))],
		['a DER signature with trailing bytes', (time: number, hex: string) => signTime(hex, String(time)) + '00'],
		['not hex', () => 'zz-not-hex'],
		['an empty header', () => ''],
	])('rejects %s with 4030004', async (_label, makeSignature) => {
		const sbx = sandbox();
		const time = Date.now();
		const issued = await requestToken(sbx, { executionTime: time, signature: makeSignature(time, sbx.demo.signature.privateKeyHex) });
		expect(issued.status).toBe(403);
		expect(issued.json).toEqual({ code: '4030004', ErrorMessage: 'The signature is invalid.' });
	});

	it('rejects wrong bearer and basic values with 4030004', async () => {
		const sbx = sandbox();
		expect((await requestToken(sbx, { type: 'bearer', signature: 'Bearer wrong' })).json.code).toBe('4030004');
		const wrongBasic = `Basic ${Buffer.from(`${sbx.demo.basic.id}:nope`).toString('base64')}`;
		expect((await requestToken(sbx, { type: 'basic', signature: wrongBasic })).json.code).toBe('4030004');
	});

	it('maps API key problems to 4030039 / 4000003 / 4030001', async () => {
		const sbx = sandbox();
		const badBase64 = await requestToken(sbx, { authorization: 'Bearer not*base64' });
		expect([badBase64.status, badBase64.json.code]).toEqual([403, '4030039']);
		const unknown = await requestToken(sbx, { apiKey: '00000000-0000-4000-8000-000000000000' });
		expect([unknown.status, unknown.json.code]).toEqual([400, '4000003']);
		const time = Date.now();
		const inactive = await requestToken(sbx, {
			apiKey: sbx.demo.inactive.apiKey,
			executionTime: time,
			signature: signTime(sbx.demo.inactive.privateKeyHex, String(time)),
		});
		expect([inactive.status, inactive.json.code]).toEqual([403, '4030001']);
	});

	it('requires a numeric execution_time', async () => {
		const sbx = sandbox();
		const missing = await requestToken(sbx, { body: {} });
		expect([missing.status, missing.json.code]).toEqual([400, '4000001']);
		const text = await requestToken(sbx, { body: { execution_time: 'yesterday' } });
		expect([text.status, text.json.code]).toEqual([400, '40000171']);
	});

	it('rejects an unknown member with 4000074', async () => {
		const issued = await requestToken(sandbox(), { memberId: 'nobody@sandbox.eformsign.test' });
		expect([issued.status, issued.json]).toEqual([400, { code: '4000074', ErrorMessage: 'No such member exists.' }]);
	});
});

describe('the execution_time window', () => {
	// The sandbox's clock and the client's are one fake clock that stands still: the window's edges
	// are exact, however long a request takes.
	const clock = useTestClock();

	it('accepts up to 30 s either way, refuses beyond, and reports the server time', async () => {
		const sbx = sandbox();
		const now = clock().now();
		expect((await requestToken(sbx, { executionTime: now - 30_000 })).status).toBe(200);
		expect((await requestToken(sbx, { executionTime: now + 30_000 })).status).toBe(200);
		const late = await requestToken(sbx, { executionTime: now - 30_001 });
		expect(late.status).toBe(400);
		expect(late.json).toEqual({ code: '4000002', ErrorMessage: 'The validation time has expired.', execution_time: now });
		expect((await requestToken(sbx, { executionTime: now + 30_001 })).json.code).toBe('4000002');
	});

	it('moves the server clock with setClockOffset', async () => {
		const sbx = sandbox();
		sbx.setClockOffset(120_000);
		const skewed = await requestToken(sbx);
		expect(skewed.json.code).toBe('4000002');
		expect(skewed.json.execution_time).toBe(clock().now() + 120_000);
		expect((await requestToken(sbx, { executionTime: clock().now() + 120_000 })).status).toBe(200);
	});
});

// docs/api/eformsign-api-notes.md, "Refresh token"
describe('refresh', () => {
	async function refresh(url: string, access: string, refreshToken: string, inBody = false) {
		const query = inBody ? '' : `?refresh_token=${refreshToken}`;
		const response = await fetch(`${url}/v2.0/api_auth/refresh_token${query}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
			body: inBody ? JSON.stringify({ refresh_token: refreshToken }) : undefined,
		});
		return { status: response.status, json: (await response.json()) as Record<string, unknown> };
	}

	it('rotates: new access and refresh token, the old refresh token dies', async () => {
		const sbx = sandbox();
		const tokens = await token(sbx);
		const first = await refresh(sbx.url, tokens.access, tokens.refresh);
		expect(first.status).toBe(200);
		const oauth = first.json.oauth_token as { access_token: string; refresh_token: string; expires_in: number };
		expect(oauth.refresh_token).not.toBe(tokens.refresh);
		expect(oauth.expires_in).toBe(3600);
		const again = await refresh(sbx.url, tokens.access, tokens.refresh);
		expect([again.status, again.json.code]).toEqual([401, '4010002']);
		const viaBody = await refresh(sbx.url, oauth.access_token, oauth.refresh_token, true);
		expect(viaBody.status).toBe(200);
		expect(sbx.tokenIssuances()).toBe(1);
	});

	it('accepts an expired access token but not an expired or revoked refresh token', async () => {
		const sbx = sandbox();
		const tokens = await token(sbx);
		sbx.expireTokens('access');
		const refreshed = await refresh(sbx.url, tokens.access, tokens.refresh);
		expect(refreshed.status).toBe(200);
		const next = refreshed.json.oauth_token as { access_token: string; refresh_token: string };
		sbx.expireTokens('refresh');
		expect((await refresh(sbx.url, next.access_token, next.refresh_token)).json.code).toBe('4010006');
		const fresh = await token(sbx);
		sbx.revokeRefreshTokens();
		expect((await refresh(sbx.url, fresh.access, fresh.refresh)).json.code).toBe('4010002');
	});

	it('requires a known access token and a refresh token', async () => {
		const sbx = sandbox();
		const tokens = await token(sbx);
		expect((await refresh(sbx.url, 'unknown', tokens.refresh)).json.code).toBe('4010001');
		const missing = await fetch(`${sbx.url}/v2.0/api_auth/refresh_token`, {
			method: 'POST',
			headers: { authorization: `Bearer ${tokens.access}` },
		});
		expect(((await missing.json()) as { code: string }).code).toBe('4000001');
	});
});

describe('access token checks on /v2.0/api/*', () => {
	it('answers 4010001 without or with an unknown token', async () => {
		const sbx = sandbox();
		const none = await fetch(`${sbx.url}/v2.0/api/groups`);
		expect(none.status).toBe(401);
		expect(await none.json()).toEqual({ code: '4010001', ErrorMessage: 'Invalid or expired token.' });
		expect((await api(sbx, 'garbage', 'GET', '/v2.0/api/groups')).status).toBe(401);
	});

	it.each([
		['http401', 401, '4010004'],
		['http403', 403, '4030002'],
		['http200', 200, '4030002'],
	] as const)('reports expiry per signal %s', async (signal, status, code) => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		expect((await api(sbx, access, 'GET', '/v2.0/api/groups')).status).toBe(200);
		sbx.setTokenExpirySignal(signal);
		sbx.expireTokens();
		const expired = await api(sbx, access, 'GET', '/v2.0/api/groups');
		expect([expired.status, expired.json.code]).toEqual([status, code]);
	});

	it('expires tokens by lifetime on the server clock', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		sbx.setClockOffset(3601 * 1000);
		expect((await api(sbx, access, 'GET', '/v2.0/api/groups')).json.code).toBe('4010004');
	});

	it('refuses company tokens where a member is needed (4030009)', async () => {
		const sbx = sandbox();
		const company = await token(sbx, '');
		const forms = await api(sbx, company.access, 'GET', '/v2.0/api/forms');
		expect([forms.status, forms.json.code]).toEqual([403, '4030009']);
		const create = await api(sbx, company.access, 'POST', `/v2.0/api/documents?template_id=${sbx.demo.templateIds.contract}`, {
			document: {},
		});
		expect(create.json.code).toBe('4030009');
		expect((await api(sbx, company.access, 'GET', '/v2.0/api/groups')).status).toBe(200);
	});

	it('external endpoints take base64(API key) and refuse an access token with 4030039', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const path = `/v2.0/api/documents/external?company_id=${sbx.demo.companyId}&template_id=${sbx.demo.templateIds.urlCreation}`;
		const withToken = await api(sbx, access, 'POST', path, { document: {} });
		expect([withToken.status, withToken.json.code]).toEqual([403, '4030039']);
		const withKey = await api(sbx, encodedApiKey(sbx.demo.signature.apiKey), 'POST', path, { document: {} });
		expect(withKey.json.code).toBe('4000001');
	});

	it('answers unknown paths with 404 and wrong methods with 4050001', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		expect((await api(sbx, access, 'GET', '/v2.0/api/list_documents')).status).toBe(404);
		const wrongMethod = await api(sbx, access, 'PUT', '/v2.0/api/groups');
		expect([wrongMethod.status, wrongMethod.json.code]).toEqual([405, '4050001']);
	});
});
