/* eslint-disable no-console */
import type { RequestLogEntry } from '../../sandbox';
import { useTestClock } from '../harness/clock';
import { credentialData, credentialsHelperFor, runEformsign, useSandbox } from '../harness/eformsign';
import { tracked, until } from '../harness/wait';

const sandbox = useSandbox();

const ITEMS = 2000;
// Only a guard against a hang, not a time limit: with two test runs on a loaded 2-core machine,
// 2,000 items took more than two minutes.
const HANG_GUARD_MS = 900_000;
const UNKNOWN_ID = '0123456789abcdef0123456789abcdef';

function getById() {
	return {
		resource: 'document',
		operation: 'get',
		documentId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		simplify: true,
	};
}

it('2,000 items with 10% transient faults: exactly one output item per input item, nothing doubled', async () => {
	const sbx = sandbox();
	const documentId = sbx.demo.documentIds.completed;
	const read = { method: 'GET', path: '/v2.0/api/documents/*' };
	sbx.injectFault({ match: read, rate: 0.06, count: ITEMS, status: 503, code: '5000002', retryAfter: 0 });
	sbx.injectFault({ match: read, rate: 0.03, count: ITEMS, status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html', retryAfter: 0 });
	sbx.injectFault({ match: read, rate: 0.01, count: ITEMS, drop: true });
	// Some inputs are wrong on purpose: an unknown document, and an ID that would change the path.
	const input = Array.from({ length: ITEMS }, (_, index) => ({
		json: { id: index % 100 === 7 ? UNKNOWN_ID : index % 250 === 11 ? '../members' : documentId },
	}));

	const result = await runEformsign(credentialsHelperFor(credentialData(sbx)), getById(), input, { continueOnFail: true });

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(ITEMS);
	expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(input.map((_, index) => index));

	const counts = { ok: 0, unknownDocument: 0, invalidId: 0, transientGaveUp: 0 };
	result.items.forEach((item, index) => {
		const wanted = input[index].json.id;
		if (wanted === documentId) {
			if (item.json.id === documentId) counts.ok++;
			else {
				// Four faults in a row on one item: allowed, but it must say why.
				expect(item.json.error).toMatch(/^eformsign: /);
				counts.transientGaveUp++;
			}
		} else if (wanted === UNKNOWN_ID) {
			expect(item.json).toMatchObject({ code: '4000004', error: expect.stringMatching(/does not exist/) });
			counts.unknownDocument++;
		} else {
			expect(item.json.error).toMatch(/is not a valid ID/);
			counts.invalidId++;
		}
	});
	const answered = sbx.log.filter((entry) => entry.path.startsWith('/v2.0/api/documents/'));
	const faulted = answered.filter((entry) => entry.status !== 200 && entry.code !== '4000004').length;
	console.log(
		`soak: ${ITEMS} items → ${result.items.length} outputs (${counts.ok} documents, ${counts.unknownDocument} unknown-document errors, ${counts.invalidId} invalid-ID errors, ${counts.transientGaveUp} gave up after retries); ${answered.length} requests, ${faulted} of them faulted`,
	);
	expect(counts.unknownDocument).toBe(20);
	expect(counts.invalidId).toBe(8);
	expect(counts.ok + counts.transientGaveUp).toBe(ITEMS - 28);
	expect(faulted).toBeGreaterThan(ITEMS * 0.05);
	expect(sbx.tokenIssuances()).toBe(1);
}, HANG_GUARD_MS);

describe('a token that expires in the middle of a run', () => {
	// eformsign holds four reads on a clock that moves only when the test moves it.
	const clock = useTestClock();

	it('is refreshed once for the four reads it refused at once, and no item of 500 is lost', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const path = `/v2.0/api/documents/${documentId}`;
		const reads = () => sbx.log.filter((entry) => entry.path === path);
		// From the 247th read on, eformsign holds four reads: all that Parallel Requests (default 4)
		// lets be on their way. As the 250th arrives, it expires the access token, so each of the
		// four is refused once the clock lets them through.
		let expiredOn: RequestLogEntry | undefined;
		const stopListening = sbx.onRequest((entry) => {
			if (entry.path !== path) return;
			const count = sbx.count('GET', path);
			if (count === 247) sbx.injectFault({ count: 4, match: { method: 'GET', path }, delayMs: 1000 });
			if (count === 250) {
				expiredOn = entry;
				sbx.expireTokens('access');
			}
		});
		try {
			const running = tracked(
				runEformsign(
					credentialsHelperFor(credentialData(sbx)),
					getById(),
					Array.from({ length: 500 }, () => ({ json: { id: documentId } })),
				),
			);
			const progress = () => sbx.log.length;
			await until(
				() => running.done() || reads().filter((entry) => entry.status === 0).length === 4,
				'reads 247 to 250 to be held by eformsign at once',
				{ progress },
			);
			await clock().advance(1000);
			const result = await clock().finishRun(running.work, 'the 500 items', progress);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(500);
			expect(result.items.every((item) => item.json.id === documentId)).toBe(true);
		} finally {
			stopListening();
		}
		expect(expiredOn).toBe(reads()[249]);
		expect(reads().slice(246, 250).map((entry) => entry.status)).toEqual([401, 401, 401, 401]);
		expect(sbx.log.filter((entry) => entry.path === '/v2.0/api_auth/refresh_token').map((entry) => entry.status)).toEqual([200]);
		// The four refused reads were sent again with the one new token; every item was read once with success.
		expect(reads().filter((entry) => entry.status === 401)).toHaveLength(4);
		expect(reads().filter((entry) => entry.status === 200)).toHaveLength(500);
		expect(sbx.tokenIssuances()).toBe(1);
	}, HANG_GUARD_MS);
});
