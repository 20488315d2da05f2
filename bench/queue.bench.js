// The real host's speed (`npm run bench -- --queue`): signed eformsign deliveries per second, end
// to end (webhook answered, execution queued, run on a worker, Document > Get done, saved), through
// n8n's queue mode with 2 workers. The same deliveries through n8n's built-in Webhook node, same
// topology and run, give the trigger's cost; 1 worker against 2 gives what the second worker adds.
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

const DELIVERIES_PER_RUN = 120;
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

/** Sends every delivery (SENDERS at a time) and waits until each execution finished. */
async function timedRun(topology, workflowId, url, deliveries) {
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
	await waitFor(
		`${deliveries.length} executions of ${workflowId}`,
		async () => (await finishedCount(topology, workflowId)) >= before + deliveries.length,
		{ timeoutMs: 300_000, intervalMs: 100 },
	);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const failed = await failedCount(topology, workflowId);
	if (failed > 0) throw new Error(`${failed} executions of ${workflowId} failed`);
	return deliveries.length / seconds;
}

async function queueBenchmark(log = (line) => process.stdout.write(`${line}\n`)) {
	const processes = new ProcessGroup();
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-eformsign-queue-bench-'));
	const topology = new QueueTopology({
		runtime: await loadRuntime(),
		processes,
		workDir,
		userFolder: join(workDir, 'n8n-main'),
		workers: 2,
		// Workers log each execution at info level; the benchmark measures n8n, not its logging.
		logLevel: 'warn',
	});
	try {
		const tarball = await buildAndPack(join(workDir, 'pack'));
		await installIntoUserFolder(tarball, topology.userFolder);
		await compileSandbox();
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
		log(`queue mode up: ${JSON.stringify(topology.timings)}`);

		const total = 2 * WARM_UP + 3 * DELIVERIES_PER_RUN;
		const all = await signedDeliveries(sandbox, total, await freePort());
		const take = (count) => all.splice(0, count);
		const trigger = [WORKFLOW_ID.trigger, triggerWebhookUrl(main.url)];
		const builtin = [WORKFLOW_ID.builtinWebhook, builtinWebhookUrl(main.url)];

		// The first executions issue the token and warm both workers up.
		await timedRun(topology, ...trigger, take(WARM_UP));
		await timedRun(topology, ...builtin, take(WARM_UP));

		const triggerRate = await timedRun(topology, ...trigger, take(DELIVERIES_PER_RUN));
		log(`eformsign Trigger, 2 workers: ${triggerRate.toFixed(1)} deliveries/s`);
		const builtinRate = await timedRun(topology, ...builtin, take(DELIVERIES_PER_RUN));
		log(`built-in Webhook, 2 workers: ${builtinRate.toFixed(1)} deliveries/s`);
		await topology.stopWorkers([topology.workers[1]]);
		const oneWorkerRate = await timedRun(topology, ...trigger, take(DELIVERIES_PER_RUN));
		log(`eformsign Trigger, 1 worker: ${oneWorkerRate.toFixed(1)} deliveries/s`);

		const round = (value, digits) => Number(value.toFixed(digits));
		return {
			queue_webhooks_per_second: round(triggerRate, 1),
			queue_builtin_webhooks_per_second: round(builtinRate, 1),
			queue_trigger_ratio_vs_builtin_webhook: round(triggerRate / builtinRate, 2),
			queue_one_worker_webhooks_per_second: round(oneWorkerRate, 1),
			queue_two_workers_vs_one: round(triggerRate / oneWorkerRate, 2),
			queue_deliveries_per_run: DELIVERIES_PER_RUN,
		};
	} finally {
		await topology.stop();
		rmSync(workDir, { recursive: true, force: true });
	}
}

module.exports = { queueBenchmark };
