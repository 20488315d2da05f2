// Authentication as eformsign documents it (docs/api/eformsign-api-notes.md, "Authentication"
// and "Signatures"): API keys with three verification types, the access-token endpoint, refresh
// with rotation, and the checks every API call goes through.

import { randomBytes, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import type { SandboxContext } from './context';
import { ApiError, isRecord, json, looseInteger, nonEmptyString } from './http';
import type { ApiRequest, ApiResponse } from './http';
import { randomId, randomToken } from './ids';
import { activeMember } from './state';
import type { TokenExpirySignal, TokenKind } from './types';

export interface ApiKeyRecord {
	apiKey: string;
	name: string;
	alias: string;
	verification: 'signature' | 'bearer' | 'basic';
	active: boolean;
	publicKey?: KeyObject;
	bearerToken?: string;
	basicId?: string;
	basicPassword?: string;
}

export interface AccessTokenRecord {
	token: string;
	apiKey: string;
	/** Member account id; undefined for a company token. */
	memberId?: string;
	expiresAt: number;
	forcedExpired: boolean;
	refreshToken: string;
}

interface RefreshTokenRecord {
	token: string;
	apiKey: string;
	memberId?: string;
	expiresAt: number;
	forcedExpired: boolean;
	/** Rotated away or revoked by a test: answers 4010002. */
	revoked: boolean;
}

export class TokenStore {
	readonly apiKeys = new Map<string, ApiKeyRecord>();
	private readonly accessTokens = new Map<string, AccessTokenRecord>();
	private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
	issuances = 0;
	refreshes = 0;
	expirySignal: TokenExpirySignal = 'http401';

	/** Forget every token (reset); API keys stay. */
	clearTokens(): void {
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.issuances = 0;
		this.refreshes = 0;
		this.expirySignal = 'http401';
	}

	expire(kind: TokenKind): void {
		if (kind === 'access' || kind === 'all') {
			for (const record of this.accessTokens.values()) record.forcedExpired = true;
		}
		if (kind === 'refresh' || kind === 'all') {
			for (const record of this.refreshTokens.values()) record.forcedExpired = true;
		}
	}

	revokeRefreshTokens(): void {
		for (const record of this.refreshTokens.values()) record.revoked = true;
	}

	issue(context: SandboxContext, apiKey: string, memberId: string | undefined) {
		const now = context.clock.now();
		const refresh: RefreshTokenRecord = {
			token: randomToken(),
			apiKey,
			memberId,
			expiresAt: now + context.options.refreshLifetimeSeconds * 1000,
			forcedExpired: false,
			revoked: false,
		};
		const access: AccessTokenRecord = {
			token: buildJwt(context, apiKey, memberId, refresh.token, now),
			apiKey,
			memberId,
			expiresAt: now + context.options.tokenLifetimeSeconds * 1000,
			forcedExpired: false,
			refreshToken: refresh.token,
		};
		this.refreshTokens.set(refresh.token, refresh);
		this.accessTokens.set(access.token, access);
		return {
			token_type: 'JWT',
			access_token: access.token,
			refresh_token: refresh.token,
			expires_in: context.options.tokenLifetimeSeconds,
		};
	}

	findAccess(token: string): AccessTokenRecord | undefined {
		return this.accessTokens.get(token);
	}

	findRefresh(token: string): RefreshTokenRecord | undefined {
		return this.refreshTokens.get(token);
	}
}

function base64UrlJson(value: unknown): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A JWT shaped like eformsign's (docs/api/eformsign-api-notes.md, "Access token"); clients treat it as
 * opaque, so the signature is random.
 */
function buildJwt(
	context: SandboxContext,
	apiKey: string,
	memberId: string | undefined,
	refreshToken: string,
	now: number,
): string {
	const issuedAt = Math.floor(now / 1000);
	const claim: Record<string, string> = { company_id: context.state.company.company_id, access_key: apiKey };
	if (memberId) claim.member_id = memberId;
	const payload = {
		iss: 'eformsign.iam',
		context: {
			clientId: randomId(),
			clientKey: randomToken(),
			managementId: randomId(),
			scopes: 'smart_eform_scope',
			type: 'user',
			userName: memberId ?? apiKey,
			userId: randomId(),
			refreshToken,
		},
		claim,
		exp: issuedAt + context.options.tokenLifetimeSeconds,
		iat: issuedAt,
	};
	return [base64UrlJson({ alg: 'RS256' }), base64UrlJson(payload), randomBytes(32).toString('base64url')].join('.');
}

const API_KEY_ENCODING_ERROR = 'The apiKey encoded has an error.';

/** `Authorization: Bearer base64(apiKey)` → the active key record (4030039 / 4000003 / 4030001). */
export function authenticateApiKey(context: SandboxContext, request: ApiRequest): ApiKeyRecord {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
	if (!match) throw new ApiError('4030039', API_KEY_ENCODING_ERROR);
	const encoded = match[1];
	// Strict base64: an access token (JWT with dots) or any other non-base64 value ends here.
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
		throw new ApiError('4030039', API_KEY_ENCODING_ERROR);
	}
	const decoded = Buffer.from(encoded, 'base64');
	const apiKey = decoded.toString('utf8');
	if (decoded.toString('base64') !== encoded || !/^[\x21-\x7e]+$/.test(apiKey)) {
		throw new ApiError('4030039', API_KEY_ENCODING_ERROR);
	}
	const record = context.tokens.apiKeys.get(apiKey);
	if (!record) throw new ApiError('4000003', 'The apiKey does not exist.');
	if (!record.active) throw new ApiError('4030001', 'The apiKey is not active.');
	return record;
}

