import { sleep, type IDataObject } from 'n8n-workflow';

import { causesOf } from '../errors';
import {
	fingerprint,
	issuedFor,
	issuerFingerprint,
	parseSession,
	tokenDigest,
	validateCredentials,
	type EformsignCredentials,
	type HttpRequester,
	type Session,
} from './credentialValues';
import { issue, refresh, type ClockOffset } from './tokenEndpoints';

export {
	fingerprint,
	readCredentials,
	serializeSession,
	SESSION_FIELD,
	type EformsignCredentials,
	type Session,
} from './credentialValues';

/**
 * The token session: which eformsign token a request carries, and what happens when eformsign
 * refuses it (eformsign Open API documentation: "Issue access token", "Refresh access token";
 * docs/api/eformsign-api-notes.md, "Authentication"). All the token state of the package is here.
 *
 * The truth is the credential's hidden expirable field `session`: n8n stores it encrypted, reads it
 * again for every request in every process, and saves there what preAuthentication returns
 * (packages/cli/src/credentials-helper.ts `preAuthentication`). This module's memory only saves
 * token calls: the newest session per credential, one renewal shared by this process's callers,
 * which tokens eformsign refused here, eformsign's clock, and the company of each API key.
 *
 * The protocol, for one set of credential values in one process (docs/tokens.md says it for users):
 *
 *                    | eformsign refuses the token  | n8n calls preAuthentication   | another process saves
 *  ------------------+------------------------------+-------------------------------+-----------------------
 *  no session        | (nothing is sent without one)| issue → renewing              | use it → valid
 *  valid             | send once more, marked; the  | share one obtained here in the| use the newer → valid
 *                    | credential still holds it →  | last 60 s, else refresh, else |
 *                    | refused here; else use the   | issue → renewing              |
 *                    | newer one                    |                               |
 *  refused here      | (the marked resend refused:  | refresh → renewing            | use it, no token call
 *                    | answered, never sent a third)|                               | → valid
 *  renewing          | the marked resend joins it   | join it                       | use the newer → valid
 *  rotated elsewhere | (nothing is sent meanwhile)  | another execution here waits  | use it → valid; none
 *                    |                              | too                           | in 3 s: issue → renewing
 *
 * States:
 * - no session: none stored for these very values (a changed key or Member ID makes the stored one
 *   foreign) and none obtained here; `sessionFor` answers 401, so n8n calls preAuthentication.
 * - valid: the newer of the stored session and the one obtained here, not refused here.
 * - refused here: eformsign refused its access token, and the credential n8n handed over for the
 *   marked resend still held it (`refusedAccessTokens`); `sessionFor` answers 401.
 * - renewing: a refresh or issue for these values runs here (`inFlight`). Ends valid (n8n saves the
 *   session), or rotated elsewhere when the refresh token is refused as already used (4010002)
 *   after a refusal here; a refresh token refused otherwise leads to an issue at once.
 * - rotated elsewhere: another process used the refresh token first and is saving its session
 *   (`refusedRefreshTokens`, for ROTATED_SESSION_WAIT_MS). The request waits that long for it,
 *   reading the credential store, then goes again.
 *
 * Events:
 * - eformsign refuses: HTTP 401; 403 with 4030002; 2xx with a code of TOKEN_ERROR_CODES.
 * - n8n calls preAuthentication: the field is empty, after the 401 `sessionFor` answers, for a
 *   credential test, or after a 401 some other node got with this credential.
 * - another process saves: the credential n8n hands over holds a newer session.
 *
 * The interface: `sessionFor` (which session goes on a request: the credential's `authenticate`),
 * `obtainSession` (the credential's preAuthentication), `TokenRecovery` (what one request does after
 * eformsign refused its token, and when the refresh token was already used), `learnCompany` (the
 * company of the API-key endpoints).
 */

/** Token codes that mean "this access token is no longer good" (eformsign's error code table). */
const TOKEN_ERROR_CODES: readonly string[] = ['4010001', '4010004', '4010007', '4030002'];
/** "The refresh_token is invalid": used already (each refresh rotates it) or revoked. */
const REFRESH_TOKEN_INVALID = '4010002';
/** A session this process obtained this recently is shared instead of renewing again. */
const SHARE_WINDOW_MS = 60_000;
/** Bounds the memory of refused tokens; forgetting one costs at most one extra token call. */
const MAX_REMEMBERED_REFUSALS = 1_000;
/**
 * How long after a refresh token was found rotated this process treats any renewal of the same
 * session as waiting for the other process's session, and how long a request waits for that session.
 */
