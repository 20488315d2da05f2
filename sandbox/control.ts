// The /_sandbox/* HTTP control API: the same switches as the in-process Sandbox object, for the
// out-of-process demo and the real-n8n end-to-end suite. No auth, never logged, never faulted.

import { isRecord, json, looseInteger } from './http';
import type { ApiRequest, ApiResponse } from './http';
import type { DocumentInit, Fault, Sandbox, TokenExpirySignal, TokenKind, WebhookConfig } from './types';

class ControlError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

function bodyObject(request: ApiRequest): Record<string, unknown> {
	if (request.bodyIsInvalidJson) throw new ControlError(400, 'body must be JSON');
	if (request.body === undefined) return {};
	if (!isRecord(request.body)) throw new ControlError(400, 'body must be a JSON object');
	return request.body;
}

function documentIdFrom(path: string, suffix: string): string | undefined {
	const match = new RegExp(`^/_sandbox/documents/([^/]+)/${suffix}$`).exec(path);
	return match ? decodeURIComponent(match[1]) : undefined;
}

function requireDocument(sandbox: Sandbox, documentId: string): void {
	if (!sandbox.state.documents.has(documentId)) throw new ControlError(404, `unknown document ${documentId}`);
}

const ok = (extra: Record<string, unknown> = {}) => json({ ok: true, ...extra });

async function route(sandbox: Sandbox, request: ApiRequest): Promise<ApiResponse> {
	const { method, path } = request;
	const key = `${method} ${path}`;
	switch (key) {
		case 'GET /_sandbox/demo':
			return json({ url: sandbox.url, ...sandbox.demo });
		case 'GET /_sandbox/log':
			return json(sandbox.log);
		case 'DELETE /_sandbox/log':
			sandbox.clearLog();
			return ok();
		case 'POST /_sandbox/reset':
			sandbox.reset();
			return ok();
		case 'POST /_sandbox/clock': {
			const offsetMs = looseInteger(bodyObject(request).offsetMs);
			if (offsetMs === undefined) throw new ControlError(400, 'offsetMs must be an integer');
			sandbox.setClockOffset(offsetMs);
			return ok({ offsetMs });
		}
		case 'POST /_sandbox/expire-tokens': {
			const kind = (bodyObject(request).kind ?? 'access') as TokenKind;
			if (!['access', 'refresh', 'all'].includes(kind)) throw new ControlError(400, 'kind must be access, refresh or all');
			sandbox.expireTokens(kind);
			return ok();
		}
		case 'POST /_sandbox/revoke-refresh-tokens':
			sandbox.revokeRefreshTokens();
			return ok();
		case 'POST /_sandbox/token-expiry-signal': {
			const signal = bodyObject(request).signal as TokenExpirySignal;
			if (!['http401', 'http403', 'http200'].includes(signal)) {
				throw new ControlError(400, 'signal must be http401, http403 or http200');
			}
			sandbox.setTokenExpirySignal(signal);
			return ok();
		}
		case 'POST /_sandbox/faults':
			sandbox.injectFault(bodyObject(request) as Fault);
			return ok();
		case 'DELETE /_sandbox/faults':
			sandbox.clearFaults();
			return ok();
		case 'PUT /_sandbox/webhook':
		case 'POST /_sandbox/webhook': {
			// `null` (or an empty object) switches the webhook off.
			const config = request.body === null ? null : bodyObject(request);
			sandbox.setWebhook(config && Object.keys(config).length > 0 ? (config as unknown as WebhookConfig) : null);
			return ok();
		}
		case 'DELETE /_sandbox/webhook':
			sandbox.setWebhook(null);
			return ok();
		case 'GET /_sandbox/deliveries':
			return json(sandbox.deliveries);
		case 'POST /_sandbox/webhook/test':
			await sandbox.sendTestEvent();
			return ok();
		case 'GET /_sandbox/count':
			return json({ count: sandbox.count(request.query.method ?? '', request.query.path ?? '') });
		case 'GET /_sandbox/token-issuances':
			return json({ count: sandbox.tokenIssuances() });
		case 'GET /_sandbox/sent-pdfs':
			return json(sandbox.state.sentPdfs);
		case 'POST /_sandbox/multi-download-limit': {
			const limit = looseInteger(bodyObject(request).limit);
			if (limit === undefined || limit < 1) throw new ControlError(400, 'limit must be an integer of 1 or more');
			sandbox.setMultiDownloadLimit(limit);
			return ok({ limit });
		}
		case 'POST /_sandbox/documents/approval':
		case 'POST /_sandbox/documents/my-file': {
			const body = bodyObject(request);
			const init = {
				document_name: typeof body.document_name === 'string' ? body.document_name : undefined,
				creator: typeof body.creator === 'string' ? body.creator : undefined,
			};
			const id = path.endsWith('/approval') ? await sandbox.addApprovalDocument(init) : await sandbox.addMyFileDraft(init);
			return json({ id });
		}
		case 'POST /_sandbox/documents/bulk': {
			const body = bodyObject(request);
			const count = looseInteger(body.n);
			if (count === undefined || count < 0) throw new ControlError(400, 'n must be a non-negative integer');
			const init = { ...body } as Partial<DocumentInit> & { n?: unknown };
			delete init.n;
			return json({ ids: sandbox.addDocuments(count, init) });
		}
	}

	const advanceId = documentIdFrom(path, 'advance');
	if (advanceId && method === 'POST') {
		requireDocument(sandbox, advanceId);
		const action = bodyObject(request).action ?? 'accept';
		if (action !== 'accept' && action !== 'reject') throw new ControlError(400, 'action must be accept or reject');
		await sandbox.advanceDocument(advanceId, action);
		const document = sandbox.state.documents.get(advanceId);
		return ok({ status_type: document?.status_type, phase: document?.phase });
	}
	const finishId = documentIdFrom(path, 'finish-pdf');
	if (finishId && method === 'POST') {
		requireDocument(sandbox, finishId);
		await sandbox.finishPdf(finishId);
		return ok();
	}
	const sizeId = documentIdFrom(path, 'file-size');
	if (sizeId && method === 'POST') {
		requireDocument(sandbox, sizeId);
		const bytes = looseInteger(bodyObject(request).bytes);
		if (bytes === undefined || bytes < 0) throw new ControlError(400, 'bytes must be a non-negative integer');
		sandbox.setFileSize(sizeId, bytes);
		return ok();
	}
	const stateMatch = /^\/_sandbox\/documents\/([^/]+)$/.exec(path);
	if (stateMatch && method === 'GET') {
		const document = sandbox.state.documents.get(decodeURIComponent(stateMatch[1]));
		if (!document) throw new ControlError(404, 'unknown document');
		return json(document);
	}
	throw new ControlError(404, `no control endpoint ${method} ${path}`);
}

export async function handleControl(sandbox: Sandbox, request: ApiRequest): Promise<ApiResponse> {
	try {
		return await route(sandbox, request);
	} catch (error) {
		const status = error instanceof ControlError ? error.status : 400;
		return json({ error: (error as Error).message }, status);
	}
}
