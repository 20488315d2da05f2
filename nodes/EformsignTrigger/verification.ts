import { createHash, timingSafeEqual } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import {
	KeyFormatError,
	parsePublicKey,
	verifySignature,
	type VerificationType,
} from '../shared/signature';

/**
 * Checks that a delivery really comes from the eformsign webhook, in the three verification types of
 * the console that can be checked: eformsign signature, Bearer token, Basic authentication (the
 * fourth, none, skips this module; docs/api/eformsign-api-notes.md, "Delivery" and "Signatures").
 * Everything here answers with a reason that can be logged: it names the header or field, never a
 * value.
 */

interface WebhookSecrets {
	verificationType: VerificationType;
	publicKey?: string;
	bearerToken?: string;
	basicId?: string;
	basicPassword?: string;
}

/** 401 for a sender that is not eformsign; 400 for a request too odd to check at all. */
type Verdict = { ok: true } | { ok: false; status: 400 | 401; reason: string };

interface DeliveryRequest {
	/** The exact bytes eformsign sent; the signature is over these, never over re-serialised JSON. */
	rawBody: Buffer | undefined;
	headers: IDataObject;
	/**
	 * Every header line as received (Node's `rawHeaders`: name, value, name, value…). Node joins a
	 * repeated `eformsign_signature` with ", " and keeps only the first `Authorization`, so every
	 * candidate value can only be seen here.
	 */
	rawHeaders?: string[];
}

/**
 * More candidates than any sender needs: each is checked (an ECDSA verification or a hash), so a
 * request with hundreds of them is refused before any is.
 */
export const MAX_CANDIDATES = 8;

const SIGNATURE_HEADERS = ['eformsign_signature', 'eformsign-signature'];
// The console's prose says Authorization, the vendor's code samples print Authentication ("Delivery" in the same notes).
const AUTHORIZATION_HEADERS = ['authorization', 'authentication'];

export function readWebhookSecrets(credentials: ICredentialDataDecryptedObject): WebhookSecrets {
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	const type = credentials.verificationType;
	return {
		verificationType: type === 'bearer' || type === 'basic' ? type : 'signature',
		publicKey: text(credentials.publicKey),
		bearerToken: text(credentials.bearerToken),
		basicId: text(credentials.basicId),
		basicPassword: text(credentials.basicPassword),
	};
}

/**
 * Equal-time comparison: both sides are hashed first, so timingSafeEqual always gets two 32-byte
 * digests and neither the length nor the content of the secret shows in the time taken.
 */
export function sameSecret(received: string, expected: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(received), digest(expected));
}

/** Non-empty values of the named headers, whatever their case (n8n passes Node's lowercased ones). */
export function headerValues(headers: IDataObject, names: string[]): string[] {
	const wanted = new Set(names);
	const values: string[] = [];
	for (const [name, value] of Object.entries(headers)) {
		if (!wanted.has(name.toLowerCase())) continue;
		for (const entry of Array.isArray(value) ? value : [value]) {
			if (typeof entry === 'string' && entry.trim() !== '') values.push(entry.trim());
		}
	}
	return values;
}

/**
 * Every value of the named headers, each header line on its own. Signatures are hex, so a value
 * holding several of them separated by commas (how proxies and Node join repeated headers) is split.
 */
function everyHeaderValue(
	request: DeliveryRequest,
	names: string[],
	splitOnCommas = false,
): string[] {
	let values: string[];
	if (Array.isArray(request.rawHeaders)) {
		const wanted = new Set(names);
		values = [];
		for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
			const [name, value] = [request.rawHeaders[index], request.rawHeaders[index + 1]];
			if (typeof name === 'string' && typeof value === 'string' && wanted.has(name.toLowerCase()))
				values.push(value);
		}
	} else {
		values = headerValues(request.headers, names);
	}
	const split = splitOnCommas ? values.flatMap((value) => value.split(',')) : values;
	return split.map((value) => value.trim()).filter((value) => value !== '');
}

function tooManyCandidates(values: string[], header: string): Verdict | undefined {
	if (values.length <= MAX_CANDIDATES) return undefined;
	return {
		ok: false,
		status: 400,
		reason: `the request carries ${values.length} ${header} values; at most ${MAX_CANDIDATES} are checked`,
	};
}

