// "Test" in the credential dialog, through n8n's own REST API as the signed-in owner:
// `POST /rest/credentials/test` with `{ credentials: { id, name, type, data } }`
// (TestCredentialRequestDto in @n8n/api-types 2.41). `data` is what the dialog holds: the stored
// values as n8n hands them to the browser (`GET /rest/credentials/:id?includeData=true`, secrets
// redacted), with the user's edits on top. A new credential is saved first (`POST /rest/credentials`)
// and then tested, as the dialog's Save does.
const { generateKeyPairSync } = require('node:crypto');

const { DEMO_CREDENTIALS, demoCredentials } = require('../../scripts/lib/demo');
const { assert, suite, test } = require('./harness');

const OK_MESSAGE = 'Connection successful!'; // n8n 2.41's text for a passing test request
const WRONG_KEY = /rejected the signature.*private key belongs to this API key/;

async function dialogData(env, id) {
	return (await env.n8n.mustRest('GET', `/credentials/${id}?includeData=true`)).data;
}

async function testCredential(env, credential, data) {
	const response = await env.n8n.rest('POST', '/credentials/test', {
		credentials: { id: credential.id, name: credential.name, type: credential.type, data },
	});
	assert.equal(response.status, 200, response.text);
	return response.body.data;
}

function otherPrivateKey() {
	return generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
		.privateKey.export({ type: 'pkcs8', format: 'der' })
		.toString('hex');
}

const tokenRequests = (log) => log.filter((entry) => entry.path === '/v2.0/api_auth/access_token');

async function credentialSuite(env) {
	const { api, webhook } = DEMO_CREDENTIALS;
	const [apiValues] = demoCredentials(env.demo, env.sandbox.url);
	suite('credential test through the n8n REST API');

	await test('the saved eformsign API credential (signature) passes', async () => {
		const data = await dialogData(env, api.id);
		assert.notEqual(
			data.privateKey,
			env.demo.signature.privateKeyHex,
			'n8n sent the private key to the browser',
		);
		await env.sandbox.clearLog();
		const result = await testCredential(env, api, data);
		assert.deepEqual(result, { status: 'OK', message: OK_MESSAGE });
		const forms = (await env.sandbox.log()).filter(
			(entry) => entry.method === 'GET' && entry.path === '/v2.0/api/forms',
		);
		assert.equal(forms.length, 1);
		assert.equal(forms[0].status, 200);
	});

	await test("a new credential with the private key of another API key fails with eformsign's reason in plain words", async () => {
		const key = otherPrivateKey();
		const created = await env.n8n.mustRest('POST', '/credentials', {
			name: 'e2e wrong key',
			type: api.type,
			data: { ...apiValues.data, privateKey: key },
		});
		try {
			await env.sandbox.clearLog();
			const result = await testCredential(
				env,
				{ ...api, id: created.id, name: created.name },
				await dialogData(env, created.id),
			);
			assert.equal(result.status, 'Error');
			assert.match(result.message, WRONG_KEY);
			assert.ok(!result.message.includes(key), 'the message contains the private key');
			const log = await env.sandbox.log();
			assert.deepEqual(
				log.map((entry) => `${entry.method} ${entry.path} ${entry.code}`),
				['POST /v2.0/api_auth/access_token 4030004'],
			);
		} finally {
			await env.n8n.mustRest('DELETE', `/credentials/${created.id}`);
		}
	});

	await test('the saved credential with its private key changed to another key fails too (not the cached token)', async () => {
		const data = await dialogData(env, api.id);
		await env.sandbox.clearLog();
		const result = await testCredential(env, api, { ...data, privateKey: otherPrivateKey() });
		const log = await env.sandbox.log();
		assert.equal(
			result.status,
			'Error',
			`"${result.message}" — the sandbox saw: ${log.map((entry) => `${entry.method} ${entry.path}`).join(', ')}`,
		);
		assert.match(result.message, WRONG_KEY);
		assert.equal(tokenRequests(log).at(-1)?.code, '4030004');
	});

	await test('the eformsign Webhook credential: a valid public key passes, a broken one fails', async () => {
		const data = await dialogData(env, webhook.id);
		const ok = await testCredential(env, webhook, data);
		assert.equal(ok.status, 'OK', ok.message);
		const broken = await testCredential(env, webhook, { ...data, publicKey: 'not-a-key' });
		assert.equal(broken.status, 'Error');
		assert.match(broken.message, /key/i);
	});

	await test('the saved credential still works after the failed tests (nothing was overwritten)', async () => {
		const result = await testCredential(env, api, await dialogData(env, api.id));
		assert.equal(result.status, 'OK', result.message);
	});
}

module.exports = { credentialSuite };
