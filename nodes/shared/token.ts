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
 * Access tokens (eformsign Open API documentation: "Issue access token", "Refresh access token").
 *
 * The session (tokens, API host, company ID) lives in the credential's hidden expirable field,
 * which n8n stores encrypted in its database and re-reads for every request, in every process.
 * Every new session is made by the credential's preAuthentication, whose result n8n saves there
 * (packages/cli/src/credentials-helper.ts `preAuthentication`). When eformsign refuses a token,
 * the transport re-sends the request marked with that token's digest; `authenticate` then answers
 * 401 unless the credential it was handed already holds a newer session (one that another
 * execution or worker saved), so n8n-core calls preAuthentication and retries
 * (n8n-core request-helpers/authentication.ts `httpRequestWithAuthentication`).
 *
 * Module memory is only an optimisation: the newest session per credential, one renewal shared by
 * callers of this process, and which tokens eformsign refused here.
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
	companyId?: string;
	session?: string;
}

export interface Session {
	/** `fingerprint()` of the credential values the token was issued for. */
	credential: string;
	/** `issuerFingerprint()` of Token Host and API key: the company and API host belong to those. */
	issuer?: string;
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
/** Token codes that mean "this access token is no longer good" (eformsign's error code table). */
export const TOKEN_ERROR_CODES = new Set(['4010001', '4010004', '4010007', '4030002']);
/** "The refresh_token is invalid": used already (each refresh rotates it) or revoked. */
const REFRESH_TOKEN_INVALID = '4010002';
/** A session this process obtained this recently is shared instead of renewing again. */
const SHARE_WINDOW_MS = 60_000;
const TOKEN_CALL_ATTEMPTS = 3;
const TOKEN_CALL_TIMEOUT_MS = 30_000;
/** Bounds the memory of refused tokens; forgetting one costs at most one extra token call. */
const MAX_REMEMBERED_REFUSALS = 1_000;

const sessions = new Map<string, Session>();
const inFlight = new Map<string, Promise<Session>>();
const clockOffsets = new Map<string, number>();
const refusedAccessTokens = new Set<string>();
const refusedRefreshTokens = new Set<string>();
/** The newest session per `issuerFingerprint`, for the company ID of the API-key endpoints. */
const companies = new Map<string, Session>();

/**
 * The refresh token was refused as invalid while renewing a token that eformsign had refused.
 * Refresh tokens rotate, so another process has most likely just refreshed it and is saving its
 * session: the transport waits for that session instead of issuing a second token.
 */
export class RefreshTokenRotated extends Error {
	constructor() {
		super('The refresh token was already used, most likely by another n8n process');
		this.name = 'RefreshTokenRotated';
	}
}

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
		companyId: text('companyId').trim(),
		session: text(SESSION_FIELD),
	};
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** Identifies a credential without keeping any secret in memory in clear. */
export function fingerprint(credentials: EformsignCredentials): string {
	return sha256(
		[
			credentials.tokenHost.replace(/\/+$/, ''),
			credentials.apiKey,
			credentials.verificationType,
			credentials.privateKey?.replace(/\s+/g, ''),
			credentials.bearerToken,
			credentials.basicId,
			credentials.basicPassword,
			credentials.memberId?.toLowerCase(),
		].join('\u0000'),
	);
}

/** Identifies the API key a session was issued for, whatever the member or verification values. */
export function issuerFingerprint(credentials: EformsignCredentials): string {
	return sha256([credentials.tokenHost.replace(/\/+$/, ''), credentials.apiKey].join('\u0000'));
}

