import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';

import { CredentialTestContext } from 'n8n-core';

import { EformsignTrigger } from '../../nodes/EformsignTrigger/EformsignTrigger.node';
import { useSandbox } from '../harness/eformsign';
import { TriggerHarness, type CapturedDelivery, type WebhookRun } from '../harness/webhook';
import { bodyOf, connectWebhook, findDelivery, useReceiver, webhookCredential } from './support';

const sandbox = useSandbox();
const receiver = useReceiver();

const ALL_EVENTS = { events: ['*', 'ready_document_pdf'] };

/** A real delivery: the seeded external participant accepts, which completes the document. */
async function completionDelivery(): Promise<CapturedDelivery> {
	const sbx = sandbox();
	await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
	return findDelivery(receiver(), 'doc_complete');
}

/** Answered 200 by n8n once it has stored the execution, which then ran. */
function expectAccepted(run: WebhookRun, documentId: string) {
	expect(run.answeredBy).toBe('n8n');
	expect(run.response.statusCode).toBe(200);
	expect(run.result.noWebhookResponse).toBeUndefined();
	expect(run.execution?.status).toBe('success');
	expect(run.items).toHaveLength(1);
	expect(run.items[0].json).toMatchObject({
		event_type: 'document',
		id: documentId,
		document_id: documentId,
		status: 'doc_complete',
		status_name: 'Completed',
		is_test_event: false,
	});
	expect(run.warnings).toEqual([]);
}

function expectRefused(run: WebhookRun, reason: RegExp) {
	expect(run.result).toEqual({ noWebhookResponse: true });
	expect(run.result.workflowData).toBeUndefined();
	expect(run.response.statusCode).toBe(401);
	expect(run.response.sent).toBe('Unauthorized');
	expect(run.response.ended).toBe(true);
	expect(run.warnings).toHaveLength(1);
	expect(run.warnings[0]).toMatch(/^eformsign Trigger: request refused \(HTTP 401\) because /);
	expect(run.warnings[0]).toMatch(reason);
}

function withHeaders(
	delivery: CapturedDelivery,
	change: (headers: Record<string, string>) => void,
): CapturedDelivery {
	const headers = { ...delivery.headers };
	change(headers);
	return { headers, rawBody: delivery.rawBody };
}

describe('eformsign signature (ECDSA P-256 over the raw body)', () => {
	function harness() {
		return new TriggerHarness(ALL_EVENTS, { webhook: webhookCredential(sandbox(), 'signature') });
	}

	it('accepts a delivery signed by the sandbox webhook key', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		const delivery = await completionDelivery();
		expect(delivery.headers.eformsign_signature).toMatch(/^30[0-9a-f]+$/);
		expectAccepted(await harness().deliver(delivery), sbx.demo.documentIds.waitingExternal);
	});

	it('accepts the public key as a PEM block too', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		const pem = createPublicKey({
			key: Buffer.from(sbx.demo.webhook.publicKeyHex, 'hex'),
			format: 'der',
			type: 'spki',
		})
			.export({ type: 'spki', format: 'pem' })
			.toString();
		const trigger = new TriggerHarness(ALL_EVENTS, {
			webhook: webhookCredential(sbx, 'signature', { publicKey: pem }),
		});
		expectAccepted(
			await trigger.deliver(await completionDelivery()),
			sbx.demo.documentIds.waitingExternal,
		);
	});

	it('refuses a body signed by another key', async () => {
		connectWebhook(sandbox(), receiver(), 'signature');
		const delivery = await completionDelivery();
		const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		const forged = sign('sha256', delivery.rawBody, {
			key: privateKey,
			dsaEncoding: 'der',
		}).toString('hex');
		const run = await harness().deliver(
			withHeaders(delivery, (headers) => (headers.eformsign_signature = forged)),
		);
		expectRefused(run, /eformsign_signature does not match the body/);
	});

	it('refuses a body with one byte changed', async () => {
		connectWebhook(sandbox(), receiver(), 'signature');
		const delivery = await completionDelivery();
		const rawBody = Buffer.from(delivery.rawBody);
		const at = rawBody.indexOf('doc_complete');
		rawBody[at + 4] = 'x'.charCodeAt(0);
		expect(rawBody.equals(delivery.rawBody)).toBe(false);
		const run = await harness().deliver({ headers: delivery.headers, rawBody });
		expectRefused(run, /does not match the body/);
	});

	it('refuses a delivery without the eformsign_signature header', async () => {
		connectWebhook(sandbox(), receiver(), 'signature');
		const delivery = await completionDelivery();
		const run = await harness().deliver(
			withHeaders(delivery, (headers) => delete headers.eformsign_signature),
		);
		expectRefused(run, /eformsign_signature header is missing/);
	});

	it('refuses a Bearer delivery when the credential expects a signature', async () => {
		connectWebhook(sandbox(), receiver(), 'bearer');
		expectRefused(
			await harness().deliver(await completionDelivery()),
			/eformsign_signature header is missing/,
		);
	});
});

