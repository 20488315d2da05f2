import { generateKeyPairSync } from 'node:crypto';
import * as rs from 'jsrsasign';

import {
	KeyFormatError,
	parsePrivateKey,
	parsePublicKey,
	signExecutionTime,
	verifySignature,
} from '../../nodes/shared/signature';
import { KAT } from '../fixtures/vectors';

/** The JavaScript sample of eformsign's developer guide, line for line (docs/api/eformsign-api-notes.md, "Signatures"). */
function vendorSign(executionTime: string, privateKeyHex: string): string {
	const privateKey = rs.KEYUTIL.getKeyFromPlainPrivatePKCS8Hex(privateKeyHex);
	const signer = new rs.KJUR.crypto.Signature({ alg: 'SHA256withECDSA' });
	signer.init(privateKey);
	signer.updateString(executionTime);
	return signer.sign();
}

function vendorVerify(executionTime: string, signatureHex: string, publicKeyHex: string): boolean {
	const verifier = new rs.KJUR.crypto.Signature({ alg: 'SHA256withECDSA' });
	verifier.init(rs.KEYUTIL.getKey(publicKeyHex, null, 'pkcs8pub') as rs.KJUR.crypto.ECDSA);
	verifier.updateString(executionTime);
	return verifier.verify(signatureHex);
}

function freshKeyPair() {
	const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
	return {
		privateKeyHex: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('hex'),
		privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		publicKeyHex: publicKey.export({ type: 'spki', format: 'der' }).toString('hex'),
		publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
	};
}

describe('signer and verifier against the vendor sample (jsrsasign)', () => {
	it('signs lowercase DER hex that the vendor code verifies, for many keys and times', () => {
		for (let i = 0; i < 4; i++) {
			const keys = freshKeyPair();
			const executionTime = String(Date.now() + i);
			const signature = signExecutionTime(executionTime, keys.privateKeyHex);
			expect(signature).toMatch(/^30[0-9a-f]+$/);
			expect(signature).toBe(signature.toLowerCase());
			expect(vendorVerify(executionTime, signature, keys.publicKeyHex)).toBe(true);
			expect(vendorVerify(String(Number(executionTime) + 1), signature, keys.publicKeyHex)).toBe(false);
		}
	});

	it('verifies what the vendor code signs, and rejects it for another message or key', () => {
		for (let i = 0; i < 4; i++) {
			const keys = freshKeyPair();
			const other = freshKeyPair();
			const executionTime = String(1_700_000_000_000 + i);
			const signature = vendorSign(executionTime, keys.privateKeyHex);
			expect(verifySignature(executionTime, signature, keys.publicKeyHex)).toBe(true);
			expect(verifySignature(`${executionTime}0`, signature, keys.publicKeyHex)).toBe(false);
			expect(verifySignature(executionTime, signature, other.publicKeyHex)).toBe(false);
		}
	});

	it('accepts the minimal 67-byte PKCS#8 form the eformsign console shows', () => {
		expect(KAT.privateKeyHex).toHaveLength(134);
		const signature = signExecutionTime(KAT.executionTime, KAT.privateKeyHex);
		expect(vendorVerify(KAT.executionTime, signature, KAT.publicKeyHex)).toBe(true);
	});
});

describe('known-answer vectors', () => {
	it('verifies the stored signatures over fixed bytes', () => {
		expect(verifySignature(KAT.executionTime, KAT.executionTimeSignature, KAT.publicKeyHex)).toBe(true);
		expect(verifySignature(KAT.jsrsasignExecutionTime, KAT.jsrsasignSignature, KAT.publicKeyHex)).toBe(true);
		expect(verifySignature(Buffer.from(KAT.webhookBody, 'utf8'), KAT.webhookSignature, KAT.publicKeyHex)).toBe(true);
	});

	it('rejects each vector after one changed byte of message or signature', () => {
		const body = Buffer.from(KAT.webhookBody, 'utf8');
		body[body.length - 3] ^= 0x01;
		expect(verifySignature(body, KAT.webhookSignature, KAT.publicKeyHex)).toBe(false);
		const flipped = KAT.executionTimeSignature.slice(0, 20) + (KAT.executionTimeSignature[20] === 'a' ? 'b' : 'a') + KAT.executionTimeSignature.slice(21);
		expect(verifySignature(KAT.executionTime, flipped, KAT.publicKeyHex)).toBe(false);
		expect(verifySignature(KAT.executionTime, '', KAT.publicKeyHex)).toBe(false);
		expect(verifySignature(KAT.executionTime, 'zz', KAT.publicKeyHex)).toBe(false);
		expect(verifySignature(KAT.executionTime, '304', KAT.publicKeyHex)).toBe(false);
	});

	it('rejects a raw r||s signature (not DER)', () => {
		const der = Buffer.from(KAT.executionTimeSignature, 'hex');
		const r = der.subarray(4, 4 + der[3]);
		const s = der.subarray(6 + der[3]);
		const raw = Buffer.concat([r.subarray(r.length - 32), s.subarray(s.length - 32)]).toString('hex');
		expect(verifySignature(KAT.executionTime, raw, KAT.publicKeyHex)).toBe(false);
	});
});

describe('key formats', () => {
	it('accepts PEM private and public keys', () => {
		const keys = freshKeyPair();
		const signature = signExecutionTime('123', keys.privateKeyPem);
		expect(verifySignature('123', signature, keys.publicKeyPem)).toBe(true);
	});

	it('accepts whitespace and line breaks around and inside a hex key', () => {
		const wrapped = `\n  ${KAT.privateKeyHex.slice(0, 60)}\n${KAT.privateKeyHex.slice(60)}  \n`;
		expect(parsePrivateKey(wrapped).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
		expect(parsePublicKey(` ${KAT.publicKeyHex}\n`).type).toBe('public');
	});

	const bad: Array<[string, () => string, RegExp]> = [
		['not hex', () => 'this-is-not-a-key', /neither hex nor PEM/],
		['odd length', () => KAT.privateKeyHex.slice(0, -1), /odd number of hex digits/],
		['an RSA key', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('hex'), /RSA key.*P-256/],
		['a P-384 key', () => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('hex'), /secp384r1.*P-256/],
		['the public key instead of the private one', () => KAT.publicKeyHex, /public key, but the credential needs the private key/],
		['a public PEM block', () => freshKeyPair().publicKeyPem, /public key, but the credential needs the private key/],
		['empty', () => '   ', /empty/],
		['hex that is no key', () => 'deadbeef', /not a PKCS#8 DER key/],
	];
	it.each(bad)('refuses %s with a message that says what was expected', (_name, key, message) => {
		const value = key();
		let caught: unknown;
		try {
			parsePrivateKey(value);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(KeyFormatError);
		expect((caught as KeyFormatError).message).toMatch(message);
		expect((caught as KeyFormatError).hint).toMatch(/hex string that starts with 30/);
		if (value.trim().length > 16) expect((caught as Error).message).not.toContain(value.trim().slice(0, 16));
	});

	it('refuses a private key where the webhook public key belongs', () => {
		expect(() => parsePublicKey(KAT.privateKeyHex)).toThrow(/not an X.509 DER public key/);
	});
});
