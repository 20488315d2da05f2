// The poll trigger under n8n's own scheduler, without and with durable cursors (docs/triggers.md,
// "Restarts and n8n's schedulers"): one more n8n per mode, each from a copy of the user folder the
// suite imported into (credentials, workflows, the installed package), on its own ports and in the
// suite's process group, so it stops with the suite. They poll a sandbox of their own (same seed,
// same keys), so the other suites' request logs and token counts stay theirs. Both modes run in the
// background while the main n8n goes through its suites; finish() reports them.
const { cpSync, existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const { DEMO_CREDENTIALS, demoCredentials } = require('../../scripts/lib/demo');
const { N8nInstance, finishedExecutions, nodeOutput } = require('../../scripts/lib/n8n');
const { delay, freePort, waitFor } = require('../../scripts/lib/processes');
const { SandboxProcess } = require('../../scripts/lib/sandbox');
const { assert, suite, test } = require('./harness');
const { ID } = require('./workflows');

const SCHEDULER = { N8N_SCHEDULER_ENABLED: 'true', N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true' };
const MODES = {
	scheduler: { env: SCHEDULER, workflowId: ID.pollScheduler, template: 'disabled' },
	durable: {
		env: { ...SCHEDULER, N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true' },
		workflowId: ID.pollDurable,
		template: 'titleLocked',
	},
};
const TRIGGER = 'eformsign Poll Trigger';
// Safety nets, not budgets: the poll runs every minute, and n8n's scheduler claims due polls every
// few seconds and skips one that is more than a minute late.
const EMISSION_TIMEOUT_MS = 5 * 60 * 1000;
const REPORT_TIMEOUT_MS = 12 * 60 * 1000;

/** Whether this n8n has the scheduler settings at all (n8n 1.x has none: docs/compatibility.md). */
function hasSchedulerSettings(runtime) {
	const n8nPackage = dirname(dirname(runtime.N8N_BIN));
	return [join(n8nPackage, 'node_modules'), dirname(n8nPackage)].some((modules) => {
		const file = join(modules, '@n8n', 'config', 'dist', 'configs', 'scheduler.config.js');
		return (
			existsSync(file) && readFileSync(file, 'utf8').includes('N8N_POLLER_DURABLE_CURSORS_ENABLED')
		);
	});
}

/** Free ports none of the suite's other servers was given (they may not listen yet). */
async function distinctPorts(count, taken) {
	const ports = [];
	while (ports.length < count) {
		const port = await freePort();
		if (taken.has(port)) continue;
		taken.add(port);
		ports.push(port);
	}
	return ports;
}


/** Every document the workflow emitted, in order of the executions. */
async function emittedIds(instance, workflowId) {
	const executions = finishedExecutions(await instance.executions(workflowId)).reverse();
	return executions.flatMap((execution) =>
		nodeOutput(execution, TRIGGER).map((item) => item.json.id),
	);
}

async function completedDocument(sandbox, template, name) {
	const {
		ids: [id],
	} = await sandbox.control('POST', '/documents/bulk', {
		n: 1,
		template_id: sandbox.demo.templateIds[template],
		status: '003',
		updated_date: Date.now(),
		document_name: name,
	});
	return id;
}

/** The copied credential still names the suite's sandbox: point it at the modes' own. */
async function useSandbox(instance, sandbox) {
	const { id, name, type } = DEMO_CREDENTIALS.api;
	const { data } = demoCredentials(sandbox.demo, sandbox.url).find(
		(credential) => credential.id === id,
	);
	await instance.mustRest('PATCH', `/credentials/${id}`, { name, type, data });
}

/** Starts one n8n at a time: several booting at once on two busy cores slow each other down. */
function bootQueue() {
	let last = Promise.resolve();
	return async (boot) => {
		const turn = last.then(boot);
		last = turn.catch(() => undefined);
		return await turn;
	};
}

/**
 * One mode: published fresh, a document completed about a second later; then n8n stops, a second
 * document completes, n8n starts again. Each step is a promise finish() awaits.
 */
function runMode(env, mode, folder, boot, takenPorts, sandboxStarted) {
	const { env: extraEnv, workflowId, template } = MODES[mode];
	const run = { mode, workflowId, documents: [], instance: undefined };
	const emitted = async (count, what) =>
		await waitFor(
			what,
			async () => {
				const ids = await emittedIds(run.instance, workflowId);
				return ids.length >= count ? ids : undefined;
			},
			{ timeoutMs: EMISSION_TIMEOUT_MS, intervalMs: 1000 },
		);

	run.fresh = (async () => {
		const [port, brokerPort] = await distinctPorts(2, takenPorts);
		run.instance = new N8nInstance({
			runtime: env.runtime,
			userFolder: folder,
			port,
			brokerPort,
			processes: env.processes,
			logFile: join(env.workDir, 'logs', `n8n-${mode}.log`),
			extraEnv,
			name: `n8n (${mode})`,
		});
		const sandbox = await sandboxStarted;
		await boot(() => run.instance.start());
		await run.instance.signInOwner(env.owner);
		await run.instance.createApiKey(`e2e ${mode}`);
		await useSandbox(run.instance, sandbox);
		await run.instance.activate(workflowId);
		// The scenario of the report: a document completes about a second after publishing.
		await delay(1000);
		run.documents.push(
			await completedDocument(sandbox, template, 'Completed 1 s after publishing'),
		);
		return await emitted(1, `the ${mode} poll to emit the document completed after publishing`);
	})();
	run.restart = (async () => {
		await run.fresh;
		await run.instance.stop();
		const sandbox = await sandboxStarted;
		run.documents.push(
			await completedDocument(sandbox, template, 'Completed while n8n was stopped'),
		);
		await boot(() => run.instance.start());
		await run.instance.signInOwner(env.owner);
		return await emitted(
			2,
			`the ${mode} poll to emit the document completed while n8n was stopped`,
		);
	})();
	// finish() awaits these; until then a failure must not count as unhandled.
	run.fresh.catch(() => undefined);
	run.restart.catch(() => undefined);
	return run;
}

const pollModes = {
	/**
	 * Copies the user folder (call it while no n8n uses its database) and starts the modes in the
	 * background, the scheduler's first, so that their boots and polls overlap the suite's CLI
	 * runs. Returns undefined where this n8n has no scheduler.
	 */
	start(env) {
		if (!hasSchedulerSettings(env.runtime)) return undefined;
		const boot = bootQueue();
		const takenPorts = new Set([env.n8n.port, env.n8n.brokerPort, env.sandbox.port]);
		const sandboxStarted = (async () => {
			const [port] = await distinctPorts(1, takenPorts);
			const sandbox = new SandboxProcess({
				processes: env.processes,
				port,
				logFile: join(env.workDir, 'logs', 'sandbox-poll-modes.log'),
			});
			await sandbox.start();
			return sandbox;
		})();
		sandboxStarted.catch(() => undefined);
		const runs = Object.keys(MODES).map((mode) => {
			const folder = join(env.workDir, `n8n-${mode}`);
			cpSync(env.n8n.userFolder, folder, { recursive: true });
			return runMode(env, mode, folder, boot, takenPorts, sandboxStarted);
		});
		return { runs, sandboxStarted };
	},

	async finish(env, started) {
		suite("poll trigger under n8n's scheduler");
		if (!started) {
			process.stdout.write(
				`  n8n ${env.runtime.N8N_VERSION} has no scheduler settings (N8N_SCHEDULER_*, N8N_POLLER_DURABLE_CURSORS_ENABLED): legacy scheduling only\n`,
			);
			return;
		}
		for (const run of started.runs) {
			const { mode } = run;
			await test(
				`${mode}: published fresh, a document completed 1 s later is emitted by a scheduled poll`,
				async () => assert.deepEqual(await run.fresh, run.documents.slice(0, 1)),
				{ timeoutMs: REPORT_TIMEOUT_MS },
			);
			await test(
				`${mode}: a document completed while n8n is stopped is emitted once n8n runs again`,
				async () => assert.deepEqual(await run.restart, run.documents),
				{ timeoutMs: REPORT_TIMEOUT_MS },
			);
			await test(`${mode}: every document once, none twice`, async () => {
				// Counted after the other mode's steps too: the polls that ran meanwhile had their chance to repeat.
				const ids = await emittedIds(run.instance, run.workflowId);
				const repeated = ids.length - new Set(ids).size;
				process.stdout.write(
					`  poll ${mode}: documents=${run.documents.length} emitted=${ids.length} repeated=${repeated}\n`,
				);
				assert.equal(repeated, 0);
				assert.equal(ids.length, run.documents.length);
				assert.deepEqual([...ids].sort(), [...run.documents].sort());
			});
			await run.instance?.stop();
		}
		await (await started.sandboxStarted.catch(() => undefined))?.stop();
	},
};

module.exports = { pollModes };
