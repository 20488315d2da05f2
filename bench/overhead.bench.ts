import { forgetAllSessions } from '../nodes/shared/session';
import { credentialsHelperFor, runEformsign } from '../test/harness/eformsign';
import { round, seconds } from './measure';
import { startSandboxProcess } from './sandboxProcess';

/**
 * 1,000 Document Get items through the node and n8n's engine, against the same 1,000 requests from a
 * plain fetch loop with a pre-issued token. The sandbox runs in its own process, like a remote
 * eformsign, so the node's parallel reads can overlap with the server's work as they would in use.
 */
export async function overheadBenchmark(quick: boolean) {
	const items = quick ? 200 : 1000;
	const sandbox = await startSandboxProcess();
	try {
		forgetAllSessions();
		const documentId = sandbox.demo.documentIds.completed;
		const helper = credentialsHelperFor({
			tokenHostUrl: sandbox.url,
			apiKey: sandbox.demo.signature.apiKey,
			verificationType: 'signature',
			privateKey: sandbox.demo.signature.privateKeyHex,
			memberId: sandbox.demo.memberId,
			session: '',
		});
		const parameters = {
			resource: 'document',
			operation: 'get',
			documentId: { __rl: true, mode: 'id', value: documentId },
			simplify: true,
		};
		const sequential = { ...parameters, requestOptions: { parallelRequests: 1 } };
		const input = Array.from({ length: items }, () => ({ json: {} }));
		const runNode = async (settings: typeof parameters) => {
			const result = await runEformsign(helper, settings, input);
			if (result.error || result.items.length !== items) throw new Error(`node run failed: ${result.error?.message}`);
		};
		// Warm both paths (token, JIT, sockets) before timing.
		await runEformsign(helper, parameters, input.slice(0, 20));
		const token = JSON.parse(String(helper.store.eformsignApi.session)).accessToken as string;
		const rawLoop = async (count: number) => {
			for (let i = 0; i < count; i++) {
				const response = await fetch(`${sandbox.url}/v2.0/api/documents/${documentId}`, {
					headers: { Authorization: `Bearer ${token}` },
				});
				await response.json();
			}
		};
		await rawLoop(20);

		const rounds = quick ? 1 : 3;
		let defaultSeconds = 0;
		let sequentialSeconds = 0;
		let rawSeconds = 0;
		for (let round = 0; round < rounds; round++) {
			defaultSeconds += await seconds(async () => await runNode(parameters));
			sequentialSeconds += await seconds(async () => await runNode(sequential));
			rawSeconds += await seconds(async () => await rawLoop(items));
		}
		// What parallel reads buy where it matters: eformsign answers from 20 ms away or more.
		const latencyItems = quick ? 40 : 200;
		const latencyInput = input.slice(0, latencyItems);
		const withLatency = async (settings: typeof parameters) => {
			await sandbox.control('faults', { count: latencyItems, match: { method: 'GET', path: '/v2.0/api/documents/*' }, delayMs: 20 });
			return await seconds(async () => {
				const result = await runEformsign(helper, settings, latencyInput);
				if (result.error) throw new Error(`node run failed: ${result.error.message}`);
			});
		};
		const sequentialAtLatency = await withLatency(sequential);
		const parallelAtLatency = await withLatency(parameters);
		return {
			overhead_items: items,
			overhead_node_seconds: round(defaultSeconds / rounds, 3),
			overhead_node_sequential_seconds: round(sequentialSeconds / rounds, 3),
			overhead_raw_fetch_seconds: round(rawSeconds / rounds, 3),
			// Default settings: reads run 4 items at a time (Request Options > Parallel Requests).
			overhead_ratio_vs_raw_fetch: round(defaultSeconds / rawSeconds, 2),
			// One item at a time like the fetch loop; n8n opens a connection per request, fetch keeps one.
			overhead_ratio_sequential_vs_raw_fetch: round(sequentialSeconds / rawSeconds, 2),
			concurrent_speedup_vs_sequential_no_latency: round(sequentialSeconds / defaultSeconds, 2),
			concurrent_speedup_vs_sequential: round(sequentialAtLatency / parallelAtLatency, 2),
		};
	} finally {
		sandbox.stop();
	}
}