/** True only for a strict ASN.1 DER ECDSA-Sig-Value (SEQUENCE of two minimal INTEGERs). */
function isStrictDerSignature(signature: Buffer): boolean {
	if (signature.length < 8 || signature[0] !== 0x30 || signature[1] !== signature.length - 2) return false;
	let offset = 2;
	for (let integer = 0; integer < 2; integer++) {
		if (signature[offset] !== 0x02) return false;
		const length = signature[offset + 1];
		if (length === undefined || length < 1 || length > 33) return false;
		const first = signature[offset + 2];
		const second = signature[offset + 3];
		// Negative numbers and non-minimal encodings are not DER.
		if (first === undefined || first & 0x80) return false;
		if (first === 0 && length > 1 && second !== undefined && !(second & 0x80)) return false;
		offset += 2 + length;
		if (offset > signature.length) return false;
	}
	return offset === signature.length;
}

function signatureHeaderMatches(key: ApiKeyRecord, header: string, message: string): boolean {
	if (key.verification === 'bearer') {
		return header === `Bearer ${key.bearerToken}`;
	}
	if (key.verification === 'basic') {
		const expected = Buffer.from(`${key.basicId}:${key.basicPassword}`).toString('base64');
		return header === `Basic ${expected}`;
	}
	if (!/^(?:[0-9a-fA-F]{2})+$/.test(header) || !key.publicKey) return false;
	const signature = Buffer.from(header, 'hex');
	if (!isStrictDerSignature(signature)) return false;
	try {
		return verify('sha256', Buffer.from(message, 'utf8'), { key: key.publicKey, dsaEncoding: 'der' }, signature);
	} catch {
		// OpenSSL rejects some malformed inputs by throwing; for the client it is just a bad signature.
		return false;
	}
}

