// The real host's speed (`npm run bench -- --queue`): signed eformsign deliveries per second, end
// to end (webhook answered, execution queued, run on a worker, Document > Get done, saved), through
// n8n's queue mode with 2 workers. The same deliveries through n8n's built-in Webhook node, same
// topology and run, give the trigger's cost; 1 worker against 2 gives what the second worker adds.
// Runs twice: with n8n's defaults, and with the legacy expression engine (see queueBenchmark).
// Plain JavaScript: it drives processes through scripts/lib, like the queue suite.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { demoCredentials } = require('../scripts/lib/demo');
const { buildAndPack, installIntoUserFolder, loadRuntime } = require('../scripts/lib/package');
const { ProcessGroup, freePort, waitFor } = require('../scripts/lib/processes');
const { QueueTopology } = require('../scripts/lib/queue');
const {
	WORKFLOW_ID,
	builtinWebhookUrl,
	builtinWebhookWorkflow,
	deliver,
	signedDeliveries,
	triggerWebhookUrl,
	triggerWorkflow,
} = require('../scripts/lib/queueWorkflows');
const { SandboxProcess, compileSandbox } = require('../scripts/lib/sandbox');

// Each run should last seconds, not a blink: the legacy engine is several times faster.
const DELIVERIES_PER_RUN = { default: 120, legacy: 360 };
const WARM_UP = 5;
// Like a busy eformsign account: many deliveries in flight, not an unbounded burst.
const SENDERS = 16;

async function finishedCount(topology, workflowId) {
	return Number(
		await topology.postgres.mustPsql(
			`select count(*) from execution_entity where "workflowId" = '${workflowId}' and status not in ('new', 'running', 'waiting')`,
		),
	);
}

async function failedCount(topology, workflowId) {
	return Number(
		await topology.postgres.mustPsql(
			`select count(*) from execution_entity where "workflowId" = '${workflowId}' and status <> 'success'`,
		),
	);
}

/**
 * Sends every delivery (SENDERS at a time) and waits until each execution finished; returns
 * deliveries per second, and logs how much of the time went into n8n answering the webhooks.
 */
async function timedRun(topology, workflowId, url, deliveries, log = () => undefined) {
	const before = await finishedCount(topology, workflowId);
	const started = process.hrtime.bigint();
	const queue = [...deliveries];
	await Promise.all(
		Array.from({ length: SENDERS }, async () => {
			for (let next = queue.shift(); next; next = queue.shift()) {
				const status = await deliver(url, next);
				if (status !== 200) throw new Error(`${url} answered ${status}`);
			}
		}),
	);
	const answered = process.hrtime.bigint();
	await waitFor(
		`${deliveries.length} executions of ${workflowId}`,
		async () => (await finishedCount(topology, workflowId)) >= before + deliveries.length,
		{ timeoutMs: 300_000, intervalMs: 100 },
	);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	log(
		`  ${workflowId}: ${deliveries.length} answered after ${(Number(answered - started) / 1e9).toFixed(1)} s, all executed after ${seconds.toFixed(1)} s`,
	);
	const failed = await failedCount(topology, workflowId);
	if (failed > 0) throw new Error(`${failed} executions of ${workflowId} failed`);
	return deliveries.length / seconds;
}

/**
 * One topology (n8n settings `extraEnv` on every process): the Trigger and the built-in Webhook in
 * both orders with 2 workers, then the Trigger with the second worker stopped; best of two each.
 */