const ROTATED_SESSION_WAIT_MS = 3_000;
const SAVED_SESSION_POLL_MS = 100;
/**
 * Carries the digest (`tokenDigest`) of an access token eformsign refused, through n8n, from the
 * request's resend to `sessionFor`. Removed there, so it never leaves n8n.
 */
const REFUSED_TOKEN_HEADER = 'x-eformsign-refused-token';

/** The newest session obtained in this process, per `fingerprint`. */
const sessions = new Map<string, Session>();
/** The renewal running in this process, per `fingerprint` (or `company:` + `issuerFingerprint`). */
const inFlight = new Map<string, Promise<Session>>();
/** `tokenDigest`s of the access tokens eformsign refused in this process. */
const refusedAccessTokens = new Set<string>();
/** Refresh tokens eformsign refused: when, and whether as already used (rotated by another process). */
const refusedRefreshTokens = new Map<string, { at: number; rotated: boolean }>();
/** The newest session per `issuerFingerprint`, for the company ID of the API-key endpoints. */
const companies = new Map<string, Session>();
/** eformsign's clock minus ours, per `fingerprint`, learnt from a 4000002 answer. */
const clockOffsets = new Map<string, number>();

/**
 * Answered like an expired token, before anything is sent: n8n-core then runs the credential's
 * preAuthentication, saves what it returns, and retries with it
 * (n8n-core request-helpers/authentication.ts `httpRequestWithAuthentication`).
 */
export class SessionExpired extends Error {
	readonly response = { status: 401, statusText: 'Unauthorized' };

	constructor() {
		super('The eformsign token has expired or does not belong to the current credential values');
		this.name = 'SessionExpired';
	}
}

/**
 * The refresh token was refused as already used while renewing a token eformsign had refused.
 * Refresh tokens rotate, so another process has most likely just refreshed it and is saving its
 * session: the request waits for that session (`TokenRecovery`) instead of issuing a second token.
 */
class RefreshTokenRotated extends Error {
	constructor() {
		super('The refresh token was already used, most likely by another n8n process');
		this.name = 'RefreshTokenRotated';
	}
}

/** Only for tests and benchmarks: forget everything this process remembers. */
export function forgetAllSessions(): void {
	for (const memory of [sessions, inFlight, refusedAccessTokens, refusedRefreshTokens, companies, clockOffsets]) {
		memory.clear();
	}
}

