import * as rs from 'jsrsasign';

import { signExecutionTime, verifySignature } from '../nodes/shared/signature';
import { KAT } from '../test/fixtures/vectors';
import { opsPerSecond, round } from './measure';

/**
 * The JavaScript sample of eformsign's developer guide exactly as shown (docs/api/eformsign-api-notes.md,
 * "Signatures"), run once per token request.
 */
function vendorSample(privateKeyHex: string): string {
	const executionTime = Date.now() + '';
	const privateKey = rs.KEYUTIL.getKeyFromPlainPrivatePKCS8Hex(privateKeyHex);
	const signer = new rs.KJUR.crypto.Signature({ alg: 'SHA256withECDSA' });
	signer.init(privateKey);
	signer.updateString(executionTime);
	return signer.sign();
}

export async function signerBenchmark(quick: boolean) {
	const ours = await opsPerSecond(() => signExecutionTime(Date.now(), KAT.privateKeyHex), quick ? 300 : 1500, 50);
	const vendor = await opsPerSecond(() => vendorSample(KAT.privateKeyHex), quick ? 800 : 3000, 5);
	// Sanity: both produce signatures the other side accepts.
	if (!verifySignature(String(KAT.jsrsasignExecutionTime), KAT.jsrsasignSignature, KAT.publicKeyHex)) {
		throw new Error('the verifier rejected the stored jsrsasign vector');
	}
	return {
		signer_signatures_per_second: round(ours, 0),
		jsrsasign_signatures_per_second: round(vendor, 1),
		signer_speedup_vs_jsrsasign: round(ours / vendor, 1),
	};
}
