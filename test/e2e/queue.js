#!/usr/bin/env node
// `npm run test:queue`: the packed package in n8n's queue mode (a main process and 2 `n8n worker`
// processes on a private Postgres and Redis), fed by the sandbox's signed webhooks. Prints the
// "queue mode: …" line, then "N passed, N failed", and exits non-zero on failure. Every process it
// starts stops at the end, on Ctrl+C, on a failed step, on the time limit and if its parent dies.
//   --keep   keep the temp folder (user folders, logs of every process)
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { demoCredentials } = require('../../scripts/lib/demo');
const { buildAndPack, installIntoUserFolder, loadRuntime } = require('../../scripts/lib/package');
const { ProcessGroup, freePort, watchParent } = require('../../scripts/lib/processes');
const { QueueTopology } = require('../../scripts/lib/queue');
const {
	WORKFLOW_ID,
	signedDeliveries,
	triggerWebhookUrl,
	triggerWorkflow,
} = require('../../scripts/lib/queueWorkflows');
const { SandboxProcess, compileSandbox } = require('../../scripts/lib/sandbox');
const { blocked, summary, suite, test } = require('./harness');
const { queueSuite, summaryLine } = require('./queue.e2e');
const { unavailableServicesSuite } = require('./queueServices.e2e');

const args = new Set(process.argv.slice(2));
const started = Date.now();
const WHOLE_RUN_LIMIT_MS = 8 * 60 * 1000;
const log = (line) => process.stdout.write(`  · ${line}\n`);

async function main() {
	process.stdout.write('n8n queue mode suite (Postgres, Redis, main + 2 workers)\n');
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
			'Node 24 and n8n (scripts/n8n-runtime.sh)',
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
		topology = new QueueTopology({ runtime, processes, workDir, userFolder, workers: 2 });
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
				await main.importWorkflows([triggerWorkflow()]);
				await main.mustCli(['publish:workflow', `--id=${WORKFLOW_ID.trigger}`]);
			})) &&
			(await test('n8n main, then 2 workers (EXECUTIONS_MODE=queue, one encryption key)', async () => {
				await topology.startN8n();
				log(
					`main ready in ${topology.timings['main start']} ms, workers in ${topology.timings['workers start']} ms`,
				);
			}));
		if (!n8nUp) {
			blocked('40 deliveries in queue mode', 'n8n did not start in queue mode');
			return await finish(1);
		}

		let deliveries;
		await test('52 signed doc_complete deliveries recorded by the sandbox', async () => {
			deliveries = await signedDeliveries(sandbox, 52, await freePort());
		});
		if (!deliveries) return await finish(1);

		const numbers = await queueSuite(
			{ topology, sandbox, webhookUrl: triggerWebhookUrl(main.url) },
			deliveries,
		);
		process.stdout.write(`\n${summaryLine(numbers)}\n`);
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

void main();
