import { createHmac, sign, timingSafeEqual } from 'node:crypto';

import { verifyDelivery } from '../nodes/EformsignTrigger/verification';
import { parsePrivateKey } from '../nodes/shared/signature';
import { KAT } from '../test/fixtures/vectors';
import { opsPerSecond, round } from './measure';

/** The trigger's signature check per delivery, next to an HMAC-SHA256 check of the same body. */
export async function webhookBenchmark(quick: boolean) {
	const body = Buffer.from(
		JSON.stringify({
			webhook_id: 'a'.repeat(32),
			webhook_name: 'benchmark',
			company_id: 'b'.repeat(32),
			event_type: 'document',
			document: { id: 'c'.repeat(32), document_title: '근로계약서', status: 'doc_complete', history_id: 'd'.repeat(32), updated_date: 1_700_000_000_000 },
		}),
	);
	const signature = sign('sha256', body, { key: parsePrivateKey(KAT.privateKeyHex), dsaEncoding: 'der' }).toString('hex');
	const secrets = { verificationType: 'signature' as const, publicKey: KAT.publicKeyHex };
	const request = { rawBody: body, headers: { eformsign_signature: signature, 'content-type': 'application/json' } };
	if (!verifyDelivery(request, secrets).ok) throw new Error('the benchmark delivery did not verify');

	const hmacKey = Buffer.from('webhook-benchmark-hmac-key');
	const expected = createHmac('sha256', hmacKey).update(body).digest();
	const duration = quick ? 300 : 1500;
	const ours = await opsPerSecond(() => verifyDelivery(request, secrets), duration, 50);
	const hmac = await opsPerSecond(
		() => timingSafeEqual(createHmac('sha256', hmacKey).update(body).digest(), expected),
		duration,
		50,
	);
	return { webhook_verify_per_second: round(ours, 0), webhook_hmac_per_second: round(hmac, 0) };
}
