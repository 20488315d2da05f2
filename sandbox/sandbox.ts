// startSandbox(): wires state, tokens, webhooks and the HTTP server together and returns the
// in-process handle tests drive (the same switches are exposed over HTTP by control.ts).

import { TokenStore } from './auth';
import { Clock } from './context';
import type { ResolvedOptions, SandboxContext } from './context';
import { handleControl } from './control';
import { bulkDocuments } from './documentFactory';
import { FaultQueue } from './faults';
import { Router } from './router';
import { allRoutes } from './routes';
import { SandboxHttpServer } from './server';
import { buildDemoData, createDemoKeys, demoApiKeys, seedState } from './seed';
import { clearState, createEmptyState } from './state';
import type { RequestLogEntry, Sandbox, SandboxOptions } from './types';
import { WebhookDispatcher } from './webhooks';
import { acceptStep, finishPdf, rejectStep } from './workflow';
import { createApprovalDocument, createMyFileDraft } from './extraDocuments';
import { MULTI_DOWNLOAD_LIMIT } from './routes/multiDownload';

const DEFAULTS: ResolvedOptions = {
	port: 0,
	tokenLifetimeSeconds: 3600,
	refreshLifetimeSeconds: 30 * 24 * 60 * 60,
	clockWindowSeconds: 30,
	pdfPendingPolls: 0,
	seed: true,
	multiDownloadLimit: MULTI_DOWNLOAD_LIMIT,
};

function resolveOptions(options: SandboxOptions): ResolvedOptions {
	const resolved: ResolvedOptions = { ...DEFAULTS };
	for (const [name, value] of Object.entries(options)) {
		if (value !== undefined) (resolved as unknown as Record<string, unknown>)[name] = value;
	}
	return resolved;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const resolved = resolveOptions(options);
	const keys = createDemoKeys();
	const demo = buildDemoData(keys);
	const state = createEmptyState({ company_id: demo.companyId, name: demo.companyName });
	const tokens = new TokenStore();
	for (const apiKey of demoApiKeys(demo, keys)) tokens.apiKeys.set(apiKey.apiKey, apiKey);
	const webhooks = new WebhookDispatcher({
		webhookId: demo.webhook.webhookId,
		webhookName: demo.webhook.webhookName,
		companyId: demo.companyId,
		bearerToken: demo.webhook.bearerToken,
		basicId: demo.webhook.basicId,
		basicPassword: demo.webhook.basicPassword,
		privateKey: keys.webhook.privateKey,
	});
	const clock = new Clock();
	const context: SandboxContext = { state, demo, options: resolved, clock, tokens, webhooks, url: '' };
	const seed = () => {
		clearState(state);
		if (resolved.seed) seedState(state, demo, clock.now());
	};
	seed();

	const log: RequestLogEntry[] = [];
	const arrivalListeners = new Set<(entry: RequestLogEntry) => void>();
	const faults = new FaultQueue();
	const handleSlot: { sandbox?: Sandbox } = {};
	const server = new SandboxHttpServer({
		context,
		router: new Router(allRoutes),
		faults,
		log,
		arrived: (entry) => {
			for (const listener of [...arrivalListeners]) listener(entry);
		},
		control: async (request) => await handleControl(requireHandle(), request),
	});
	const requireHandle = (): Sandbox => {
		if (!handleSlot.sandbox) throw new Error('sandbox is still starting');
		return handleSlot.sandbox;
	};
	const port = await server.listen(resolved.port);
	context.url = `http://127.0.0.1:${port}`;

	const documentOrThrow = (documentId: string) => {
		const document = state.documents.get(documentId);
		if (!document) throw new Error(`unknown document ${documentId}`);
		return document;
	};

	const handle: Sandbox = {
		url: context.url,
		port,
		demo,
		log,
		deliveries: webhooks.deliveries,
		state,
		async close() {
			webhooks.close();
			await server.close();
		},
		reset() {
			resolved.multiDownloadLimit = options.multiDownloadLimit ?? MULTI_DOWNLOAD_LIMIT;
			seed();
			log.length = 0;
			server.dropHeld();
			arrivalListeners.clear();
			faults.clear();
			clock.offsetMs = 0;
			webhooks.reset();
			tokens.clearTokens();
		},
		clearLog() {
			log.length = 0;
		},
		setClockOffset(ms) {
			clock.offsetMs = ms;
		},
		expireTokens(kind = 'access') {
			tokens.expire(kind);
		},
		revokeRefreshTokens() {
			tokens.revokeRefreshTokens();
		},
		setTokenExpirySignal(signal) {
			tokens.expirySignal = signal;
		},
		injectFault(fault) {
			faults.add(fault);
		},
		clearFaults() {
			faults.clear();
		},
		onRequest(listener) {
			arrivalListeners.add(listener);
			return () => arrivalListeners.delete(listener);
		},
		count(method, path) {
			const wanted = method.toUpperCase();
			return log.filter((entry) => entry.method === wanted && entry.path === path).length;
		},
		tokenIssuances() {
			return tokens.issuances;
		},
		setWebhook(config) {
			webhooks.configure(config);
		},
		async advanceDocument(documentId, action = 'accept') {
			const document = documentOrThrow(documentId);
			if (action === 'reject') rejectStep(context, document);
			else acceptStep(context, document);
			await webhooks.idle();
		},
		async finishPdf(documentId) {
			finishPdf(context, documentOrThrow(documentId));
			await webhooks.idle();
		},
		async sendTestEvent() {
			if (!webhooks.current) throw new Error('no webhook is configured (setWebhook first)');
			webhooks.emit(
				'document',
				{
					id: 'test_doc_id',
					document_title: 'test_document_title',
					template_id: 'test_template_id',
					template_name: 'test_template_name',
					workflow_seq: 0,
					template_version: '1',
					history_id: 'test_document_history_id',
					status: 'doc_create',
					editor_id: demo.adminId,
					updated_date: clock.now(),
				},
				undefined,
			);
			await webhooks.idle();
		},
		addDocuments(count, init = {}) {
			return bulkDocuments(
				state,
				{ templateId: demo.templateIds.contract, creatorId: demo.memberId, now: clock.now() },
				count,
				init,
			);
		},
		setFileSize(documentId, bytes) {
			if (!Number.isInteger(bytes) || bytes < 0) throw new Error('bytes must be a non-negative integer');
			documentOrThrow(documentId).file_size = bytes;
		},
		async waitForDeliveries() {
			await webhooks.idle();
		},
		async addApprovalDocument(init = {}) {
			const document = createApprovalDocument(context, init);
			await webhooks.idle();
			return document.id;
		},
		async addMyFileDraft(init = {}) {
			const document = createMyFileDraft(context, init);
			await webhooks.idle();
			return document.id;
		},
		setMultiDownloadLimit(limit) {
			if (!Number.isInteger(limit) || limit < 1) throw new Error('the limit must be a whole number of 1 or more');
			resolved.multiDownloadLimit = limit;
		},
	};
	handleSlot.sandbox = handle;
	return handle;
}
