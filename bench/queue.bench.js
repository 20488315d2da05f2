// The real host's speed (`npm run bench -- --queue`): signed eformsign deliveries per second, end
// to end (webhook answered, execution queued, run on a worker, Document > Get done, saved), through
// n8n's queue mode with 2 workers, and the CPU each part of the fleet spent per delivery. The same
// deliveries through n8n's built-in Webhook node, same topology, run and settings, give the
// trigger's cost; 1 worker against 2 gives what the second worker adds. One topology, restarted
// with each n8n setting in turn (see measure). Plain JavaScript: it drives processes through
// scripts/lib, like the queue suite.
const { mkdtempSync, rmSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');

const { demoCredentials } = require('../scripts/lib/demo');
const { buildAndPack, installIntoUserFolder, loadRuntime } = require('../scripts/lib/package');
const { cpuMeter } = require('../scripts/lib/cpu');
const { ProcessGroup, freePort, waitFor } = require('../scripts/lib/processes');
const { QueueTopology } = require('../scripts/lib/queue');
const {
	HEADER_AUTH,
	WORKFLOW_ID,
	builtinWebhookUrl,
	builtinWebhookWorkflow,
	deliverUntilTaken,
	headerAuthCredential,
	signedDeliveries,
	triggerWebhookUrl,
	triggerWorkflow,
} = require('../scripts/lib/queueWorkflows');
const { SandboxProcess, compileSandbox } = require('../scripts/lib/sandbox');

const DELIVERIES_PER_RUN = 120;
const WARM_UP = 5;
// Like a busy eformsign account: many deliveries in flight, not an unbounded burst.
const SENDERS = 16;
const SETTINGS = {
	// n8n's Webhook node takes an expression isolate per request like every other webhook node.
	fair: { N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP: 'false' },
	// An isolate only once an expression reaches the engine.
	lazy: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
};

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

/** CPU ms each part of the fleet used while a run's deliveries were answered and executed. */
const CPU_ROLES = ['main', 'workers', 'postgres', 'redis', 'sandbox'];
function fleetRoles(topology, sandbox) {
	return {
		main: [topology.main.server],
		workers: topology.workers.map((worker) => worker.server),
		postgres: [topology.postgres.handle],
		redis: [topology.redis.handle],
		sandbox: [sandbox.handle],
	};
}

/**
 * Sends every delivery (SENDERS at a time) and waits until each execution finished; returns
 * deliveries per second and the CPU ms per delivery of each part of the fleet, and logs how much
 * of the time went into n8n answering the webhooks.
 */
async function timedRun(fleet, [workflowId, url, headers], deliveries, log = () => undefined) {
	const { topology } = fleet;
	const before = await finishedCount(topology, workflowId);
	const meter = cpuMeter(fleetRoles(topology, fleet.sandbox));
	const started = process.hrtime.bigint();
	let refused = 0;
	const queue = [...deliveries];
	await Promise.all(
		Array.from({ length: SENDERS }, async () => {
			for (let next = queue.shift(); next; next = queue.shift()) {
				refused += await deliverUntilTaken(url, next, headers);
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
	const cpu = Object.fromEntries(
		Object.entries(meter.read()).map(([role, ms]) => [role, ms / deliveries.length]),
	);
	log(
		`  ${workflowId}: ${deliveries.length} answered after ${(Number(answered - started) / 1e9).toFixed(1)} s, all executed after ${seconds.toFixed(1)} s; CPU ms per delivery: ${CPU_ROLES.map((role) => `${role} ${cpu[role].toFixed(1)}`).join(', ')}${refused ? ` (${refused} answers 503 "Database is not ready!" first, sent again)` : ''}`,
	);
	const failed = await failedCount(topology, workflowId);
	if (failed > 0) throw new Error(`${failed} executions of ${workflowId} failed`);
	return { rate: deliveries.length / seconds, cpu };
}

/** Warms a (re)started fleet up: the first executions take the token and load both workers. */
async function warmUp(fleet, targets, take) {
	for (const target of targets) await timedRun(fleet, target, take(WARM_UP));
}

/** Mean CPU ms per delivery of each part over several runs. */
function meanCpu(runs) {
	return Object.fromEntries(
		CPU_ROLES.map((role) => [
			role,
			runs.reduce((sum, run) => sum + run.cpu[role], 0) / runs.length,
		]),
	);
}

const best = (values) => Math.max(...values);
const list = (values) => values.map((value) => value.toFixed(1)).join(', ');

/**
 * The Trigger against n8n's Webhook node in both orders, best of two each: on a shared machine a
 * neighbour's burst must not decide the ratio.
 */
async function compare(run, trigger, builtin, log, label) {
	const triggerRuns = [await run(trigger)];
	const builtinRuns = [await run(builtin), await run(builtin)];
	triggerRuns.push(await run(trigger));
	const rates = (runs) => runs.map((result) => result.rate);
	log(
		`  ${label}: eformsign Trigger ${list(rates(triggerRuns))}/s; Webhook node ${list(rates(builtinRuns))}/s`,
	);
	return {
		trigger: best(rates(triggerRuns)),
		builtin: best(rates(builtinRuns)),
		triggerCpu: meanCpu(triggerRuns),
		builtinCpu: meanCpu(builtinRuns),
	};
}

/**
 * One topology (Postgres, Redis, main, 2 workers), restarted with each n8n setting in turn:
 * - fair: N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false, so n8n's Webhook node takes an
 *   expression isolate per request like every other webhook node, the Trigger included
 *   (n8n/dist/webhooks/live-webhooks.js, webhookPhaseNeedsIsolate); the ratio that counts. Also the
 *   Trigger at type version 1, and the Webhook node checking a Header Auth credential, which (like
 *   the Trigger's webhook credential) n8n resolves in an isolate of its own per read
 *   (n8n/dist/credentials-helper.js, applyDefaultsAndOverwrites);
 * - n8n's defaults (the Webhook node skips the isolate), also with the second worker stopped;
 * - N8N_EXPRESSION_ENGINE_POOL_SIZE 4 and 8 (default 1): isolates built ahead of requests;
 * - N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true: an isolate only for an expression that needs one.
 */
async function measure({ runtime, tarball, workDir, log }) {
	const processes = new ProcessGroup();
	const topology = new QueueTopology({
		runtime,
		processes,
		workDir,
		userFolder: join(workDir, 'n8n-main'),
		workers: 2,
		// Workers log each execution at info level; the benchmark measures n8n, not its logging.
		logLevel: 'warn',
		extraEnv: SETTINGS.fair,
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
		await main.importCredentials([
			...demoCredentials(sandbox.demo, sandbox.url),
			headerAuthCredential(),
		]);
		await main.importWorkflows([
			triggerWorkflow(),
			triggerWorkflow({ typeVersion: 1 }),
			builtinWebhookWorkflow(),
			builtinWebhookWorkflow({ headerAuth: true }),
		]);
		const ids = [
			WORKFLOW_ID.trigger,
			WORKFLOW_ID.triggerVersion1,
			WORKFLOW_ID.builtinWebhook,
			WORKFLOW_ID.builtinHeaderAuth,
		];
		for (const id of ids) await main.mustCli(['publish:workflow', `--id=${id}`]);
		await topology.startN8n();

		const all = await signedDeliveries(
			sandbox,
			10 * WARM_UP + 22 * DELIVERIES_PER_RUN,
			await freePort(),
		);
		const take = (count) => all.splice(0, count);
		const trigger = [WORKFLOW_ID.trigger, triggerWebhookUrl(main.url)];
		const triggerVersion1 = [WORKFLOW_ID.triggerVersion1, triggerWebhookUrl(main.url, 1)];
		const builtin = [WORKFLOW_ID.builtinWebhook, builtinWebhookUrl(main.url)];
		const builtinHeaderAuth = [
			WORKFLOW_ID.builtinHeaderAuth,
			builtinWebhookUrl(main.url, { headerAuth: true }),
			{ [HEADER_AUTH.header]: HEADER_AUTH.value },
		];
		const fleet = { topology, sandbox };
		const run = async (target) => await timedRun(fleet, target, take(DELIVERIES_PER_RUN), log);
		const twice = async (target) => [await run(target), await run(target)];
		const rates = (runs) => runs.map((result) => result.rate);
		const bestOf = async (label, target) => {
			const runs = await twice(target);
			log(`  ${label}: ${list(rates(runs))}/s`);
			return { rate: best(rates(runs)), cpu: meanCpu(runs) };
		};
		const withSettings = async (label, extraEnv, warmTargets) => {
			log(`  settings: ${label}`);
			await topology.restartN8nWith(extraEnv);
			await warmUp(fleet, warmTargets, take);
		};

		log('  settings: N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false (fair)');
		await warmUp(fleet, [trigger, builtin, triggerVersion1, builtinHeaderAuth], take);
		const fair = await compare(run, trigger, builtin, log, 'fair');
		const fairVersion1 = await bestOf('fair, eformsign Trigger at type version 1', triggerVersion1);
		const fairHeaderAuth = await bestOf('fair, Webhook node with Header Auth', builtinHeaderAuth);

		await withSettings("n8n's defaults", {}, [trigger, builtin]);
		const standard = await compare(run, trigger, builtin, log, 'defaults');
		await topology.stopWorkers([topology.workers[1]]);
		const oneWorker = await bestOf('defaults, eformsign Trigger on 1 worker', trigger);

		const pools = { 1: standard.trigger };
		for (const size of [4, 8]) {
			await withSettings(
				`N8N_EXPRESSION_ENGINE_POOL_SIZE=${size}`,
				{ N8N_EXPRESSION_ENGINE_POOL_SIZE: String(size) },
				[trigger],
			);
			pools[size] = (await bestOf(`pool ${size}, eformsign Trigger`, trigger)).rate;
		}

		await withSettings('N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', SETTINGS.lazy, [
			trigger,
			builtin,
		]);
		const lazy = await compare(run, trigger, builtin, log, 'lazy acquire');
		return {
			fair,
			fairVersion1,
			fairHeaderAuth,
			standard,
			oneWorker,
			pools,
			lazy,
		};
	} finally {
		await topology.stop();
	}
}

const round = (value, digits) => Number(value.toFixed(digits));

/** The parts of the fleet that do the work (the sandbox stands in for eformsign). */
function cpuKeys(prefix, cpu) {
	return Object.fromEntries(
		['main', 'workers', 'postgres'].map((role) => [`${prefix}${role}`, round(cpu[role], 1)]),
	);
}

function comparisonKeys(prefix, rates) {
	return {
		[`${prefix}webhooks_per_second`]: round(rates.trigger, 1),
		[`${prefix}builtin_webhooks_per_second`]: round(rates.builtin, 1),
		[`${prefix}trigger_ratio_vs_builtin_webhook`]: round(rates.trigger / rates.builtin, 2),
	};
}

const loadAverage = () =>
	loadavg()
		.map((value) => value.toFixed(1))
		.join(' ');

/** `npm run bench -- --queue`: every figure from one topology, one setting after the other. */
async function queueBenchmark(log = (line) => process.stdout.write(`${line}\n`)) {
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-eformsign-queue-bench-'));
	// Ctrl+C or a kill: exit, so the process group's exit handler kills every server it started.
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
		process.once(signal, () => process.exit(130));
	process.once('exit', () => rmSync(workDir, { recursive: true, force: true }));
	try {
		const runtime = await loadRuntime();
		const tarball = await buildAndPack(join(workDir, 'pack'));
		await compileSandbox();
		const loadBefore = loadAverage();
		log(`queue mode (load average before: ${loadBefore}):`);
		const m = await measure({ runtime, tarball, workDir, log });
		const loadAfter = loadAverage();
		log(`load average after: ${loadAfter}`);
		return {
			queue_fair_webhooks_per_second: round(m.fair.trigger, 1),
			// The fair peer pays what the Trigger pays per request: an expression isolate and the read
			// of an n8n credential (docs/scaling.md, "Figures measured").
			queue_fair_builtin_webhooks_per_second: round(m.fairHeaderAuth.rate, 1),
			queue_trigger_ratio_vs_fair_builtin: round(m.fair.trigger / m.fairHeaderAuth.rate, 2),
			queue_fair_trigger_version_1_webhooks_per_second: round(m.fairVersion1.rate, 1),
			queue_fair_trigger_version_1_ratio_vs_fair_builtin: round(
				m.fairVersion1.rate / m.fairHeaderAuth.rate,
				2,
			),
			queue_builtin_without_credential_webhooks_per_second: round(m.fair.builtin, 1),
			queue_trigger_ratio_vs_builtin_without_credential: round(m.fair.trigger / m.fair.builtin, 2),
			...cpuKeys('queue_fair_cpu_ms_per_delivery_trigger_', m.fair.triggerCpu),
			...cpuKeys('queue_fair_cpu_ms_per_delivery_trigger_version_1_', m.fairVersion1.cpu),
			...cpuKeys('queue_fair_cpu_ms_per_delivery_builtin_without_credential_', m.fair.builtinCpu),
			...cpuKeys('queue_fair_cpu_ms_per_delivery_builtin_', m.fairHeaderAuth.cpu),
			...comparisonKeys('queue_', m.standard),
			queue_one_worker_webhooks_per_second: round(m.oneWorker.rate, 1),
			queue_two_workers_vs_one: round(m.standard.trigger / m.oneWorker.rate, 2),
			queue_pool_size_1_webhooks_per_second: round(m.pools[1], 1),
			queue_pool_size_4_webhooks_per_second: round(m.pools[4], 1),
			queue_pool_size_8_webhooks_per_second: round(m.pools[8], 1),
			...comparisonKeys('queue_lazy_acquire_', m.lazy),
			...cpuKeys('queue_lazy_acquire_cpu_ms_per_delivery_trigger_', m.lazy.triggerCpu),
			...cpuKeys('queue_lazy_acquire_cpu_ms_per_delivery_builtin_', m.lazy.builtinCpu),
			queue_deliveries_per_run: DELIVERIES_PER_RUN,
			queue_load_average_before: Number(loadBefore.split(' ')[0]),
			queue_load_average_after: Number(loadAfter.split(' ')[0]),
		};
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
}

module.exports = { queueBenchmark };
