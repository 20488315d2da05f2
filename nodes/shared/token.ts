import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { EformsignAuthError } from './errors';
import type { VerificationType } from './signature';
import { forgetClockOffsets, issue, refresh } from './tokenEndpoints';

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

export const SESSION_FIELD = 'session';
/** Token codes that mean "this access token is no longer good" (eformsign's error code table). */
export const TOKEN_ERROR_CODES = new Set(['4010001', '4010004', '4010007', '4030002']);
/** "The refresh_token is invalid": used already (each refresh rotates it) or revoked. */
const REFRESH_TOKEN_INVALID = '4010002';
/** A session this process obtained this recently is shared instead of renewing again. */
const SHARE_WINDOW_MS = 60_000;
/** Bounds the memory of refused tokens; forgetting one costs at most one extra token call. */
const MAX_REMEMBERED_REFUSALS = 1_000;

const sessions = new Map<string, Session>();
const inFlight = new Map<string, Promise<Session>>();
const refusedAccessTokens = new Set<string>();
/** Refresh tokens eformsign refused: when, and whether as already used (rotated by another process). */
const refusedRefreshTokens = new Map<string, { at: number; rotated: boolean }>();
/** The newest session per `issuerFingerprint`, for the company ID of the API-key endpoints. */
const companies = new Map<string, Session>();

/**
 * The refresh token was refused as invalid while renewing a token that eformsign had refused.
 * Refresh tokens rotate, so another process has most likely just refreshed it and is saving its
 * session: the transport waits for that session instead of issuing a second token.
 */
/**
 * How long after a refresh token was found rotated this process treats any renewal of the same
 * session as waiting for the other process's session (the transport waits this long for it).
 */
export const ROTATED_SESSION_WAIT_MS = 3_000;

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
function issuerFingerprint(credentials: EformsignCredentials): string {
	return sha256([credentials.tokenHost.replace(/\/+$/, ''), credentials.apiKey].join('\u0000'));
}

/** Names a token without revealing it (it travels in a request header between two of our functions). */
export function tokenDigest(token: string): string {
	return sha256(token).slice(0, 32);
}

function parseSession(text: string | undefined): Session | undefined {
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
 * Where the API-key endpoints go and for which company, without needing a token: what the stored
 * session says, whichever member it was issued for (the company and API host belong to the Token
 * Host and API key), or what this process learnt. Undefined when neither is known.
 */
export function companyOf(
	credentials: EformsignCredentials,
): { companyId: string; apiUrl: string } | undefined {
	const issuer = issuerFingerprint(credentials);
	const stored = parseSession(credentials.session);
	const sameKey = stored && (stored.issuer === issuer || stored.credential === fingerprint(credentials));
	const known = [sameKey ? stored : undefined, companies.get(issuer)].find((session) => session?.companyId);
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
	forgetClockOffsets();
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
	const session = await singleFlight(key, async () => await issue(http, companyOnly, issuedFor(companyOnly)));
	return { companyId: session.companyId, apiUrl: session.apiUrl };
}

async function refreshOrIssue(
	http: HttpRequester,
	credentials: EformsignCredentials,
	previous: Session | undefined,
): Promise<Session> {
	if (previous?.refreshToken) {
		const digest = tokenDigest(previous.refreshToken);
		const refusal = refusedRefreshTokens.get(digest);
		if (!refusal) {
			const refreshed = await refresh(http, previous);
			if (refreshed.session) return refreshed.session;
			const rotated = refreshed.code === REFRESH_TOKEN_INVALID;
			if (refusedRefreshTokens.size >= MAX_REMEMBERED_REFUSALS) refusedRefreshTokens.clear();
			refusedRefreshTokens.set(digest, { at: Date.now(), rotated });
			// Asked by the transport for a token eformsign refused: the refresh token was most likely
			// rotated by another process, whose session is about to be saved. Otherwise (a credential
			// test, another node's 401): issue a new token.
			if (rotated && wasRefused(previous)) throw new RefreshTokenRotated();
		} else if (refusal.rotated && wasRefused(previous) && Date.now() - refusal.at < ROTATED_SESSION_WAIT_MS) {
			// Another execution of this process found this refresh token rotated a moment ago and is
			// waiting for the other process's session: wait for it too, rather than issue a token that
			// would make this process's renewal count twice. Past the wait, issue.
			throw new RefreshTokenRotated();
		}
	}
	return await issue(http, credentials, issuedFor(credentials));
}

function issuedFor(credentials: EformsignCredentials): { credential: string; issuer: string } {
	return { credential: fingerprint(credentials), issuer: issuerFingerprint(credentials) };
}

function validateCredentials(credentials: EformsignCredentials): void {
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
