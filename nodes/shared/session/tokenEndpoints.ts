import {
	sleep,
	type IDataObject,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { eformsignErrorFields, EformsignAuthError, hintFor, type EformsignFailure } from '../errors';
import { KeyFormatError, signExecutionTime } from '../signature';
import type { EformsignCredentials, HttpRequester, Session } from './credentialValues';

/**
 * The calls to eformsign's token endpoints (eformsign Open API documentation: "Issue access token",
 * "Refresh access token") and what their failures mean. Which session to use, and when to renew,
 * is decided in index.ts, which also remembers what these calls learn (eformsign's clock).
 */

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, string>;
}

const TOKEN_CALL_ATTEMPTS = 3;
const TOKEN_CALL_TIMEOUT_MS = 30_000;

/** eformsign's clock minus ours as last learnt, and where to report a new one (from a 4000002 answer). */
export interface ClockOffset {
	offsetMs: number;
	learnt(offsetMs: number): void;
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

/** eformsign's error fields, plus the clock eformsign reports when it refuses a signature's time. */
function errorOf(body: unknown): { code?: string; message?: string; executionTime?: number } {
	const executionTime = Number((body as IDataObject | undefined)?.execution_time);
	return {
		...eformsignErrorFields(body),
		executionTime: Number.isFinite(executionTime) ? executionTime : undefined,
	};
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

/** POST /v2.0/api_auth/access_token, signed; re-signed once with eformsign's time when our clock is off. */
export async function issue(
	http: HttpRequester,
	credentials: EformsignCredentials,
	issuedFor: { credential: string; issuer: string },
	clock: ClockOffset,
): Promise<Session> {
	const url = `${credentials.tokenHost.replace(/\/+$/, '')}/v2.0/api_auth/access_token`;
	let offsetMs = clock.offsetMs;
	let resigned = false;
	for (;;) {
		const executionTime = Date.now() + offsetMs;
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
			offsetMs = failure.executionTime - Date.now();
			clock.learnt(offsetMs);
			resigned = true;
			continue;
		}
		const data = (response.body ?? {}) as IDataObject;
		const oauth = data.oauth_token as IDataObject | undefined;
		if (response.statusCode < 300 && oauth?.access_token && (!failure.code || failure.code === '-1')) {
			const company = ((data.api_key as IDataObject | undefined)?.company ?? {}) as IDataObject;
			return toSession(
				issuedFor.credential,
				issuedFor.issuer,
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

/** POST {api_url}/v2.0/api_auth/refresh_token; the code eformsign answered when it refused. */
export async function refresh(
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
