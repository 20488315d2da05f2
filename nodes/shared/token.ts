import { createHash } from 'node:crypto';
import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { EformsignAuthError, hintFor, type EformsignFailure } from './errors';
import { KeyFormatError, signExecutionTime } from './signature';

/**
 * Access tokens (api-reference §2.4–§2.8).
 *
 * n8n keeps the session in the credential's hidden expirable field, encrypted and shared by every
 * execution and worker; it asks the credential's preAuthentication for a new one only when that
 * field is empty. eformsign also signals expiry in ways n8n does not watch (403 + 4030002, or
 * HTTP 200 with a token code), so the transport renews through this module too. The module keeps
 * the newest session per credential in memory, and shares one issuance between callers that ask
 * at the same moment.
 */

export type VerificationType = 'signature' | 'bearer' | 'basic';

export interface EformsignCredentials {
	tokenHost: string;
	apiKey: string;
	verificationType: VerificationType;
	privateKey?: string;
	bearerToken?: string;
	basicId?: string;
	basicPassword?: string;
	memberId?: string;
	session?: string;
}

export interface Session {
	/** `fingerprint()` of the credential values the token was issued for. */
	credential: string;
	accessToken: string;
	refreshToken: string;
	apiUrl: string;
	companyId: string;
	/** epoch ms */
	expiresAt: number;
	/** epoch ms, local clock */
	obtainedAt: number;
}

export type HttpRequester = (options: IHttpRequestOptions) => Promise<unknown>;

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, string>;
}

export const SESSION_FIELD = 'session';
/** Token codes that mean "this access token is no longer good" (§2.8). */
export const TOKEN_ERROR_CODES = new Set(['4010001', '4010004', '4010007', '4030002']);
/** A token obtained this recently is shared instead of issuing another one. */
const SHARE_WINDOW_MS = 60_000;
const TOKEN_CALL_ATTEMPTS = 3;
const TOKEN_CALL_TIMEOUT_MS = 30_000;

const sessions = new Map<string, Session>();
const inFlight = new Map<string, Promise<Session>>();
const clockOffsets = new Map<string, number>();

export function readCredentials(data: ICredentialDataDecryptedObject): EformsignCredentials {
	const text = (name: string) => (typeof data[name] === 'string' ? (data[name] as string) : '');
	return {
		tokenHost: text('tokenHostUrl').trim() || 'https://api.eformsign.com',
		apiKey: text('apiKey').trim(),
		verificationType: (text('verificationType') || 'signature') as VerificationType,
		privateKey: text('privateKey'),
		bearerToken: text('bearerToken'),
		basicId: text('basicId'),
		basicPassword: text('basicPassword'),
		memberId: text('memberId').trim(),
		session: text(SESSION_FIELD),
	};
}

/** Identifies a credential without keeping any secret in memory in clear. */
export function fingerprint(credentials: EformsignCredentials): string {
	const secret = [
		credentials.tokenHost.replace(/\/+$/, ''),
		credentials.apiKey,
		credentials.verificationType,
		credentials.privateKey?.replace(/\s+/g, ''),
		credentials.bearerToken,
		credentials.basicId,
		credentials.basicPassword,
		credentials.memberId?.toLowerCase(),
	].join('\u0000');
	return createHash('sha256').update(secret).digest('hex');
}

export function parseSession(text: string | undefined): Session | undefined {
	if (!text) return undefined;
	try {
		const value = JSON.parse(text) as Partial<Session>;
		if (typeof value.accessToken !== 'string' || typeof value.apiUrl !== 'string') return undefined;
		return value as Session;
	} catch {
		return undefined;
	}
}

export function serializeSession(session: Session): string {
	return JSON.stringify(session);
}

function newer(a: Session | undefined, b: Session | undefined): Session | undefined {
	if (!a) return b;
	if (!b) return a;
	return b.obtainedAt > a.obtainedAt ? b : a;
}