function newer(a: Session | undefined, b: Session | undefined): Session | undefined {
	if (!a) return b;
	if (!b) return a;
	return b.obtainedAt > a.obtainedAt ? b : a;
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

/** The newer of the stored session and the one obtained in this process. */
function currentSession(credentials: EformsignCredentials): Session | undefined {
	const key = fingerprint(credentials);
	return newer(storedSession(credentials, key), sessions.get(key));
}

/**
 * Which session goes on a request for these credential values (the credential's `authenticate`).
 * `headers` is the copy of the request's headers that `authenticate` builds: the refusal mark is
 * taken out of it, so it never leaves n8n. Throws SessionExpired when there is no session, or when
 * this is the marked resend of a request and the credential still holds the very token eformsign
 * refused: nobody has saved a newer one yet, so n8n is to renew it.
 */
export function sessionFor(credentials: EformsignCredentials, headers: IDataObject): Session {
	const refused = headers[REFUSED_TOKEN_HEADER];
	delete headers[REFUSED_TOKEN_HEADER];
	const session = currentSession(credentials);
	if (!session) throw new SessionExpired();
	if (refused !== undefined && refused === tokenDigest(session.accessToken)) {
		// Remembered so that preAuthentication knows the renewal comes from a refusal, and never
		// hands this session out again.
		if (refusedAccessTokens.size >= MAX_REMEMBERED_REFUSALS) refusedAccessTokens.clear();
		refusedAccessTokens.add(tokenDigest(session.accessToken));
		throw new SessionExpired();
	}
	return session;
}

/**
 * What one request does about its token, asked by the transport after each answer or failure:
 * after eformsign refuses the token, send once more, marked with it (eformsign did nothing with
 * the refused request, so even a write is safe to resend); when the renewal then finds the
 * refresh token already used, wait once for the session the other process saves, and send again.
 */
export class TokenRecovery {
	private refusedToken: string | undefined;
	private waitedForSavedSession = false;

	/** The headers of the next attempt: the refusal mark, once a token was refused. */
	headers(): IDataObject {
		return this.refusedToken ? { [REFUSED_TOKEN_HEADER]: this.refusedToken } : {};
	}

	/**
	 * eformsign answered `status` with `code` to a request that carried `sentToken` (undefined for
	 * a request without a token). True: send the request once more.
	 */
	resendAfter(status: number, code: string | undefined, sentToken: string | undefined): boolean {
		const refused =
			status === 401 ||
			(status === 403 && code === '4030002') ||
			(status < 300 && code !== undefined && TOKEN_ERROR_CODES.includes(code));
		if (!refused || !sentToken || this.refusedToken) return false;
		this.refusedToken = tokenDigest(sentToken);
		return true;
	}

	/**
	 * The request failed with `error` before an answer. When that is the refresh token found
	 * already used, waits (once) for another process's saved session, read with `readStored`, and
	 * answers true: send again, with that session, or else preAuthentication issues a new token.
	 */
	async resendAfterFailure(error: unknown, readStored: () => Promise<EformsignCredentials>): Promise<boolean> {
		const rotated = causesOf(error).some((cause) => cause instanceof RefreshTokenRotated);
		if (!rotated || !this.refusedToken || this.waitedForSavedSession) return false;
		this.waitedForSavedSession = true;
		await waitForSavedSession(readStored, this.refusedToken);
		return true;
	}
}

/**
 * n8n reads the credential from its database on every call, so the session another process saves
 * shows up in `readStored`; returns once it does, or after ROTATED_SESSION_WAIT_MS.
 */
async function waitForSavedSession(
	readStored: () => Promise<EformsignCredentials>,
	refusedToken: string,
): Promise<void> {
	const deadline = Date.now() + ROTATED_SESSION_WAIT_MS;
	for (;;) {
		const session = currentSession(await readStored());
		if (session && tokenDigest(session.accessToken) !== refusedToken) return;
		// The whole wait, to the millisecond: a renewal asked for before the deadline would still be
		// told to wait (`refreshOrIssue` treats a rotation as fresh for ROTATED_SESSION_WAIT_MS).
		const left = deadline - Date.now();
		if (left <= 0) return;
		await sleep(Math.min(SAVED_SESSION_POLL_MS, left + 1));
	}
}

/**
 * The credential's preAuthentication: n8n calls it when the stored session is empty, after a 401
 * (also the one `sessionFor` answers for a refused token), and for a credential test. Its result
 * is saved in the credential by n8n. A renewal already running in this process is joined, and a
 * session this process obtained after `credentials` were read is used as it is.
 */
export async function obtainSession(http: HttpRequester, credentials: EformsignCredentials): Promise<Session> {
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
			// Renewing a token eformsign refused: the refresh token was most likely rotated by another
			// process, whose session is about to be saved. Otherwise (a credential test, another
			// node's 401): issue a new token.
			if (rotated && wasRefused(previous)) throw new RefreshTokenRotated();
		} else if (refusal.rotated && wasRefused(previous) && Date.now() - refusal.at < ROTATED_SESSION_WAIT_MS) {
			// Another execution of this process found this refresh token rotated a moment ago and is
			// waiting for the other process's session: wait for it too, rather than issue a token that
			// would make this process's renewal count twice. Past the wait, issue.
			throw new RefreshTokenRotated();
		}
	}
	return await issue(http, credentials, issuedFor(credentials), clockOf(fingerprint(credentials)));
}

function clockOf(key: string): ClockOffset {
	return { offsetMs: clockOffsets.get(key) ?? 0, learnt: (offsetMs) => clockOffsets.set(key, offsetMs) };
}

/**
 * Where the API-key endpoints go and for which company, without needing a token: what the stored
 * session says, whichever member it was issued for (the company and API host belong to the Token
 * Host and API key), or what this process learnt. Undefined when neither is known.
 */
function companyOf(credentials: EformsignCredentials): { companyId: string; apiUrl: string } | undefined {
	const issuer = issuerFingerprint(credentials);
	const stored = parseSession(credentials.session);
	const sameKey = stored && (stored.issuer === issuer || stored.credential === fingerprint(credentials));
	const known = [sameKey ? stored : undefined, companies.get(issuer)].find((session) => session?.companyId);
	return known ? { companyId: known.companyId, apiUrl: known.apiUrl } : undefined;
}

/**
 * The company and API host for the API-key endpoints. When neither the credential nor any session
 * names them, a company token (without member_id, so the Member ID plays no part) tells them.
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
	const session = await singleFlight(
		key,
		async () => await issue(http, companyOnly, issuedFor(companyOnly), clockOf(fingerprint(companyOnly))),
	);
	return { companyId: session.companyId, apiUrl: session.apiUrl };
}
