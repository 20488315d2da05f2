/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Outgoing webhooks (docs/api/eformsign-api-notes.md, "Webhooks"): one POST per event, in order, signed
// or authorised per the configured verification type, and recorded so tests can inspect exactly
// what was sent.

import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

import type { WebhookConfig, WebhookDelivery } from './types';

type WebhookEventType = 'document' | 'ready_document_pdf';

interface WebhookIdentity {
	webhookId: string;
	webhookName: string;
	companyId: string;
	bearerToken: string;
	basicId: string;
	basicPassword: string;
	privateKey: KeyObject;
}

const DELIVERY_TIMEOUT_MS = 10_000;

export class WebhookDispatcher {
	private config: WebhookConfig | null = null;
	readonly deliveries: WebhookDelivery[] = [];
	// Deliveries run one after another so a receiver sees events in the order they happened.
	private queue: Promise<void> = Promise.resolve();
	private readonly openRequests = new Set<ClientRequest>();
	private closed = false;

	constructor(private readonly identity: WebhookIdentity) {}

	configure(config: WebhookConfig | null): void {
		if (config && (typeof config.url !== 'string' || !/^https?:\/\//.test(config.url))) {
			throw new Error('webhook url must be an http(s) URL');
		}
		const verifications = ['none', 'bearer', 'basic', 'signature'];
		if (config && !verifications.includes(config.verification)) {
			throw new Error(`webhook verification must be one of ${verifications.join(', ')}`);
		}
		this.config = config ? { ...config } : null;
	}

	get current(): WebhookConfig | null {
		return this.config;
	}

	/** Queue one event. Scope is checked against the document's template unless it is the console test. */
	emit(eventType: WebhookEventType, payload: Record<string, unknown>, templateId: string | undefined): void {
		const config = this.config;
		if (!config || this.closed) return;
		if (templateId !== undefined && Array.isArray(config.scope) && !config.scope.includes(templateId)) return;
		const envelope = {
			webhook_id: this.identity.webhookId,
			webhook_name: this.identity.webhookName,
			company_id: this.identity.companyId,
			event_type: eventType,
			[eventType]: payload,
		};
		const body = JSON.stringify(envelope);
		this.queue = this.queue.then(async () => await this.deliver(config, body));
	}

	/** Resolves once everything queued so far has been delivered (or has failed). */
	async idle(): Promise<void> {
		let observed: Promise<void>;
		do {
			observed = this.queue;
			await observed;
		} while (observed !== this.queue);
	}

	reset(): void {
		this.config = null;
		this.deliveries.length = 0;
	}

	close(): void {
		this.closed = true;
		for (const request of this.openRequests) request.destroy();
		this.openRequests.clear();
	}

	private headersFor(config: WebhookConfig, body: string): Record<string, string> {
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'content-length': String(Buffer.byteLength(body)),
			'user-agent': 'eformsign-sandbox-webhook',
		};
		if (config.verification === 'bearer') {
			headers.authorization = `Bearer ${config.bearerToken ?? this.identity.bearerToken}`;
		} else if (config.verification === 'basic') {
			const id = config.basicId ?? this.identity.basicId;
			const password = config.basicPassword ?? this.identity.basicPassword;
			headers.authorization = `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`;
		} else if (config.verification === 'signature') {
			// DER-encoded ECDSA P-256 / SHA-256 over the exact bytes of the body
			// (docs/api/eformsign-api-notes.md, "Signatures").
			const signature = sign('sha256', Buffer.from(body, 'utf8'), {
				key: this.identity.privateKey,
				dsaEncoding: 'der',
			});
			headers.eformsign_signature = signature.toString('hex');
		}
		return headers;
	}

	private async deliver(config: WebhookConfig, body: string): Promise<void> {
		if (this.closed) return;
		const headers = this.headersFor(config, body);
		const delivery: WebhookDelivery = { url: config.url, headers, body, status: 0 };
		await new Promise<void>((resolve) => {
			const send = config.url.startsWith('https:') ? httpsRequest : httpRequest;
			let request: ClientRequest;
			try {
				request = send(config.url, { method: 'POST', headers, agent: false, timeout: DELIVERY_TIMEOUT_MS });
			} catch (error) {
				delivery.error = (error as Error).message;
				resolve();
				return;
			}
			this.openRequests.add(request);
			const finish = (error?: string) => {
				if (error && !delivery.error) delivery.error = error;
				this.openRequests.delete(request);
				resolve();
			};
			request.on('response', (response: IncomingMessage) => {
				delivery.status = response.statusCode ?? 0;
				response.resume();
				response.on('end', () => finish());
				response.on('error', (error) => finish(error.message));
			});
			request.on('timeout', () => request.destroy(new Error('webhook receiver did not answer in time')));
			request.on('error', (error) => finish(error.message));
			request.on('close', () => finish(delivery.status === 0 ? 'connection closed' : undefined));
			request.end(body);
		});
		this.deliveries.push(delivery);
	}
}
