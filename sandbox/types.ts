// The public contract of the sandbox. Other suites (node tests, benchmarks, the real-n8n e2e
// run) depend on exactly these names, so change them only together with sandbox/README.md.

import type { SandboxState } from './state';

export interface SandboxOptions {
	/** TCP port on 127.0.0.1; 0 (default) lets the OS choose. */
	port?: number;
	/** Access token lifetime, default 3600 (what eformsign returns as expires_in). */
	tokenLifetimeSeconds?: number;
	/** Refresh token lifetime, default 30 days. */
	refreshLifetimeSeconds?: number;
	/** Accepted distance between execution_time and the server clock, default 30. */
	clockWindowSeconds?: number;
	/** How many download_files requests answer 2020001 after a PDF is (re)generated, default 0. */
	pdfPendingPolls?: number;
	/** Seed the demo company (members, groups, templates, documents), default true. */
	seed?: boolean;
	/** Most document IDs one download_multi_files request takes before 4000222, default 100. */
	multiDownloadLimit?: number;
}

export type TokenKind = 'access' | 'refresh' | 'all';
export type TokenExpirySignal = 'http401' | 'http403' | 'http200';
export type WebhookVerification = 'none' | 'bearer' | 'basic' | 'signature';

export interface Fault {
	/** How many matching requests this fault applies to, default 1. */
	count?: number;
	/** Which requests; path is exact or a prefix ending with `*`. Omitted = every request. */
	match?: { method?: string; path?: string };
	status?: number;
	code?: string;
	message?: string;
	/** Raw body instead of the JSON error (HTML pages, truncated JSON, empty). */
	body?: string;
	contentType?: string;
	/** Wait before answering; then the normal answer unless status/body/drop is set too. */
	delayMs?: number;
	/** Destroy the socket without answering. */
	drop?: boolean;
	/** Retry-After header in seconds. */
	retryAfter?: number;
	/** Handle the request normally first, then answer with the fault (or drop): the work is done. */
	afterHandling?: boolean;
	/** Apply to each matching request with this probability (seeded, repeatable) until `count` are used. */
	rate?: number;
}

export interface WebhookConfig {
	url: string;
	verification: WebhookVerification;
	bearerToken?: string;
	basicId?: string;
	basicPassword?: string;
	/** 'all' (default) or the template ids whose documents are reported. */
	scope?: 'all' | string[];
}

export interface RequestLogEntry {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** Parsed JSON, or the raw string when it is not JSON, or undefined when empty. */
	body: unknown;
	rawBody: string;
	/** HTTP status answered; 0 while in flight or when a fault dropped the socket. */
	status: number;
	/** The `code` of a JSON response body, if any (including "-1" success envelopes). */
	code?: string;
	/** Real wall-clock time (ms) when the request arrived. */
	at: number;
	/**
	 * How many other API requests were still being handled when this one arrived: concurrency
	 * measured without a clock, so tests of parallel and one-at-a-time sending hold on a busy machine.
	 */
	inFlight: number;
}

export interface WebhookDelivery {
	url: string;
	headers: Record<string, string>;
	/** Exact bytes that were signed and sent, as a UTF-8 string. */
	body: string;
	/** Receiver's HTTP status, 0 when no answer. */
	status: number;
	error?: string;
}

type DocumentStatusInit = '001' | '002' | '003' | '042' | '060' | '062' | '070';

export interface DocumentInit {
	template_id: string;
	status: DocumentStatusInit;
	document_name: string;
	created_date: number;
	updated_date: number;
	/** Creator account id (member e-mail); default the demo member. */
	creator: string;
	/** Field values by field id. */
	fields: Record<string, string>;
}

export interface DemoMember {
	id: string;
	account_id: string;
	name: string;
	department: string;
	position: string;
	role: string[];
	contact: { number: string; tel: string; email: string; country_id: string };
}

interface DemoGroup {
	id: string;
	name: string;
	description: string;
	members: string[];
}

interface DemoTemplate {
	id: string;
	name: string;
	field_ids: string[];
	/** Step types after the start step, e.g. ['05'] or ['05', '05']. */
	recipient_steps: string[];
	enabled: boolean;
	allow_url_creation: boolean;
	title_locked: boolean;
	/** `file.form_image_id`, the id of the template's preview image. */
	image_id: string;
}

