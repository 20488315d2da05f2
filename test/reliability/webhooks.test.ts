import { MAX_BODY_BYTES } from '../../nodes/EformsignTrigger/screening';
import { sameSecret } from '../../nodes/EformsignTrigger/verification';
import { useSandbox } from '../harness/eformsign';
import {
	answeredStatus,
	startedExecution,
	TriggerHarness,
	type CapturedDelivery,
	type WebhookRun,
} from '../harness/webhook';
import { connectWebhook, findDelivery, useReceiver, webhookCredential } from '../trigger/support';
import {
	ALL,
	authentic,
	CASES,
	flipHexDigit,
	paddedEvent,
	withHeaderLines,
	type Case,
	type Kit,
	type Mode,
} from './webhook-cases';

/**
 * Issue 8, "Webhooks": every forged, tampered, malformed or replayed delivery is answered with an
 * error status (or, for a replay, acknowledged) and starts no execution, in every verification mode
 * of the eformsign console. Each case (webhook-cases.ts) starts from a real delivery of the sandbox.
 */

const sandbox = useSandbox();
const receiver = useReceiver();

function triggerFor(kit: Kit): TriggerHarness {
	const events = { events: ['*', 'ready_document_pdf'] };
	if (kit.mode === 'none') return new TriggerHarness({ ...events, verification: 'none' }, {});
	return new TriggerHarness(events, { webhook: webhookCredential(kit.sbx, kit.mode) });
}

async function kitFor(mode: Mode): Promise<Kit> {
	const sbx = sandbox();
	connectWebhook(sbx, receiver(), mode);
	await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
	return { sbx, mode, original: findDelivery(receiver(), 'doc_complete') };
}

/** Secrets of the mode, and whatever credentials this request carried: none may be logged. */
function unloggable(kit: Kit, delivery: CapturedDelivery): string[] {
	const { webhook } = kit.sbx.demo;
	const pair = `${webhook.basicId}:${webhook.basicPassword}`;
	const sent = [delivery.headers.authorization, delivery.headers.eformsign_signature]
		.filter((value): value is string => typeof value === 'string' && value.length > 0)
		.flatMap((value) => [value, value.replace(/^\S+\s+/, '')]);
	return [
		webhook.bearerToken,
		webhook.basicPassword,
		pair,
		Buffer.from(pair).toString('base64'),
		webhook.privateKeyHex,
		...sent,
	].filter((value) => value.length >= 8);
}

function expectStarted(run: WebhookRun) {
	expect(answeredStatus(run)).toBe(200);
	expect(run.items).toHaveLength(1);
	expect(run.warnings).toEqual([]);
}

function expectNothingStarted(run: WebhookRun, kit: Kit, delivery: CapturedDelivery, row: Case) {
	expect(run.failure).toBeUndefined();
	expect(startedExecution(run)).toBe(false);
	expect(answeredStatus(run)).toBe(row.status);
	expect(run.result.workflowData).toBeUndefined();
	expect(run.items).toEqual([]);
	const said = run.log.filter((line) => line.level !== 'debug');
	expect(said).toHaveLength(1);
	if (row.status === 200) {
		expect(run.result).toEqual({});
		expect(said[0].level).toBe('info');
	} else {
		expect(run.result).toEqual({ noWebhookResponse: true });
		expect(run.response.ended).toBe(true);
		expect(said[0].level).toBe('warn');
		expect(said[0].message).toMatch(
			new RegExp(`^eformsign Trigger: request refused \\(HTTP ${row.status}\\) because `),
		);
	}
	expect(said[0].message).toMatch(row.reason);
	const logged = JSON.stringify(run.log);
	for (const secret of unloggable(kit, delivery)) expect(logged).not.toContain(secret);
	// A reason names the problem; it never quotes the body.
	expect(logged).not.toContain('webhook_id');
}