/** What is wrong with the stored settings, or undefined when they can be used. */
export function configurationProblem(secrets: WebhookSecrets): string | undefined {
	switch (secrets.verificationType) {
		case 'signature':
			if (!secrets.publicKey?.trim()) return 'the credential has no public key';
			try {
				parsePublicKey(secrets.publicKey);
			} catch (error) {
				if (!(error instanceof KeyFormatError)) return 'the public key cannot be read';
				return `${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}. ${error.hint}`;
			}
			return undefined;
		case 'bearer':
			return secrets.bearerToken ? undefined : 'the credential has no token value';
		case 'basic':
			if (!secrets.basicId || !secrets.basicPassword)
				return 'the credential needs both the ID and the password';
			return secrets.basicId.includes(':')
				? 'the Basic authentication ID cannot contain ":" (the console could not send it either)'
				: undefined;
	}
}

function verifyEformsignSignature(request: DeliveryRequest, publicKey: string): Verdict {
	const signatures = everyHeaderValue(request, SIGNATURE_HEADERS, true);
	const tooMany = tooManyCandidates(signatures, 'eformsign_signature');
	if (tooMany) return tooMany;
	if (signatures.length === 0) {
		return {
			ok: false,
			status: 401,
			reason:
				'the eformsign_signature header is missing (is the console webhook set to "eformsign signature", and does a proxy in front of n8n drop headers with underscores?)',
		};
	}
	if (!request.rawBody) {
		return {
			ok: false,
			status: 400,
			reason: 'the raw request body is not available to check the signature',
		};
	}
	const body = request.rawBody;
	// ECDSA verification compares no secret bytes; every candidate is still checked, like tokens.
	const matches = signatures.map((signature) => verifySignature(body, signature, publicKey));
	return matches.includes(true)
		? { ok: true }
		: {
				ok: false,
				status: 401,
				reason: 'the eformsign_signature does not match the body (another key, or a changed body)',
			};
}

function credentialsOf(request: DeliveryRequest, scheme: 'bearer' | 'basic'): string[] | Verdict {
	const values = everyHeaderValue(request, AUTHORIZATION_HEADERS);
	const tooMany = tooManyCandidates(values, 'Authorization');
	if (tooMany) return tooMany;
	if (values.length === 0)
		return { ok: false, status: 401, reason: 'the Authorization header is missing' };
	const pattern = scheme === 'bearer' ? /^Bearer\s+(.+)$/i : /^Basic\s+(.+)$/i;
	const credentials = values
		.map((value) => pattern.exec(value)?.[1]?.trim())
		.filter((value): value is string => Boolean(value));
	if (credentials.length === 0) {
		return {
			ok: false,
			status: 401,
			reason: `the Authorization header does not use the ${scheme === 'bearer' ? 'Bearer' : 'Basic'} scheme (is the console webhook set to the same verification type?)`,
		};
	}
	return credentials;
}

function verifyBearer(request: DeliveryRequest, token: string): Verdict {
	const received = credentialsOf(request, 'bearer');
	if (!Array.isArray(received)) return received;
	// Every candidate is compared, so the time taken does not depend on which one matched.
	const matches = received.map((candidate) => sameSecret(candidate, token));
	return matches.includes(true)
		? { ok: true }
		: { ok: false, status: 401, reason: 'the Bearer token does not match' };
}

// Standard base64 (RFC 7617), padding optional; Buffer.from would silently skip anything else.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeBasic(encoded: string): string | undefined {
	if (!BASE64.test(encoded) || encoded.replace(/=+$/, '').length % 4 === 1) return undefined;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	return decoded.includes(':') ? decoded : undefined;
}

function verifyBasic(request: DeliveryRequest, id: string, password: string): Verdict {
	const received = credentialsOf(request, 'basic');
	if (!Array.isArray(received)) return received;
	const decoded = received.map(decodeBasic).filter((value): value is string => value !== undefined);
	if (decoded.length === 0) {
		return {
			ok: false,
			status: 401,
			reason: 'the Basic credentials in the Authorization header are not base64 of "ID:password"',
		};
	}
	const expected = `${id}:${password}`;
	const matches = decoded.map((candidate) => sameSecret(candidate, expected));
	return matches.includes(true)
		? { ok: true }
		: { ok: false, status: 401, reason: 'the Basic authentication ID or password does not match' };
}

export function verifyDelivery(request: DeliveryRequest, secrets: WebhookSecrets): Verdict {
	const problem = configurationProblem(secrets);
	if (problem) return { ok: false, status: 401, reason: problem };
	switch (secrets.verificationType) {
		case 'signature':
			return verifyEformsignSignature(request, secrets.publicKey ?? '');
		case 'bearer':
			return verifyBearer(request, secrets.bearerToken ?? '');
		case 'basic':
			return verifyBasic(request, secrets.basicId ?? '', secrets.basicPassword ?? '');
	}
}
