#!/usr/bin/env node
// `npm run test:queue`: the packed package in n8n's queue mode (a main process, 2 `n8n worker`
// processes and one `n8n webhook` process on a private Postgres and Redis), fed by the sandbox's
// signed webhooks. Prints the "queue mode: …", "webhook process: …" and "worker killed …" lines,
// then "N passed, N failed", and exits non-zero on failure. Every process it starts stops at the
// end, on Ctrl+C, on a failed step, on the time limit and if its parent dies.
//   --n8n <version>  another n8n line (1.123.81 runs on Node 22; test/e2e/lines.js)
//   --only <part>    run one part after the set-up: fleet, webhook-process or worker-kill
//   --keep           keep the temp folder (user folders, logs of every process)
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { demoCredentials } = require('../../scripts/lib/demo');
const { buildAndPack, installIntoUserFolder, loadRuntime } = require('../../scripts/lib/package');
const { ProcessGroup, freePort, watchParent } = require('../../scripts/lib/processes');
const { QueueTopology } = require('../../scripts/lib/queue');
const {
	WORKFLOW_ID,
	createOnWebhookWorkflow,
	signedDeliveries,
	triggerWebhookUrl,
	triggerWorkflow,
} = require('../../scripts/lib/queueWorkflows');
const { SandboxProcess, compileSandbox } = require('../../scripts/lib/sandbox');
const { blocked, summary, suite, test } = require('./harness');
const { chooseLine } = require('./lines');
const { queueSuite, summaryLine } = require('./queue.e2e');
const { unavailableServicesSuite } = require('./queueServices.e2e');
const { webhookProcessLine, webhookProcessSuite } = require('./queueWebhookProcess.e2e');
const { workerKillSuite } = require('./queueWorkerKill.e2e');

const args = new Set(process.argv.slice(2));
const line = chooseLine(process.argv.slice(2));
const PARTS = ['fleet', 'webhook-process', 'worker-kill'];
const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag >= 0 ? process.argv[onlyFlag + 1] : undefined;
if (only !== undefined && !PARTS.includes(only)) {
	process.stderr.write(`--only wants one of ${PARTS.join(', ')}, not "${only}"\n`);
	process.exit(2);
}
const runs = (part) => only === undefined || only === part;
const started = Date.now();
// A safety net, not a budget (each wait inside says what it waited for): on a busy machine n8n's
// processes take minutes to start, and each worker kill waits for n8n to find the stalled job.
const WHOLE_RUN_LIMIT_MS = 30 * 60 * 1000;
// How soon Bull finds a killed worker's job: its lock must run out, then the next stalled check
// runs. n8n's defaults (60 s lock, 30 s checks) only make that slower; a live worker renews its
// lock every 4 s, far inside 20 s.
const STALLED_JOB_SETTINGS = {
	QUEUE_WORKER_LOCK_DURATION: '20000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '4000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};
const log = (line) => process.stdout.write(`  · ${line}\n`);