async function measure({ runtime, tarball, workDir, extraEnv, perRun, log }) {
	const processes = new ProcessGroup();
	const topology = new QueueTopology({
		runtime,
		processes,
		workDir,
		userFolder: join(workDir, 'n8n-main'),
		workers: 2,
		// Workers log each execution at info level; the benchmark measures n8n, not its logging.
		logLevel: 'warn',
		extraEnv,
	});
	try {
		await installIntoUserFolder(tarball, topology.userFolder);
		const sandbox = new SandboxProcess({
			processes,
			port: await freePort(),
			logFile: join(workDir, 'logs', 'sandbox.log'),
		});
		await sandbox.start();
		await topology.prepare(log);
		const { main } = topology;
		await main.importCredentials(demoCredentials(sandbox.demo, sandbox.url));
		await main.importWorkflows([triggerWorkflow(), builtinWebhookWorkflow()]);
		for (const id of Object.values(WORKFLOW_ID))
			await main.mustCli(['publish:workflow', `--id=${id}`]);
		await topology.startN8n();

		const all = await signedDeliveries(sandbox, 2 * WARM_UP + 6 * perRun, await freePort());
		const take = (count) => all.splice(0, count);
		const trigger = [WORKFLOW_ID.trigger, triggerWebhookUrl(main.url)];
		const builtin = [WORKFLOW_ID.builtinWebhook, builtinWebhookUrl(main.url)];

		// The first executions issue the token and warm both workers up.
		await timedRun(topology, ...trigger, take(WARM_UP));
		await timedRun(topology, ...builtin, take(WARM_UP));

		// Both orders, best of two: on a shared machine a neighbour's burst must not decide the ratio.
		const run = async (target) => await timedRun(topology, ...target, take(perRun), log);
		const triggerRates = [await run(trigger)];
		const builtinRates = [await run(builtin), await run(builtin)];
		triggerRates.push(await run(trigger));
		await topology.stopWorkers([topology.workers[1]]);
		const oneWorkerRates = [await run(trigger), await run(trigger)];
		const rates = {
			trigger: Math.max(...triggerRates),
			builtin: Math.max(...builtinRates),
			oneWorker: Math.max(...oneWorkerRates),
		};
		const list = (values) => values.map((value) => value.toFixed(1)).join(', ');
		log(
			`  eformsign Trigger ${list(triggerRates)}/s; built-in Webhook ${list(builtinRates)}/s; Trigger on 1 worker ${list(oneWorkerRates)}/s`,
		);
		return rates;
	} finally {
		await topology.stop();
	}
}

const round = (value, digits) => Number(value.toFixed(digits));

function keys(prefix, rates) {
	return {
		[`${prefix}webhooks_per_second`]: round(rates.trigger, 1),
		[`${prefix}builtin_webhooks_per_second`]: round(rates.builtin, 1),
		[`${prefix}trigger_ratio_vs_builtin_webhook`]: round(rates.trigger / rates.builtin, 2),
		[`${prefix}one_worker_webhooks_per_second`]: round(rates.oneWorker, 1),
		[`${prefix}two_workers_vs_one`]: round(rates.trigger / rates.oneWorker, 2),
	};
}

/**
 * n8n's defaults first. Then the same with N8N_EXPRESSION_ENGINE=legacy: with its default "vm"
 * expression engine, n8n 2.41 takes an expression isolate for every webhook request except those
 * of its own Webhook node (n8n/dist/webhooks/live-webhooks.js, webhookPhaseNeedsIsolate), and a
 * released isolate is thrown away and rebuilt (@n8n/expression-runtime/dist/cjs/pool/isolate-pool.js,
 * release). The second run shows what that costs every community trigger, this one included.
 */
async function queueBenchmark(log = (line) => process.stdout.write(`${line}\n`)) {
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-eformsign-queue-bench-'));
	try {
		const runtime = await loadRuntime();
		const tarball = await buildAndPack(join(workDir, 'pack'));
		await compileSandbox();
		log('queue mode, n8n defaults (expression engine "vm"):');
		const standard = await measure({
			runtime,
			tarball,
			workDir: join(workDir, 'default'),
			extraEnv: {},
			perRun: DELIVERIES_PER_RUN.default,
			log,
		});
		log('queue mode, N8N_EXPRESSION_ENGINE=legacy:');
		const legacy = await measure({
			runtime,
			tarball,
			workDir: join(workDir, 'legacy'),
			extraEnv: { N8N_EXPRESSION_ENGINE: 'legacy' },
			perRun: DELIVERIES_PER_RUN.legacy,
			log,
		});
		return {
			...keys('queue_', standard),
			...keys('queue_legacy_engine_', legacy),
			queue_deliveries_per_run: DELIVERIES_PER_RUN.default,
			queue_legacy_engine_deliveries_per_run: DELIVERIES_PER_RUN.legacy,
		};
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
}

module.exports = { queueBenchmark };
