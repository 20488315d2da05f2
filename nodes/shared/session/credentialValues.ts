import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { EformsignAuthError } from '../errors';
import type { VerificationType } from '../signature';

/**
 * The credential's values and the session stored with them, as plain data: read, identified by a
 * hash (no secret is kept in clear), checked before any token call. Nothing here remembers anything.
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

/** The credential's hidden expirable field that holds the session (n8n stores it encrypted). */
export const SESSION_FIELD = 'session';

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
export function issuerFingerprint(credentials: EformsignCredentials): string {
	return sha256([credentials.tokenHost.replace(/\/+$/, ''), credentials.apiKey].join('\u0000'));
}

/** What a new session is issued for: these exact values, and their API key. */
export function issuedFor(credentials: EformsignCredentials): { credential: string; issuer: string } {
	return { credential: fingerprint(credentials), issuer: issuerFingerprint(credentials) };
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
