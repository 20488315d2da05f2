import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { Sandbox, WebhookVerification } from '../../sandbox';
import { registerSecrets } from '../harness/secret-guard';
import { startReceiver, type CapturedDelivery, type Receiver } from '../harness/webhook';

/** One loopback receiver per test file, emptied before each test. */
export function useReceiver(): () => Receiver {
	let receiver: Receiver | undefined;
	beforeAll(async () => {
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await receiver?.close();
	});
	beforeEach(() => {
		receiver?.deliveries.splice(0);
	});
	return () => {
		if (!receiver) throw new Error('the receiver is not running');
		return receiver;
	};
}

/** Points the sandbox's console webhook at the receiver, with the sandbox's own secrets. */
export function connectWebhook(
	sandbox: Sandbox,
	receiver: Receiver,
	verification: WebhookVerification,
): void {
	const { webhook } = sandbox.demo;
	registerSecrets(webhook.bearerToken, webhook.basicPassword, webhook.privateKeyHex);
	sandbox.setWebhook({ url: receiver.url, verification });
}

/** The eformsign Webhook credential as a user fills it in from the console. */
export function webhookCredential(
	sandbox: Sandbox,
	verification: 'signature' | 'bearer' | 'basic',
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	const { webhook } = sandbox.demo;
	const byType = {
		signature: { verificationType: 'signature', publicKey: webhook.publicKeyHex },
		bearer: { verificationType: 'bearer', bearerToken: webhook.bearerToken },
		basic: {
			verificationType: 'basic',
			basicId: webhook.basicId,
			basicPassword: webhook.basicPassword,
		},
	};
	return { ...byType[verification], ...overrides } as ICredentialDataDecryptedObject;
}

export function bodyOf(delivery: CapturedDelivery): IDataObject {
	return JSON.parse(delivery.rawBody.toString('utf8')) as IDataObject;
}

/** "doc_complete" for document events, "pdf:document+audit_trail" for PDF-ready events. */
export function summaryOf(delivery: CapturedDelivery): string {
	const body = bodyOf(delivery);
	if (body.event_type === 'document') return String((body.document as IDataObject).status);
	return `pdf:${((body.ready_document_pdf as IDataObject).export_ready_list as string[]).join('+')}`;
}

export function findDelivery(receiver: Receiver, summary: string): CapturedDelivery {
	const found = receiver.deliveries.find((delivery) => summaryOf(delivery) === summary);
	if (!found) {
		throw new Error(
			`no delivery "${summary}" among ${receiver.deliveries.map(summaryOf).join(', ')}`,
		);
	}
	return found;
}
