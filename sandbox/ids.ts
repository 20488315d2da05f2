// Identifiers and key pairs. Seeded values are derived from fixed labels so every start of the
// sandbox prints the same credentials (demo files and README examples can embed them); values
// created at run time (new documents, tokens) are random like eformsign's.

import { createHash, createPrivateKey, createPublicKey, randomBytes, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

const LABEL_PREFIX = 'eformsign-sandbox:';

function digestHex(label: string): string {
	return createHash('sha256').update(LABEL_PREFIX + label).digest('hex');
}

/** 32-char lowercase hex id (eformsign's dash-less UUID form), fixed for a label. */
export function fixedId(label: string): string {
	return digestHex(label).slice(0, 32);
}

/** Dashed UUID (API keys, refresh tokens), fixed for a label. */
export function fixedUuid(label: string): string {
	const hex = digestHex(label);
	// Set the version (4) and variant (10xx) bits so it is a well-formed v4 UUID.
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return [
		hex.slice(0, 8),
		hex.slice(8, 12),
		'4' + hex.slice(13, 16),
		variant + hex.slice(17, 20),
		hex.slice(20, 32),
	].join('-');
}

export function randomId(): string {
	return randomBytes(16).toString('hex');
}

export function randomToken(): string {
	return randomUUID();
}

/** Opaque secret-looking string derived from a label (bearer tokens of the demo keys). */
export function fixedSecret(label: string, length = 24): string {
	return createHash('sha256')
		.update(LABEL_PREFIX + label)
		.digest('base64url')
		.slice(0, length);
}

// Minimal PKCS#8 PrivateKeyInfo for a P-256 key without the optional public key: exactly the
// form eformsign's console shows (docs/api/eformsign-api-notes.md, "Signatures").
const PKCS8_P256_PREFIX = '3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420';
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

export interface P256KeyPair {
	privateKeyHex: string;
	publicKeyHex: string;
	privateKey: KeyObject;
	publicKey: KeyObject;
}

/** Deterministic P-256 key pair: the scalar is sha256 of the label (re-hashed if out of range). */
export function fixedKeyPair(label: string): P256KeyPair {
	let scalarHex = digestHex('key:' + label);
	while (BigInt('0x' + scalarHex) === BigInt(0) || BigInt('0x' + scalarHex) >= P256_ORDER) {
		scalarHex = createHash('sha256').update(scalarHex).digest('hex');
	}
	const privateKeyHex = PKCS8_P256_PREFIX + scalarHex;
	const privateKey = createPrivateKey({
		key: Buffer.from(privateKeyHex, 'hex'),
		format: 'der',
		type: 'pkcs8',
	});
	const publicKey = createPublicKey(privateKey);
	const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).toString('hex');
	return { privateKeyHex, publicKeyHex, privateKey, publicKey };
}