/**
 * The stored session, if it was issued for these very credential values. A user who changes the key
 * or the Member ID of a saved credential keeps the old session in n8n's hidden field; using it would
 * act as the old member, and let "Test" pass with a wrong key.
 */
function storedSession(credentials: EformsignCredentials, key = fingerprint(credentials)): Session | undefined {
	const stored = parseSession(credentials.session);
	return stored?.credential === key ? stored : undefined;
}

/** The session to put on a request: the newer of the stored one and the one renewed in this process. */
export function currentSession(credentials: EformsignCredentials): Session | undefined {
	const key = fingerprint(credentials);
	return newer(storedSession(credentials, key), sessions.get(key));
}

/** Only for tests and benchmarks: forget every session and clock offset in this process. */
export function forgetAllSessions(): void {
	sessions.clear();
	inFlight.clear();
	clockOffsets.clear();
}

function singleFlight(key: string, work: () => Promise<Session>): Promise<Session> {
	const running = inFlight.get(key);
	if (running) return running;
	const promise = work()
		.then((session) => {
			sessions.set(key, newer(sessions.get(key), session) as Session);
			return session;
		})
		.finally(() => inFlight.delete(key));
	inFlight.set(key, promise);
	return promise;
}

/**
 * Called by n8n (preAuthentication) when the stored session is empty, after a 401, or for a
 * credential test: refresh when there is a refresh token, otherwise issue.
 */
export async function obtainSession(
	http: HttpRequester,
	credentials: EformsignCredentials,
): Promise<Session> {
	validateCredentials(credentials);
	const key = fingerprint(credentials);
	const stored = storedSession(credentials, key);
	// A caller without a usable stored session (empty, or from before the credential was edited)
	// may have read the credential just before another caller's new token was saved: share that one.
	const shared = sessions.get(key);
	if (!stored && shared && Date.now() - shared.obtainedAt < SHARE_WINDOW_MS) return shared;
	return await singleFlight(key, async () => await refreshOrIssue(http, credentials, stored));
}

/**
 * Called by the transport when eformsign refused `staleAccessToken`. If another request has already
 * renewed it, that newer session is used; otherwise one renewal runs for everybody.
 */
export async function renewSession(
	http: HttpRequester,
	credentials: EformsignCredentials,
	staleAccessToken: string | undefined,
): Promise<Session> {
	const key = fingerprint(credentials);
	const known = currentSession(credentials);
	if (known && staleAccessToken && known.accessToken !== staleAccessToken) return known;
	return await singleFlight(key, async () => await refreshOrIssue(http, credentials, known));
}

async function refreshOrIssue(
	http: HttpRequester,
	credentials: EformsignCredentials,
	previous: Session | undefined,
): Promise<Session> {
	if (previous?.refreshToken) {
		const refreshed = await refresh(http, previous);
		if (refreshed) return refreshed;
	}
	return await issue(http, credentials);
}

export function validateCredentials(credentials: EformsignCredentials): void {
	const fail = (message: string, hint: string) => {
		throw new EformsignAuthError({ message, hint });
	};
	if (!/^https?:\/\/[^\s/]+/i.test(credentials.tokenHost)) {
		fail(
			`The Token Host "${credentials.tokenHost}" is not an http(s) URL`,
			'Use https://api.eformsign.com, https://www.gov-eformsign.com/Service, or the sandbox URL',
		);
	}
	if (!credentials.apiKey) fail('The API key is empty', 'Copy it from Integration > API / Webhook > Manage API key');
	if (/\s/.test(credentials.apiKey)) {
		fail('The API key contains spaces', 'Copy it again from the console: it is one UUID such as 32b3d4f8-427d-4cf4-96ba-fc016215dd47');
	}
	if (credentials.memberId && !/^[^\s@]+@[^\s@]+$/.test(credentials.memberId)) {
		fail(
			`The Member ID "${credentials.memberId}" is not an e-mail address`,
			'Enter the e-mail the member signs in to eformsign with, or leave it empty for a company token',
		);
	}
	if (credentials.verificationType === 'bearer' && !credentials.bearerToken) {
		fail('The bearer token value is empty', 'Enter the value that was typed when the API key was created');
	}
	if (credentials.verificationType === 'basic' && (!credentials.basicId || !credentials.basicPassword)) {
		fail('The Basic authentication ID or password is empty', 'Enter the ID and password set on the API key');
	}
}