/** Names a token without revealing it (it travels in a request header between two of our functions). */
export function tokenDigest(token: string): string {
	return sha256(token).slice(0, 32);
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

function remember(set: Set<string>, token: string): void {
	if (set.size >= MAX_REMEMBERED_REFUSALS) set.clear();
	set.add(tokenDigest(token));
}

function wasRefused(session: Session | undefined): boolean {
	return session !== undefined && refusedAccessTokens.has(tokenDigest(session.accessToken));
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

/** The session to put on a request: the newer of the stored one and the one obtained in this process. */
export function currentSession(credentials: EformsignCredentials): Session | undefined {
	const key = fingerprint(credentials);
	return newer(storedSession(credentials, key), sessions.get(key));
}

/**
 * Where the API-key endpoints go and for which company, without needing a token: the credential's
 * Company ID, or what any session issued for the same Token Host and API key said (whatever its
 * member). Undefined when neither is known.
 */
export function companyOf(
	credentials: EformsignCredentials,
): { companyId: string; apiUrl: string } | undefined {
	const issuer = issuerFingerprint(credentials);
	const stored = parseSession(credentials.session);
	const sameKey = stored && (stored.issuer === issuer || stored.credential === fingerprint(credentials));
	const known = [sameKey ? stored : undefined, companies.get(issuer)].find((session) => session?.companyId);
	if (credentials.companyId) {
		return { companyId: credentials.companyId, apiUrl: known?.apiUrl ?? credentials.tokenHost.replace(/\/+$/, '') };
	}
	return known ? { companyId: known.companyId, apiUrl: known.apiUrl } : undefined;
}

/**
 * eformsign refused `session`'s access token (the transport saw it refused, and `authenticate` is
 * about to answer 401 for it). Remembered so that preAuthentication knows the renewal comes from
 * the transport, and never hands this session out again.
 */
export function markRefused(session: Session): void {
	remember(refusedAccessTokens, session.accessToken);
}

/** Only for tests and benchmarks: forget everything this process remembers. */
export function forgetAllSessions(): void {
	sessions.clear();
	inFlight.clear();
	clockOffsets.clear();
	refusedAccessTokens.clear();
	refusedRefreshTokens.clear();
	companies.clear();
}

function singleFlight(key: string, work: () => Promise<Session>): Promise<Session> {
	const running = inFlight.get(key);
	if (running) return running;
	const promise = work()
		.then((session) => {
			sessions.set(key, newer(sessions.get(key), session) as Session);
			if (session.issuer) companies.set(session.issuer, session);
			return session;
		})
		.finally(() => inFlight.delete(key));
	inFlight.set(key, promise);
	return promise;
}

/**
 * The credential's preAuthentication: n8n calls it when the stored session is empty, after a 401
 * (also the one `authenticate` answers for a refused token), and for a credential test. Its result
 * is saved in the credential by n8n. A renewal already running in this process is joined, and a
 * session this process obtained after `credentials` were read is used as it is.
 */
export async function obtainSession(
	http: HttpRequester,
	credentials: EformsignCredentials,
): Promise<Session> {
	validateCredentials(credentials);
	const key = fingerprint(credentials);
	const running = inFlight.get(key);
	if (running) return await running;
	const stored = storedSession(credentials, key);
	const known = sessions.get(key);
	const obtainedHereSince =
		known !== undefined &&
		!wasRefused(known) &&
		(!stored || known.obtainedAt > stored.obtainedAt) &&
		Date.now() - known.obtainedAt < SHARE_WINDOW_MS;
	if (obtainedHereSince) return known;
	// Without a stored session for these values there is nothing to refresh: issue.
	const previous = stored ? newer(stored, known) : undefined;
	return await singleFlight(key, async () => await refreshOrIssue(http, credentials, previous));
}

/**
 * The company and API host for the API-key endpoints when neither the credential nor any session
 * names them: a company token (without member_id, so the Member ID plays no part) tells them.
 * Remembered in this process; the session stored with the next member token remembers it for all.
 */
export async function learnCompany(
	http: HttpRequester,
	credentials: EformsignCredentials,
): Promise<{ companyId: string; apiUrl: string }> {
	const known = companyOf(credentials);
	if (known) return known;
	const companyOnly = { ...credentials, memberId: '', session: '' };
	validateCredentials(companyOnly);
	const key = `company:${issuerFingerprint(credentials)}`;
	const session = await singleFlight(key, async () => await issue(http, companyOnly));
	return { companyId: session.companyId, apiUrl: session.apiUrl };
}

async function refreshOrIssue(
	http: HttpRequester,
	credentials: EformsignCredentials,
	previous: Session | undefined,
): Promise<Session> {
	if (previous?.refreshToken && !refusedRefreshTokens.has(tokenDigest(previous.refreshToken))) {
		const refreshed = await refresh(http, previous);
		if (refreshed.session) return refreshed.session;
		remember(refusedRefreshTokens, previous.refreshToken);
		// Asked by the transport for a token eformsign refused: the refresh token was most likely
		// rotated by another process, whose session is about to be saved. Otherwise (a credential
		// test, another node's 401), or the next time for the same session: issue a new token.
		if (refreshed.code === REFRESH_TOKEN_INVALID && wasRefused(previous)) throw new RefreshTokenRotated();
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
	if (!credentials.apiKey) fail('The API key is empty', 'Copy it from Connect > API / Webhook > API key management');
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

/**
 * Network failures in words. The message must not contain the error code itself: n8n's
 * NodeApiError replaces any message mentioning ECONNREFUSED, ENOTFOUND… with its own generic
 * sentence (n8n-workflow errors/abstract/node.error.ts `COMMON_ERRORS`), which would hide the
 * host and the hint from the credential test.
 */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'no host has this name',
	EAI_AGAIN: 'its name could not be looked up',
	ETIMEDOUT: 'it did not answer in time',
	ECONNABORTED: 'it did not answer in time',
	ECONNRESET: 'the connection was closed',
	EHOSTUNREACH: 'the host cannot be reached',
	ENETUNREACH: 'the network cannot be reached',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
};

function networkFailureWords(error: unknown): string {
	const code = (error as { code?: unknown })?.code;
	if (typeof code === 'string' && NETWORK_FAILURES[code]) return NETWORK_FAILURES[code];
	if (/timeout/i.test(String((error as Error)?.message ?? ''))) return NETWORK_FAILURES.ETIMEDOUT;
	return 'it did not answer';
}

/** Scheme, host and path of a URL, never user info or a query. */
function hostOf(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/v2\.0\/api_auth\/.*$/, '')}`;
	} catch {
		return 'the Token Host';
	}
}

async function tokenCall(http: HttpRequester, options: IHttpRequestOptions): Promise<FullResponse> {
	let lastFailure = 'it did not answer';
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
			lastFailure = networkFailureWords(error);
			continue;
		}
		// Token calls change nothing at eformsign that a retry could double, so 5xx is retried too.
		if (response.statusCode >= 500 && attempt < TOKEN_CALL_ATTEMPTS) continue;
		return response;
	}
	throw new EformsignAuthError({
		message: `Could not reach the eformsign Token Host ${hostOf(options.url)}: ${lastFailure}, also when tried again`,
		hint: 'Check the Token Host in the credential (https://api.eformsign.com, https://www.gov-eformsign.com/Service, or the sandbox URL) and the network between n8n and eformsign',
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
			return toSession(
				key,
				issuerFingerprint(credentials),
				oauth,
				String(company.api_url ?? credentials.tokenHost),
				String(company.company_id ?? company.id ?? ''),
			);
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

async function refresh(
	http: HttpRequester,
	previous: Session,
): Promise<{ session?: Session; code?: string }> {
	const response = await tokenCall(http, {
		method: 'POST',
		url: `${previous.apiUrl.replace(/\/+$/, '')}/v2.0/api_auth/refresh_token`,
		qs: { refresh_token: previous.refreshToken },
		headers: { Authorization: `Bearer ${previous.accessToken}` },
	}).catch(() => undefined);
	const oauth = (response?.body as IDataObject | undefined)?.oauth_token as IDataObject | undefined;
	const failure = errorOf(response?.body);
	if (!response || response.statusCode >= 300 || !oauth?.access_token || (failure.code && failure.code !== '-1')) {
		return { code: failure.code };
	}
	return {
		session: toSession(previous.credential, previous.issuer, oauth, previous.apiUrl, previous.companyId),
	};
}

function toSession(
	credential: string,
	issuer: string | undefined,
	oauth: IDataObject,
	apiUrl: string,
	companyId: string,
): Session {
	const now = Date.now();
	const lifetimeSeconds = Number(oauth.expires_in) || 3600;
	return {
		credential,
		issuer,
		accessToken: String(oauth.access_token),
		refreshToken: String(oauth.refresh_token ?? ''),
		apiUrl: apiUrl.replace(/\/+$/, ''),
		companyId,
		expiresAt: now + lifetimeSeconds * 1000,
		obtainedAt: now,
	};
}
