import { forgetAllSessions } from '../nodes/shared/token';
import type { Sandbox } from '../sandbox';
import { credentialData, credentialsHelperFor, runEformsign } from '../test/harness/eformsign';
import { round, seconds } from './measure';

/** 1,000 Document Get items through the node and n8n's engine, against a plain fetch loop. */
export async function overheadBenchmark(sandbox: Sandbox, quick: boolean) {
	const items = quick ? 200 : 1000;
	const documentId = sandbox.demo.documentIds.completed;
	sandbox.reset();
	forgetAllSessions();
	const helper = credentialsHelperFor(credentialData(sandbox));
	const parameters = {
		resource: 'document',
		operation: 'get',
		documentId: { __rl: true, mode: 'id', value: documentId },
		simplify: true,
	};
	const input = Array.from({ length: items }, () => ({ json: {} }));
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
	let nodeSeconds = 0;
	let rawSeconds = 0;
	for (let round = 0; round < rounds; round++) {
		nodeSeconds += await seconds(async () => {
			const result = await runEformsign(helper, parameters, input);
			if (result.error || result.items.length !== items) throw new Error(`node run failed: ${result.error?.message}`);
		});
		rawSeconds += await seconds(async () => await rawLoop(items));
	}
	return {
		overhead_items: items,
		overhead_node_seconds: round(nodeSeconds / rounds, 3),
		overhead_raw_fetch_seconds: round(rawSeconds / rounds, 3),
		overhead_ratio_vs_raw_fetch: round(nodeSeconds / rawSeconds, 2),
	};
}
