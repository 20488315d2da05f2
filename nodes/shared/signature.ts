import {
	createPrivateKey,
	createPublicKey,
	sign as cryptoSign,
	verify as cryptoVerify,
	type KeyObject,
} from 'node:crypto';

/**
 * eformsign's signatures are SHA256withECDSA on NIST P-256, DER-encoded, as lowercase hex
 * (api-reference §2.3 and §8.3). The console shows keys as hex: the private key as PKCS#8 DER,
 * the webhook public key as X.509 SubjectPublicKeyInfo DER. PEM is accepted for both.
 */

export class KeyFormatError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'KeyFormatError';
	}
}

const P256 = 'prime256v1';
const PRIVATE_HINT =
	'Paste the private key that eformsign shows under Connect > API / Webhook > API key management > View key: a hex string that starts with 30 (PKCS#8 DER on P-256), or a PEM block.';
const PUBLIC_HINT =
	'Paste the public key that eformsign shows under Connect > API / Webhook > Webhook management > View key: a hex string that starts with 3059 (X.509 DER on P-256), or a PEM block.';

// Parsing a key costs far more than signing with it; a credential signs on every token issuance.
const parsedKeys = new Map<string, KeyObject>();
const PARSED_KEYS_MAX = 64;

function remember(cacheKey: string, key: KeyObject): KeyObject {
	if (parsedKeys.size >= PARSED_KEYS_MAX) parsedKeys.delete(parsedKeys.keys().next().value as string);
	parsedKeys.set(cacheKey, key);
	return key;
}

function tryKey<T>(load: () => T): T | undefined {
	try {
		return load();
	} catch {
		return undefined;
	}
}

function isPem(text: string): boolean {
	return text.startsWith('-----BEGIN');
}

/** Hex as the console shows it; line breaks and spaces from copy and paste are tolerated. */
function hexToDer(text: string, what: 'private' | 'public'): Buffer {
	const hex = text.replace(/\s+/g, '');
	const hint = what === 'private' ? PRIVATE_HINT : PUBLIC_HINT;
	if (hex.length === 0) throw new KeyFormatError(`The ${what} key is empty`, hint);
	if (!/^[0-9a-fA-F]+$/.test(hex)) {
		throw new KeyFormatError(
			`The ${what} key is neither hex nor PEM: it contains characters other than 0-9 and a-f`,
			hint,
		);
	}
	if (hex.length % 2 !== 0) {
		throw new KeyFormatError(
			`The ${what} key has an odd number of hex digits (${hex.length}); part of it is probably missing`,
			hint,
		);
	}
	return Buffer.from(hex, 'hex');
}

function assertP256(key: KeyObject, what: 'private' | 'public'): void {
	const hint = what === 'private' ? PRIVATE_HINT : PUBLIC_HINT;
	if (key.asymmetricKeyType !== 'ec') {
		throw new KeyFormatError(
			`The ${what} key is an ${String(key.asymmetricKeyType).toUpperCase()} key, but eformsign uses ECDSA keys on the P-256 curve`,
			hint,
		);
	}
	const curve = key.asymmetricKeyDetails?.namedCurve;
	if (curve !== P256) {
		throw new KeyFormatError(
			`The ${what} key is on the curve ${curve ?? 'unknown'}, but eformsign uses P-256 (prime256v1)`,
			hint,
		);
	}
}

/** Loads the private key of an "eformsign signature" API key, with a clear message for each wrong format. */
export function parsePrivateKey(text: string): KeyObject {
	const trimmed = (text ?? '').trim();
	const cached = parsedKeys.get(trimmed);
	if (cached) return cached;

	let key: KeyObject | undefined;
	if (isPem(trimmed)) {
		if (/BEGIN PUBLIC KEY/.test(trimmed)) {
			throw new KeyFormatError(
				'This is a public key, but the credential needs the private key',
				PRIVATE_HINT,
			);
		}
		key = tryKey(() => createPrivateKey(trimmed));
		if (!key) throw new KeyFormatError('The private key PEM block cannot be read', PRIVATE_HINT);
	} else {
		const der = hexToDer(trimmed, 'private');
		key =
			tryKey(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })) ??
			tryKey(() => createPrivateKey({ key: der, format: 'der', type: 'sec1' }));
		if (!key) {
			if (tryKey(() => createPublicKey({ key: der, format: 'der', type: 'spki' }))) {
				throw new KeyFormatError(
					'This is a public key, but the credential needs the private key',
					PRIVATE_HINT,
				);
			}
			throw new KeyFormatError(
				'The private key is hex but not a PKCS#8 DER key; it may be cut short or be another kind of value',
				PRIVATE_HINT,
			);
		}
	}
	assertP256(key, 'private');
	return remember(trimmed, key);
}

/** Loads a webhook verification key (X.509 SPKI DER hex, or PEM). */
export function parsePublicKey(text: string): KeyObject {
	const trimmed = (text ?? '').trim();
	const cached = parsedKeys.get(`public:${trimmed}`);
	if (cached) return cached;

	let key: KeyObject | undefined;
	if (isPem(trimmed)) {
		key = tryKey(() => createPublicKey(trimmed));
		if (!key) throw new KeyFormatError('The public key PEM block cannot be read', PUBLIC_HINT);
	} else {
		const der = hexToDer(trimmed, 'public');
		key = tryKey(() => createPublicKey({ key: der, format: 'der', type: 'spki' }));
		if (!key) {
			throw new KeyFormatError(
				'The public key is hex but not an X.509 DER public key; it may be cut short or be another kind of value',
				PUBLIC_HINT,
			);
		}
	}
	if (key.type === 'private') key = createPublicKey(key);
	assertP256(key, 'public');
	return remember(`public:${trimmed}`, key);
}

/**
 * Signs the decimal string of `execution_time` the way the token endpoint expects: SHA256withECDSA,
 * DER, lowercase hex. Same output format as the vendor's jsrsasign sample.
 */
export function signExecutionTime(executionTime: number | string, privateKey: KeyObject | string): string {
	const key = typeof privateKey === 'string' ? parsePrivateKey(privateKey) : privateKey;
	return cryptoSign('sha256', Buffer.from(String(executionTime), 'utf8'), {
		key,
		dsaEncoding: 'der',
	}).toString('hex');
}

/**
 * Verifies a DER hex signature over raw bytes (a webhook body exactly as received).
 * Returns false for any malformed signature; throws KeyFormatError only for a bad configured key.
 */
export function verifySignature(
	data: Buffer | string,
	signatureHex: string,
	publicKey: KeyObject | string,
): boolean {
	const key = typeof publicKey === 'string' ? parsePublicKey(publicKey) : publicKey;
	const hex = (signatureHex ?? '').trim();
	if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) return false;
	const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
	return (
		tryKey(() =>
			cryptoVerify('sha256', bytes, { key, dsaEncoding: 'der' }, Buffer.from(hex, 'hex')),
		) ?? false
	);
}

/**
 * How eformsign checks a caller, chosen in the console for each API key and each webhook: an
 * ECDSA signature, a bearer value, or Basic ID and password. Used by both credentials.
 */
export type VerificationType = 'signature' | 'bearer' | 'basic';
