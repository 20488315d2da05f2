/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
import './env';

import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../sandbox';
import { downloadBenchmark } from './download.bench';
import { overheadBenchmark } from './overhead.bench';
import { pagingBenchmark } from './paging.bench';
import { signerBenchmark } from './signer.bench';
import { tokenBenchmark } from './tokens.bench';
import { webhookBenchmark } from './webhook.bench';

type Results = Record<string, number>;

/** Targets from the benchmark issue. Quick mode (CI) checks only the signer, tokens and paging. */
const TARGETS: Array<{ metric: string; check: (value: number, all: Results) => boolean; text: string; quick: boolean }> = [
	{ metric: 'signer_speedup_vs_jsrsasign', check: (v) => v >= 20, text: '>= 20', quick: true },
	{ metric: 'token_issuances_per_10_executions', check: (v) => v === 1, text: '= 1', quick: true },
	{ metric: 'list_10000_requests', check: (v, all) => v === all.list_10000_expected_requests, text: '= ceil(10000 / 1000) = 10', quick: true },
	{ metric: 'overhead_ratio_vs_raw_fetch', check: (v) => v <= 1.5, text: '<= 1.5', quick: false },
	{ metric: 'download_100mb_peak_rss_ratio', check: (v) => v <= 0.25, text: '<= 0.25', quick: false },
	{ metric: 'download_many_100mb_peak_rss_ratio', check: (v) => v <= 0.25, text: '<= 0.25', quick: false },
	{ metric: 'queue_trigger_ratio_vs_builtin_webhook', check: (v) => v >= 0.9, text: '>= 0.9', quick: false },
];

const RESULTS_FILE = join(__dirname, '..', '..', 'bench', 'results.json');

/**
 * `--queue`: only the real n8n in queue mode (bench/queue.bench.js, minutes, needs the cached n8n,
 * Postgres and Redis); its keys are merged into bench/results.json next to the others.
 */
async function queueOnly(): Promise<Results> {
	// Plain JavaScript next to this file's source, not compiled into .build/.
	const { queueBenchmark } = (await import(join(__dirname, '..', '..', 'bench', 'queue.bench.js'))) as {
		queueBenchmark: () => Promise<Results>;
	};
	const results = await queueBenchmark();
	writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...previousResults(), ...results }, null, '\t')}\n`);
	return results;
}

function previousResults(): Results {
	try {
		return JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Results;
	} catch {
		return {};
	}
}

/** A full run replaces the file but keeps the queue keys, which only `--queue` measures. */
function queueKeysOf(results: Results): Results {
	return Object.fromEntries(Object.entries(results).filter(([key]) => key.startsWith('queue_')));
}

async function main() {
	const quick = process.argv.includes('--quick');
	const queue = process.argv.includes('--queue');
	const results: Results = {};
	const sandbox = await startSandbox();
	try {
		if (queue) Object.assign(results, await queueOnly());
		const steps: Array<[string, () => Promise<Results>]> = queue ? [] : [
			['signer', async () => await signerBenchmark(quick)],
			['tokens', async () => await tokenBenchmark(sandbox)],
			['paging', async () => await pagingBenchmark(sandbox)],
		];
		if (!quick && !queue) {
			steps.push(
				['overhead', async () => await overheadBenchmark(quick)],
				['download', async () => await downloadBenchmark()],
				['webhook', async () => await webhookBenchmark(quick)],
			);
		}
		for (const [name, step] of steps) {
			process.stdout.write(`running ${name}…\n`);
			Object.assign(results, await step());
		}
	} finally {
		await sandbox.close();
	}

	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
	console.log(`\nResults (${quick ? 'quick' : 'full'} run on ${machine})\n`);
	console.log('| metric | value | target |');
	console.log('|---|---|---|');
	for (const [key, value] of Object.entries(results)) {
		const target = TARGETS.find((t) => t.metric === key);
		console.log(`| ${key} | ${value} | ${target?.text ?? ''} |`);
	}
	if (!quick && !queue) {
		const merged = { ...queueKeysOf(previousResults()), ...results };
		writeFileSync(RESULTS_FILE, `${JSON.stringify(merged, null, '\t')}\n`);
	}

	const failures = TARGETS.filter((t) => (!quick || t.quick) && t.metric in results && !t.check(results[t.metric], results));
	for (const failure of failures) console.log(`target missed: ${failure.metric} = ${results[failure.metric]} (target ${failure.text})`);
	const checked = TARGETS.filter((t) => (!quick || t.quick) && t.metric in results).length;
	console.log(`\n${checked - failures.length} passed, ${failures.length} failed`);
	process.exit(failures.length > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
	console.error(error);
	console.log('\n0 passed, 1 failed');
	process.exit(1);
});