describe.each(ALL)('verification "%s"', (mode) => {
	it('starts the workflow for the untouched delivery, and for an explicit UTF-8 charset', async () => {
		const kit = await kitFor(mode);
		expectStarted(await triggerFor(kit).deliver(kit.original));
		const utf8 = authentic(kit, kit.original.rawBody, 'application/json; charset=UTF-8');
		expectStarted(await triggerFor(kit).deliver(utf8));
	});

	const rows = CASES.filter((row) => row.modes.includes(mode));
	it.each(rows.map((row) => [row.name, row] as const))(
		'answers %s without starting anything',
		async (_name, row) => {
			const kit = await kitFor(mode);
			const trigger = triggerFor(kit);
			if (row.first) expectStarted(await trigger.deliver(row.first(kit)));
			const delivery = row.make(kit);
			expectNothingStarted(await trigger.deliver(delivery), kit, delivery, row);
		},
	);
});

describe('requests as n8n hands them over', () => {
	it('checks every eformsign_signature header line: a wrong one beside the right one is accepted', async () => {
		const kit = await kitFor('signature');
		const { eformsign_signature: signature, ...others } = kit.original.headers;
		const lines = Object.entries(others).flat();
		const wrong = flipHexDigit(signature, 20);
		expectStarted(
			await triggerFor(kit).deliver(
				withHeaderLines(kit.original, [
					...lines,
					'eformsign_signature',
					wrong,
					'eformsign_signature',
					signature,
				]),
			),
		);
		// One line holding both, as a proxy that joins repeated headers would forward it.
		expectStarted(
			await triggerFor(kit).deliver(
				withHeaderLines(kit.original, [...lines, 'eformsign_signature', `${wrong}, ${signature}`]),
			),
		);
	});

	it.each(['bearer', 'basic'] as const)(
		'checks every Authorization header line (%s), though Node keeps only the first',
		async (mode) => {
			const kit = await kitFor(mode);
			const { authorization, ...others } = kit.original.headers;
			const lines = Object.entries(others).flat();
			const delivery = withHeaderLines(kit.original, [
				...lines,
				'authorization',
				mode === 'bearer' ? 'Bearer not-the-token' : 'Basic bm90OnRoZS1wYWly',
				'authorization',
				authorization,
			]);
			expect(delivery.headers.authorization).not.toBe(authorization);
			expectStarted(await triggerFor(kit).deliver(delivery));
		},
	);

	it('accepts a signed body that starts with a byte-order mark, verified over the bytes as sent', async () => {
		const kit = await kitFor('signature');
		const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), kit.original.rawBody]);
		const run = await triggerFor(kit).deliver(authentic(kit, withMark));
		expectStarted(run);
		expect(run.items[0].json.status).toBe('doc_complete');
		// The mark is not a way around the signature: the same body signed without it is refused.
		const markAdded = { headers: kit.original.headers, rawBody: withMark };
		expect(answeredStatus(await triggerFor(kit).deliver(markAdded))).toBe(401);
	});
});

describe('limits', () => {
	it('accepts an event of exactly 1 MB', async () => {
		const kit = await kitFor('signature');
		const delivery = authentic(kit, paddedEvent(kit.original, MAX_BODY_BYTES));
		expect(delivery.rawBody.length).toBe(MAX_BODY_BYTES);
		expectStarted(await triggerFor(kit).deliver(delivery));
	});
});

describe('constant-time comparison of Bearer and Basic secrets', () => {
	it('hashes both sides first, so values of any length reach timingSafeEqual as equal-length digests', () => {
		// timingSafeEqual throws on buffers of unequal length: comparing raw values would throw here.
		expect(sameSecret('short', 'a much longer secret value')).toBe(false);
		expect(sameSecret('', 'secret')).toBe(false);
		expect(sameSecret('same secret', 'same secret')).toBe(true);
		expect(sameSecret('same secreT', 'same secret')).toBe(false);
	});
});