function signatureHeader(credentials: EformsignCredentials, executionTime: number): string {
	switch (credentials.verificationType) {
		case 'bearer':
			return `Bearer ${credentials.bearerToken}`;
		case 'basic':
			return `Basic ${Buffer.from(`${credentials.basicId}:${credentials.basicPassword}`).toString('base64')}`;
		default:
			return signWithPrivateKey(credentials.privateKey ?? '', executionTime);
	}
}

function signWithPrivateKey(privateKey: string, executionTime: number): string {
	let keyError: KeyFormatError | undefined;
	try {
		return signExecutionTime(executionTime, privateKey);
	} catch (error) {
		keyError =
			error instanceof KeyFormatError
				? error
				: new KeyFormatError('The private key cannot be used for signing', 'Paste the key again from the console');
	}
	throw new EformsignAuthError({ message: keyError.message, hint: keyError.hint });
}

const ISSUE_MESSAGES: Record<string, (c: EformsignCredentials) => EformsignFailure> = {
	'4030004': (c) => ({
		message:
			c.verificationType === 'signature'
				? 'eformsign rejected the signature'
				: `eformsign rejected the ${c.verificationType === 'bearer' ? 'bearer token' : 'Basic ID and password'}`,
		hint:
			c.verificationType === 'signature'
				? 'Check that the private key belongs to this API key, and that the key\'s verification type in eformsign is "eformsign signature"'
				: `Check the value set on this API key in eformsign, and that the key's verification type is "${c.verificationType === 'bearer' ? 'Bearer token' : 'Basic authentication'}"`,
	}),
	'4000002': () => ({
		message: "The request time is outside eformsign's 30-second window, even after correcting for eformsign's clock",
		hint: "Synchronise the n8n server's clock (NTP) and try again",
	}),
	'4000003': () => ({ message: 'eformsign does not know this API key', hint: hintFor('4000003') }),
	'4030001': () => ({ message: 'The API key is inactive', hint: hintFor('4030001') }),
	'4030039': () => ({ message: 'eformsign could not read the API key', hint: hintFor('4030039') }),
	'4000074': (c) => memberUnknown(c),
	'4000097': (c) => memberUnknown(c),
	'4000150': (c) => memberUnknown(c),
};

function memberUnknown(credentials: EformsignCredentials): EformsignFailure {
	return {
		message: `eformsign has no member "${credentials.memberId}" in this company`,
		hint: 'Enter the e-mail the member signs in with, or leave Member ID empty for a company token',
	};
}

function errorOf(body: unknown): { code?: string; message?: string; executionTime?: number } {
	if (!body || typeof body !== 'object') return {};
	const value = body as IDataObject;
	const code = value.code !== undefined && value.code !== null ? String(value.code) : undefined;
	const message = (value.ErrorMessage ?? value.message) as string | undefined;
	const executionTime = Number(value.execution_time);
	return { code, message, executionTime: Number.isFinite(executionTime) ? executionTime : undefined };
}

async function tokenCall(http: HttpRequester, options: IHttpRequestOptions): Promise<FullResponse> {
	let lastNetworkCode = 'no answer';
	for (let attempt = 1; attempt <= TOKEN_CALL_ATTEMPTS; attempt++) {
		if (attempt > 1) await sleep(250 * 2 ** attempt);
		let response: FullResponse;
		try {
			response = (await http({
				...options,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: TOKEN_CALL_TIMEOUT_MS,
			})) as FullResponse;
		} catch (error) {
			lastNetworkCode = (error as { code?: string }).code ?? 'no answer';
			continue;
		}
		// Token calls change nothing at eformsign that a retry could double, so 5xx is retried too.
		if (response.statusCode >= 500 && attempt < TOKEN_CALL_ATTEMPTS) continue;
		return response;
	}
	throw new EformsignAuthError({
		message: `Could not reach the eformsign token host (${lastNetworkCode})`,
		hint: 'Check the Token Host in the credential and the network between n8n and eformsign',
	});
}