describe('Bearer token', () => {
	function harness() {
		return new TriggerHarness(ALL_EVENTS, { webhook: webhookCredential(sandbox(), 'bearer') });
	}

	it('accepts the token in the Authorization header', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'bearer');
		const delivery = await completionDelivery();
		expect(delivery.headers.authorization).toBe(`Bearer ${sbx.demo.webhook.bearerToken}`);
		expectAccepted(await harness().deliver(delivery), sbx.demo.documentIds.waitingExternal);
	});

	it('accepts the token in the Authentication header that the vendor samples print', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'bearer');
		const delivery = withHeaders(await completionDelivery(), (headers) => {
			headers.authentication = headers.authorization;
			delete headers.authorization;
		});
		expectAccepted(await harness().deliver(delivery), sbx.demo.documentIds.waitingExternal);
	});

	it('refuses a wrong token', async () => {
		const sbx = sandbox();
		sbx.setWebhook({
			url: receiver().url,
			verification: 'bearer',
			bearerToken: `${sbx.demo.webhook.bearerToken}-old`,
		});
		expectRefused(
			await harness().deliver(await completionDelivery()),
			/the Bearer token does not match/,
		);
	});

	it('refuses a delivery without the header', async () => {
		connectWebhook(sandbox(), receiver(), 'bearer');
		const delivery = withHeaders(
			await completionDelivery(),
			(headers) => delete headers.authorization,
		);
		expectRefused(await harness().deliver(delivery), /the Authorization header is missing/);
	});
});

describe('Basic authentication', () => {
	function harness() {
		return new TriggerHarness(ALL_EVENTS, { webhook: webhookCredential(sandbox(), 'basic') });
	}

	it('accepts the console ID and password', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'basic');
		const delivery = await completionDelivery();
		expect(delivery.headers.authorization).toMatch(/^Basic /);
		expectAccepted(await harness().deliver(delivery), sbx.demo.documentIds.waitingExternal);
	});

	it('refuses a wrong password', async () => {
		const sbx = sandbox();
		sbx.setWebhook({
			url: receiver().url,
			verification: 'basic',
			basicPassword: `${sbx.demo.webhook.basicPassword}1`,
		});
		expectRefused(
			await harness().deliver(await completionDelivery()),
			/ID or password does not match/,
		);
	});

	it('refuses a delivery without the header', async () => {
		connectWebhook(sandbox(), receiver(), 'basic');
		const delivery = withHeaders(
			await completionDelivery(),
			(headers) => delete headers.authorization,
		);
		expectRefused(await harness().deliver(delivery), /the Authorization header is missing/);
	});

	it('refuses a Bearer header', async () => {
		connectWebhook(sandbox(), receiver(), 'bearer');
		expectRefused(
			await harness().deliver(await completionDelivery()),
			/does not use the Basic scheme/,
		);
	});
});

describe('no verification', () => {
	it('accepts a delivery without any header, and needs no credential', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'none');
		const delivery = await completionDelivery();
		expect(delivery.headers.authorization).toBeUndefined();
		expect(delivery.headers.eformsign_signature).toBeUndefined();
		const trigger = new TriggerHarness({ ...ALL_EVENTS, verification: 'none' }, {});
		const run = await trigger.deliver(delivery);
		expectAccepted(run, sbx.demo.documentIds.waitingExternal);
		const { document, ...envelope } = bodyOf(delivery);
		expect(run.items[0].json).toEqual({
			...envelope,
			...(document as object),
			document_id: sbx.demo.documentIds.waitingExternal,
			status_name: 'Completed',
			is_test_event: false,
		});
	});
});

describe('activation and the credential test', () => {
	it('refuses to activate with a public key that is not one', async () => {
		const sbx = sandbox();
		const trigger = new TriggerHarness(ALL_EVENTS, {
			webhook: webhookCredential(sbx, 'signature', {
				publicKey: sbx.demo.webhook.publicKeyHex.slice(0, 40),
			}),
		});
		await expect(trigger.activate()).rejects.toThrow(
			/The eformsign Webhook credential cannot be used: the public key is hex but not an X.509 DER public key/,
		);
		const valid = new TriggerHarness(ALL_EVENTS, { webhook: webhookCredential(sbx, 'signature') });
		await expect(valid.activate()).resolves.toBe(true);
	});

	it('refuses to activate "Add to Output" without the eformsign API credential', async () => {
		const trigger = new TriggerHarness(
			{ ...ALL_EVENTS, enrich: ['fetchDocument'] },
			{ webhook: webhookCredential(sandbox(), 'bearer') },
		);
		await expect(trigger.activate()).rejects.toThrow(
			'Add to Output needs the eformsign API credential',
		);
	});

	it('tests the credential offline, with the reason when it is unusable', async () => {
		const sbx = sandbox();
		const test = new EformsignTrigger().methods.credentialTest.eformsignWebhookCredentialTest;
		const context = new CredentialTestContext();
		const run = async (data: object) =>
			await test.call(context, {
				id: 'c',
				name: 'c',
				type: 'eformsignWebhookApi',
				data: data as never,
			});
		await expect(run(webhookCredential(sbx, 'signature'))).resolves.toMatchObject({ status: 'OK' });
		await expect(
			run(webhookCredential(sbx, 'signature', { publicKey: sbx.demo.signature.privateKeyHex })),
		).resolves.toEqual({
			status: 'Error',
			message: expect.stringMatching(/^The public key is hex but not an X.509 DER public key/),
		});
		await expect(run(webhookCredential(sbx, 'bearer', { bearerToken: '' }))).resolves.toEqual({
			status: 'Error',
			message: 'The credential has no token value',
		});
		await expect(run(webhookCredential(sbx, 'basic', { basicId: 'a:b' }))).resolves.toMatchObject({
			status: 'Error',
			message: expect.stringContaining('cannot contain ":"'),
		});
	});
});