async function main() {
	process.stdout.write(
		`n8n queue mode suite (Postgres, Redis, main + 2 workers + 1 webhook process): n8n ${line.version} on Node ${line.node}\n`,
	);
	const processes = new ProcessGroup();
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-eformsign-queue-'));
	let topology;
	let finishing = false;
	let watchdog;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void finish(130));
	watchParent(() => void finish(1));

	async function finish(code) {
		if (finishing) return;
		finishing = true;
		clearTimeout(watchdog);
		const result = summary();
		await (topology ? topology.stop() : processes.stopAll()).catch(() => undefined);
		const keepFiles = args.has('--keep') || result.failed > 0;
		if (keepFiles) process.stdout.write(`\nFiles and logs kept in ${workDir}\n`);
		else rmSync(workDir, { recursive: true, force: true });
		process.stdout.write(
			`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s\n${result.line}\n`,
		);
		process.exit(result.failed > 0 || code !== 0 ? 1 : 0);
	}

	let exitCode = 1;
	try {
		suite('queue mode setup');
		let runtime;
		const installed = await test(
			`Node ${line.node} and n8n ${line.version} (scripts/n8n-runtime.sh)`,
			async () => (runtime = await loadRuntime()),
			{ timeoutMs: 20 * 60 * 1000 },
		);
		if (!installed) return await finish(1);
		// The first run installs Node 24 and n8n; the time limit starts after that.
		watchdog = setTimeout(() => {
			process.stdout.write(
				`\nThe queue suite exceeded ${WHOLE_RUN_LIMIT_MS / 60000} minutes; stopping.\n`,
			);
			void finish(1);
		}, WHOLE_RUN_LIMIT_MS);
		watchdog.unref();

		const userFolder = join(workDir, 'n8n-main');
		let sandbox;
		const packaged = await test(
			'build, pack and install the package; start the sandbox',
			async () => {
				const tarball = await buildAndPack(join(workDir, 'pack'));
				await installIntoUserFolder(tarball, userFolder);
				await compileSandbox();
				sandbox = new SandboxProcess({
					processes,
					port: await freePort(),
					logFile: join(workDir, 'logs', 'sandbox.log'),
				});
				await sandbox.start();
			},
			{ timeoutMs: 300_000 },
		);
		if (!packaged) return await finish(1);

		await unavailableServicesSuite(workDir);
		suite('queue mode setup');
		topology = new QueueTopology({
			runtime,
			processes,
			workDir,
			userFolder,
			workers: 2,
			webhookProcesses: 1,
			extraEnv: STALLED_JOB_SETTINGS,
		});
		const services =
			(await test('Postgres: a private cluster (initdb in a temp folder) on a free loopback port', () =>
				topology.startPostgres(log))) &&
			(await test("Redis: its own loopback port, --save ''", () => topology.startRedis(log), {
				timeoutMs: 600_000,
			}));
		if (!services) {
			blocked('n8n in queue mode', 'Postgres or Redis did not start (see above)');
			return await finish(1);
		}
		topology.createN8nProcesses();
		const { main } = topology;

		const n8nUp =
			(await test('import the credentials and the workflow into Postgres; publish it', async () => {
				await main.importCredentials(demoCredentials(sandbox.demo, sandbox.url));
				await main.importWorkflows([
					triggerWorkflow(),
					createOnWebhookWorkflow(sandbox.demo.templateIds.contract),
				]);
				for (const id of [WORKFLOW_ID.trigger, WORKFLOW_ID.createOnWebhook]) {
					await main.mustCli(publishCommand(line, id));
				}
			})) &&
			(await test('n8n main, then 2 workers and a webhook process (EXECUTIONS_MODE=queue, one encryption key)', async () => {
				await topology.startN8n();
				log(
					`main ready in ${topology.timings['main start']} ms, workers and webhook process in ${topology.timings['workers start']} ms`,
				);
			}, { timeoutMs: 600_000 }));
		if (!n8nUp) {
			blocked('40 deliveries in queue mode', 'n8n did not start in queue mode');
			return await finish(1);
		}

		let deliveries;
		await test('96 signed doc_complete deliveries recorded by the sandbox', async () => {
			deliveries = await signedDeliveries(sandbox, 96, await freePort());
		});
		if (!deliveries) return await finish(1);

		const lines = [];
		if (runs('fleet')) {
			const numbers = await queueSuite(
				{ topology, sandbox, webhookUrl: triggerWebhookUrl(main.url) },
				deliveries.slice(0, 52),
			);
			lines.push(summaryLine(numbers));
		}
		if (runs('webhook-process')) {
			const numbers = await webhookProcessSuite({ topology, sandbox }, deliveries.slice(52));
			lines.push(webhookProcessLine(numbers));
		}
		if (runs('worker-kill')) lines.push(...(await workerKillSuite({ topology, sandbox }, line)));
		process.stdout.write(`\n${lines.join('\n')}\n`);
		const timings = Object.entries(topology.timings)
			.map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)} s`)
			.join(', ');
		process.stdout.write(`timings: ${timings}\n`);
		exitCode = 0;
	} catch (error) {
		process.stdout.write(`\nThe queue suite stopped: ${error.stack ?? error}\n`);
	}
	await finish(exitCode);
}

/** n8n 1.x publishes with `update:workflow --active=true` (docs/compatibility.md). */
function publishCommand({ major }, id) {
	return major >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
}

void main();