async function issue(http: HttpRequester, credentials: EformsignCredentials): Promise<Session> {
	const key = fingerprint(credentials);
	const url = `${credentials.tokenHost.replace(/\/+$/, '')}/v2.0/api_auth/access_token`;
	let resigned = false;
	for (;;) {
		const executionTime = Date.now() + (clockOffsets.get(key) ?? 0);
		const body: IDataObject = { execution_time: executionTime };
		if (credentials.memberId) body.member_id = credentials.memberId;
		const response = await tokenCall(http, {
			method: 'POST',
			url,
			headers: {
				Authorization: `Bearer ${Buffer.from(credentials.apiKey).toString('base64')}`,
				eformsign_signature: signatureHeader(credentials, executionTime),
				'Content-Type': 'application/json',
			},
			body,
		});
		const failure = errorOf(response.body);
		// eformsign tells its own time when ours is off; one re-signed attempt fixes a skewed clock.
		if (failure.code === '4000002' && failure.executionTime !== undefined && !resigned) {
			clockOffsets.set(key, failure.executionTime - Date.now());
			resigned = true;
			continue;
		}
		const data = (response.body ?? {}) as IDataObject;
		const oauth = data.oauth_token as IDataObject | undefined;
		if (response.statusCode < 300 && oauth?.access_token && (!failure.code || failure.code === '-1')) {
			const company = ((data.api_key as IDataObject | undefined)?.company ?? {}) as IDataObject;
			return toSession(key, oauth, String(company.api_url ?? credentials.tokenHost), String(company.company_id ?? company.id ?? ''));
		}
		throw new EformsignAuthError(describeIssueFailure(credentials, response, failure));
	}
}

function describeIssueFailure(
	credentials: EformsignCredentials,
	response: FullResponse,
	failure: { code?: string; message?: string },
): EformsignFailure {
	const known = failure.code ? ISSUE_MESSAGES[failure.code] : undefined;
	if (known) return { ...known(credentials), code: failure.code, httpStatus: response.statusCode };
	const serverText = failure.message ?? (response.statusCode === 404 ? 'token endpoint not found' : 'no usable answer');
	return {
		code: failure.code,
		httpStatus: response.statusCode,
		message: `eformsign did not issue a token (HTTP ${response.statusCode}: ${serverText})`,
		hint: hintFor(failure.code) ?? 'Check the Token Host and the API key in the credential',
	};
}

async function refresh(http: HttpRequester, previous: Session): Promise<Session | undefined> {
	const response = await tokenCall(http, {
		method: 'POST',
		url: `${previous.apiUrl.replace(/\/+$/, '')}/v2.0/api_auth/refresh_token`,
		qs: { refresh_token: previous.refreshToken },
		headers: { Authorization: `Bearer ${previous.accessToken}` },
	}).catch(() => undefined);
	const oauth = (response?.body as IDataObject | undefined)?.oauth_token as IDataObject | undefined;
	const failure = errorOf(response?.body);
	if (!response || response.statusCode >= 300 || !oauth?.access_token || (failure.code && failure.code !== '-1')) {
		return undefined;
	}
	return toSession(previous.credential, oauth, previous.apiUrl, previous.companyId);
}

function toSession(credential: string, oauth: IDataObject, apiUrl: string, companyId: string): Session {
	const now = Date.now();
	const lifetimeSeconds = Number(oauth.expires_in) || 3600;
	return {
		credential,
		accessToken: String(oauth.access_token),
		refreshToken: String(oauth.refresh_token ?? ''),
		apiUrl: apiUrl.replace(/\/+$/, ''),
		companyId,
		expiresAt: now + lifetimeSeconds * 1000,
		obtainedAt: now,
	};
}
