import type { Sandbox } from '../../sandbox';
import { useTestClock } from '../harness/clock';
import { credentialData, credentialsHelperFor, runEformsign, useSandbox } from '../harness/eformsign';
import { tracked, until } from '../harness/wait';

const sandbox = useSandbox();
// The sandbox holds each delayed answer until the test moves the clock, so overlap is decided by
// what the node sends, not by how fast the machine is.
const clock = useTestClock();

function documentRequests(sbx: Sandbox) {
	return sbx.log.filter((entry) => entry.path.startsWith('/v2.0/api/documents/'));
}

/**
 * Moves the clock past the 30 ms delay each time `batch` document reads are held at once (or all
 * the reads still to come), until the run is over.
 */
async function releaseHeldReads(sbx: Sandbox, running: { done(): boolean }, total: number, batch: number): Promise<void> {
	const held = () => documentRequests(sbx).filter((entry) => entry.status === 0).length;
	const answered = () => documentRequests(sbx).filter((entry) => entry.status !== 0).length;
	while (!running.done()) {
		await until(
			() => running.done() || held() >= Math.min(batch, total - answered()),
			`${batch} reads to be held by eformsign at once`,
		);
		if (!running.done()) await clock().advance(30);
	}
}

function getById(extra: Record<string, unknown> = {}) {
	return {
		resource: 'document',
		operation: 'get',
		documentId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		simplify: true,
		...extra,
	};
}

describe('Parallel Requests for reads', () => {
	it('keeps output order and pairing, and really overlaps requests', async () => {
		const sbx = sandbox();
		const ids = [sbx.demo.documentIds.completed, sbx.demo.documentIds.draft, sbx.demo.documentIds.waitingExternal];
		const input = Array.from({ length: 30 }, (_, index) => ({ json: { id: ids[index % 3] } }));
		sbx.injectFault({ count: 30, match: { method: 'GET', path: '/v2.0/api/documents/*' }, delayMs: 30 });

		const running = tracked(runEformsign(credentialsHelperFor(credentialData(sbx)), getById({ requestOptions: { parallelRequests: 5 } }), input));
		await releaseHeldReads(sbx, running, 30, 5);
		const result = await running.work;

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(input.map((item) => item.json.id));
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(input.map((_, index) => index));
		// The sandbox counts the requests still being handled when each one arrives: with a delay on
		// every answer, overlapping sends show as a count above 0, never above the limit of 5.
		const concurrency = documentRequests(sbx).map((entry) => entry.inFlight);
		expect(concurrency.filter((others) => others > 0).length).toBeGreaterThan(10);
		expect(Math.max(...concurrency)).toBe(4);
	});

	it('runs one at a time when set to 1', async () => {
		const sbx = sandbox();
		sbx.injectFault({ count: 6, match: { method: 'GET', path: '/v2.0/api/documents/*' }, delayMs: 30 });
		const input = Array.from({ length: 6 }, () => ({ json: { id: sbx.demo.documentIds.completed } }));
		const running = tracked(runEformsign(credentialsHelperFor(credentialData(sbx)), getById({ requestOptions: { parallelRequests: 1 } }), input));
		await releaseHeldReads(sbx, running, 6, 1);
		const result = await running.work;
		expect(result.items).toHaveLength(6);
		expect(documentRequests(sbx).map((entry) => entry.inFlight)).toEqual([0, 0, 0, 0, 0, 0]);
	});

	it('stops at the first failing item like a one-by-one run, naming that item', async () => {
		const sbx = sandbox();
		const good = sbx.demo.documentIds.completed;
		const input = [good, good, '0123456789abcdef0123456789abcdef', good, good, good, good, good].map((id) => ({ json: { id } }));
		const result = await runEformsign(credentialsHelperFor(credentialData(sbx)), getById({ requestOptions: { parallelRequests: 3 } }), input);
		expect(result.error?.message).toMatch(/4000004/);
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(2);
		expect(sbx.count('GET', `/v2.0/api/documents/${good}`)).toBeLessThan(7);
	});

	it('gives every item its own result with Continue On Fail', async () => {
		const sbx = sandbox();
		const good = sbx.demo.documentIds.completed;
		const input = [good, 'ffffffffffffffffffffffffffffffff', good, '../x', good].map((id) => ({ json: { id } }));
		const result = await runEformsign(credentialsHelperFor(credentialData(sbx)), getById(), input, { continueOnFail: true });
		expect(result.items.map((item) => (item.json.id ? 'ok' : String(item.json.code ?? 'refused')))).toEqual(['ok', '4000004', 'ok', 'refused', 'ok']);
	});
});