export interface DemoStamp {
	id: string;
	name: string;
	allow_all_members: boolean;
	groups: string[];
	members: string[];
}

export interface DemoDocument {
	id: string;
	name: string;
	template_id: string;
	status_type: string;
	/** Outside token of the external recipient currently asked to act, if any. */
	outside_token?: string;
}

export interface DemoData {
	companyId: string;
	companyName: string;
	signature: { apiKey: string; privateKeyHex: string; publicKeyHex: string };
	bearer: { apiKey: string; token: string };
	basic: { apiKey: string; id: string; password: string };
	inactive: { apiKey: string; privateKeyHex: string };
	/** Member e-mail that can create documents (the usual `member_id`). */
	memberId: string;
	adminId: string;
	members: DemoMember[];
	groups: DemoGroup[];
	templates: DemoTemplate[];
	/** Handy template ids by purpose. */
	templateIds: { contract: string; urlCreation: string; titleLocked: string; disabled: string };
	/** Company stamps: `ceo` may be used by the Management group and the admin only, `approved` by everyone. */
	stamps: DemoStamp[];
	stampIds: { ceo: string; approved: string };
	documents: DemoDocument[];
	/** Handy document ids by state. */
	documentIds: {
		completed: string;
		waitingExternal: string;
		waitingMember: string;
		secondStep: string;
		draft: string;
		cancelled: string;
		/** A "my file" (unstructured) draft of the demo member, with its recipient saved: Send Draft works. */
		myFileDraft: string;
		/** In progress at an integrated-approval step (status 010, step type 02), then a participant step. */
		awaitingApproval: string;
	};
	webhook: {
		webhookId: string;
		webhookName: string;
		publicKeyHex: string;
		privateKeyHex: string;
		bearerToken: string;
		basicId: string;
		basicPassword: string;
	};
}

export interface Sandbox {
	url: string;
	port: number;
	demo: DemoData;
	log: RequestLogEntry[];
	deliveries: WebhookDelivery[];
	state: SandboxState;
	close(): Promise<void>;
	reset(): void;
	clearLog(): void;
	setClockOffset(ms: number): void;
	expireTokens(kind?: TokenKind): void;
	revokeRefreshTokens(): void;
	setTokenExpirySignal(signal: TokenExpirySignal): void;
	injectFault(fault: Fault): void;
	clearFaults(): void;
	/**
	 * Calls `listener` as each API request arrives, before it is read, faulted or handled: what the
	 * listener changes (expired tokens, a fault) already applies to that request. Returns the
	 * function that removes the listener; reset() removes all of them.
	 */
	onRequest(listener: (entry: RequestLogEntry) => void): () => void;
	count(method: string, path: string): number;
	tokenIssuances(): number;
	setWebhook(config: WebhookConfig | null): void;
	advanceDocument(documentId: string, action?: 'accept' | 'reject'): Promise<void>;
	finishPdf(documentId: string): Promise<void>;
	sendTestEvent(): Promise<void>;
	addDocuments(n: number, init?: Partial<DocumentInit>): string[];
	setFileSize(documentId: string, bytes: number): void;
	/** Extra: resolves when every webhook delivery queued so far has finished. */
	waitForDeliveries(): Promise<void>;
	/** Extra: a new document waiting at an integrated-approval step, with its webhooks sent. */
	addApprovalDocument(init?: ExtraDocumentInit): Promise<string>;
	/** Extra: a new "my file" draft with one saved external recipient, with its webhook sent. */
	addMyFileDraft(init?: ExtraDocumentInit): Promise<string>;
	/** Extra: changes the download_multi_files limit (4000222 above it) until the next reset. */
	setMultiDownloadLimit(limit: number): void;
}

export interface ExtraDocumentInit {
	document_name?: string;
	/** Creator account id; default the demo member. */
	creator?: string;
}

/** One PDF delivery made by send_multiple_completed_document, as the sandbox recorded it. */
export interface SentPdf {
	document_id: string;
	name: string;
	method: 'email' | 'sms';
	/** The e-mail address or the phone number. */
	method_info: string;
	/** Country calling code, for SMS. */
	code?: string;
	send_pdf_option: Record<string, unknown>;
	is_use_alim_talk: boolean;
	/** Sandbox clock, ms. */
	at: number;
}