/** POST /v2.0/api_auth/access_token (docs/api/eformsign-api-notes.md, "Access token"). */
export function issueAccessToken(context: SandboxContext, request: ApiRequest): ApiResponse {
	const key = authenticateApiKey(context, request);
	if (request.bodyIsInvalidJson || (request.body !== undefined && !isRecord(request.body))) {
		throw new ApiError('4000001', 'The body data is invalid.');
	}
	const body = (request.body ?? {}) as Record<string, unknown>;
	const rawTime = body.execution_time;
	if (rawTime === undefined || rawTime === null || rawTime === '') {
		throw new ApiError('4000001', 'Execution time(Request time) required.');
	}
	const executionTime = looseInteger(rawTime);
	if (executionTime === undefined) {
		throw new ApiError('40000171', 'The execution_time is not of a long type.');
	}
	// What was signed is the decimal string the client sent (a digit string is used verbatim).
	const signedMessage = typeof rawTime === 'string' ? rawTime.trim() : String(executionTime);
	const signatureHeader = request.headers.eformsign_signature ?? '';
	if (!signatureHeaderMatches(key, signatureHeader, signedMessage)) {
		throw new ApiError('4030004', 'The signature is invalid.');
	}
	const serverTime = context.clock.now();
	if (Math.abs(serverTime - executionTime) > context.options.clockWindowSeconds * 1000) {
		throw new ApiError('4000002', 'The validation time has expired.', { execution_time: serverTime });
	}
	let memberId: string | undefined;
	if (body.member_id !== undefined && body.member_id !== null && body.member_id !== '') {
		const requested = nonEmptyString(body.member_id);
		if (!requested || !activeMember(context.state, requested)) {
			throw new ApiError('4000074', 'No such member exists.');
		}
		memberId = requested;
	}
	const oauthToken = context.tokens.issue(context, key.apiKey, memberId);
	context.tokens.issuances++;
	return json({
		api_key: {
			name: key.name,
			alias: key.alias,
			company: {
				company_id: context.state.company.company_id,
				name: context.state.company.name,
				api_url: context.url,
			},
		},
		oauth_token: {
			expires_in: oauthToken.expires_in,
			token_type: oauthToken.token_type,
			refresh_token: oauthToken.refresh_token,
			access_token: oauthToken.access_token,
		},
	});
}

function bearerValue(request: ApiRequest): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
	return match?.[1];
}

/**
 * POST /v2.0/api_auth/refresh_token (docs/api/eformsign-api-notes.md, "Refresh token"): query or body;
 * rotates the refresh token.
 */
export function refreshAccessToken(context: SandboxContext, request: ApiRequest): ApiResponse {
	const accessToken = bearerValue(request);
	const access = accessToken ? context.tokens.findAccess(accessToken) : undefined;
	// An expired access token is fine here: that is the whole point of refreshing.
	if (!access) throw new ApiError('4010001', 'The access_token claim is invalid.');
	const fromBody = isRecord(request.body) ? nonEmptyString(request.body.refresh_token) : undefined;
	const refreshToken = nonEmptyString(request.query.refresh_token) ?? fromBody;
	if (!refreshToken) throw new ApiError('4000001', 'Refresh token required.');
	const refresh = context.tokens.findRefresh(refreshToken);
	if (!refresh || refresh.revoked || refresh.apiKey !== access.apiKey) {
		throw new ApiError('4010002', 'The refresh_token is invalid.');
	}
	if (refresh.forcedExpired || context.clock.now() >= refresh.expiresAt) {
		throw new ApiError('4010006', 'The refresh token has expired.');
	}
	refresh.revoked = true;
	const oauthToken = context.tokens.issue(context, refresh.apiKey, refresh.memberId);
	context.tokens.refreshes++;
	return json({ oauth_token: oauthToken });
}

/** Access-token check of every /v2.0/api/* call (expiry signals: docs/api/eformsign-api-notes.md, "Token expiry"). */
export function authenticateAccessToken(context: SandboxContext, request: ApiRequest): AccessTokenRecord {
	const token = bearerValue(request);
	const record = token ? context.tokens.findAccess(token) : undefined;
	if (!record) throw new ApiError('4010001', 'Invalid or expired token.');
	if (record.forcedExpired || context.clock.now() >= record.expiresAt) {
		const signal = context.tokens.expirySignal;
		if (signal === 'http401') throw new ApiError('4010004', 'The token has expired.');
		const message = 'The access_token authentication failed.';
		throw new ApiError('4030002', message, {}, signal === 'http200' ? 200 : 403);
	}
	return record;
}
