// Where main's time goes per delivery (`npm run bench -- --queue --profile`): the CPU profile of
// n8n main, taken over the Trigger's deliveries and then over the same number through n8n's
// Webhook node, with the fair setting of queue.bench.js (both take an expression isolate per
// request). Main is where a webhook costs: it answers, records and queues; the workers run the rest.
// The profile comes from main's own inspector (NODE_OPTIONS=--inspect on a port the OS picks,
// driven from n8n's Node, which has WebSocket), and is summed by the code each sample ran in.
const { spawn } = require('node:child_process');
const { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
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
	deliverUntilTaken,
	signedDeliveries,
	triggerWebhookUrl,
	triggerWorkflow,
} = require('../scripts/lib/queueWorkflows');
const { SandboxProcess, compileSandbox } = require('../scripts/lib/sandbox');

const DELIVERIES = 200;
/** The raw profiles stay here (open them in Chrome's DevTools), overwritten by the next run. */
const PROFILES = join(tmpdir(), 'n8n-nodes-eformsign-queue-profiles');
const SENDERS = 16;

/** Where the package's code runs from in n8n's user folder (not the runtime cache, whose name has it too). */
const PACKAGE_CODE = /\/node_modules\/n8n-nodes-eformsign\/dist\//;

/** Self time by the code a sample ran in; first match wins. */
const CATEGORIES = [
	['eformsign Trigger (all its own code)', (frame) => PACKAGE_CODE.test(frame.url)],
	[
		'expression isolates (isolated-vm, expression runtime)',
		(frame) => /isolated-vm|expression-runtime/.test(frame.url),
	],
	[
		'database (TypeORM, pg)',
		(frame) => /typeorm|\/pg\/|pg-protocol|pg-pool|@n8n\/db\//.test(frame.url),
	],
	['queue (Bull, ioredis)', (frame) => /\/bull\/|ioredis/.test(frame.url)],
	[
		'HTTP (express, body parsing, node:http, node:net)',
		(frame) => /express|body-parser|raw-body|node:_http|node:net|node:stream|iconv/.test(frame.url),
	],
	[
		'n8n (cli, core, workflow)',
		(frame) => /\/n8n\/dist|n8n-core|n8n-workflow|@n8n\//.test(frame.url),
	],
	['other JavaScript', (frame) => frame.url !== ''],
	['garbage collection', (frame) => frame.functionName === '(garbage collector)'],
	['idle', (frame) => frame.functionName === '(idle)'],
	['native, not attributed ("(program)")', () => true],
];

const ISOLATE_FRAME = (frame) =>
	/isolated-vm|expression-runtime/.test(frame.url) ||
	/^(acquireIsolate|releaseIsolate)$/.test(frame.functionName);

/**
 * What main did for a delivery, from the stack of each sample; the first step whose test holds
 * takes the sample. n8n resolves a credential read from a webhook in an expression isolate of its
 * own (n8n/dist/credentials-helper.js, applyDefaultsAndOverwrites), so that one is told apart.
 */
const STEPS = [
	[
		'credential read: the isolate n8n takes for it',
		(stack) =>
			stack.some((frame) => frame.functionName === 'applyDefaultsAndOverwrites') &&
			stack.some(ISOLATE_FRAME),
	],
	[
		'credential read: query and decryption',
		(stack) =>
			stack.some((frame) =>
				/^(getCredentials|getDecrypted|applyDefaultsAndOverwrites|findOneByOrFail)$/.test(
					frame.functionName,
				),
			),
	],
	['signature check', (stack) => stack.some((frame) => frame.functionName === 'verifyDelivery')],
	[
		'static-data save',
		(stack) => stack.some((frame) => /^saveStaticData(ById)?$/.test(frame.functionName)),
	],
	['the isolate n8n takes for the request', (stack) => stack.some(ISOLATE_FRAME)],
	["the node's other code", (stack) => stack.some((frame) => PACKAGE_CODE.test(frame.url))],
];

/**
 * The profiler client, run with n8n's Node (WebSocket is built in there). The profile belongs to
 * the inspector session, so one client starts it, waits for a line on stdin, then stops it and
 * prints it.
 */
const CLIENT = `
const [url] = process.argv.slice(1);
const socket = new WebSocket(url);
let id = 0;
const pending = new Map();
const send = (method, params = {}) => new Promise((resolve, reject) => {
	const message = { id: ++id, method, params };
	pending.set(message.id, { resolve, reject });
	socket.send(JSON.stringify(message));
});
socket.onmessage = (event) => {
	const message = JSON.parse(event.data);
	const waiting = pending.get(message.id);
	if (!waiting) return;
	pending.delete(message.id);
	if (message.error) waiting.reject(new Error(message.error.message)); else waiting.resolve(message.result);
};
socket.onopen = async () => {
	await send('Profiler.enable');
	await send('Profiler.setSamplingInterval', { interval: 500 });
	await send('Profiler.start');
	process.stderr.write('profiling\\n');
	process.stdin.once('data', async () => {
		const { profile } = await send('Profiler.stop');
		process.stdout.write(JSON.stringify(profile), () => process.exit(0));
	});
};
socket.onerror = (error) => { process.stderr.write(String(error.message ?? error)); process.exit(1); };
`;

/** Starts profiling main; resolves to stop(), which resolves to the profile. */
async function startProfiler(runtime, url) {
	const child = spawn(runtime.N24_BIN, ['-e', CLIENT, url], { stdio: ['pipe', 'pipe', 'pipe'] });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const exited = new Promise((resolve) => child.on('close', resolve));
	await waitFor('the profiler to start', async () => stderr.includes('profiling'), {
		timeoutMs: 60_000,
		abort: () => (child.exitCode !== null ? `profiler exited: ${stderr}` : undefined),
	});
	return async () => {
		child.stdin.end('stop\n');
		const code = await exited;
		if (code !== 0) throw new Error(`the profiler failed: ${stderr}`);
		return JSON.parse(stdout);
	};
}

async function inspectorUrl(main) {
	const port = await waitFor(
		"main's inspector port in its log",
		async () =>
			/Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(
				readFileSync(main.logFile, 'utf8'),
			)?.[1],
		{ timeoutMs: 30_000 },
	);
	const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
	return target.webSocketDebuggerUrl;
}

/** Milliseconds of samples per category (self time) and per step (the first that matches). */
function summarize(profile) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const totals = new Map([...CATEGORIES, ...STEPS].map(([name]) => [name, 0]));
	profile.samples.forEach((nodeId, index) => {
		const ms = profile.timeDeltas[index] / 1000;
		const frame = byId.get(nodeId).callFrame;
		const [category] = CATEGORIES.find(([, matches]) => matches(frame));
		totals.set(category, totals.get(category) + ms);
		const stack = [];
		for (let id = nodeId; id !== undefined; id = parent.get(id)) stack.push(byId.get(id).callFrame);
		const step = STEPS.find(([, matches]) => matches(stack));
		if (step) totals.set(step[0], totals.get(step[0]) + ms);
	});
	return totals;
}

function busyMs(totals) {
	return CATEGORIES.filter(([name]) => name !== 'idle').reduce(
		(sum, [name]) => sum + totals.get(name),
		0,
	);
}

/** Samples are wall-clock: on a loaded machine every figure grows, so the tables give shares. */
function printTables(results, log, deliveries = DELIVERIES) {
	const row = (name, value) =>
		`| ${name} | ${results.map((result) => value(result)).join(' | ')} |`;
	const header = `| | ${results.map(({ label }) => label).join(' | ')} |`;
	const rule = `|---|${results.map(() => '---').join('|')}|`;
	const share = (result, name) => `${((100 * result.totals.get(name)) / result.busy).toFixed(1)} %`;
	log(
		`\nn8n main while ${deliveries} deliveries ran (${SENDERS} in flight), share of its busy time:\n`,
	);
	log(header);
	log(rule);
	log(row('busy, ms per delivery', (result) => (result.busy / deliveries).toFixed(1)));
	for (const [name] of CATEGORIES) {
		if (name !== 'idle') log(row(name, (result) => share(result, name)));
	}
	log('\nSteps, share of the same busy time:\n');
	log(header);
	log(rule);
	for (const [name] of STEPS) log(row(name, (result) => share(result, name)));
}

/** What n8n's own queries cost Postgres since the last reset (pg_stat_statements), costliest first. */
async function n8nStatements(topology) {
	const rows = await topology.postgres.mustPsql(
		`select calls, round(total_exec_time::numeric, 1), regexp_replace(left(query, 90), '\\s+', ' ', 'g') from pg_stat_statements where userid = (select oid from pg_roles where rolname = '${topology.postgres.database.user}') order by total_exec_time desc limit 6`,
	);
	return rows
		.split('\n')
		.filter(Boolean)
		.map((row) => {
			const [calls, ms, ...query] = row.split('|');
			return { calls: Number(calls), ms: Number(ms), query: query.join('|') };
		});
}

async function profiledRun(runtime, url, topology, [workflowId, webhookUrl], deliveries) {
	await topology.postgres.mustPsql(
		"select pg_stat_statements_reset(), pg_stat_reset_shared('wal')",
	);
	const stop = await startProfiler(runtime, url);
	let refused = 0;
	const queue = [...deliveries];
	await Promise.all(
		Array.from({ length: SENDERS }, async () => {
			for (let next = queue.shift(); next; next = queue.shift()) {
				refused += await deliverUntilTaken(webhookUrl, next);
			}
		}),
	);
	await waitFor(
		`${deliveries.length} executions of ${workflowId}`,
		async () =>
			Number(
				await topology.postgres.mustPsql(
					`select count(*) from execution_entity where "workflowId" = '${workflowId}' and status not in ('new', 'running', 'waiting')`,
				),
			) >=
			deliveries.length + 5,
		{ timeoutMs: 300_000, intervalMs: 200 },
	);
	const profile = await stop();
	const file = join(PROFILES, `${workflowId}.cpuprofile`);
	mkdirSync(PROFILES, { recursive: true });
	writeFileSync(file, JSON.stringify(profile));
	const walBytes = Number(await topology.postgres.mustPsql('select wal_bytes from pg_stat_wal'));
	return {
		totals: summarize(profile),
		refused,
		file,
		statements: await n8nStatements(topology),
		walKilobytes: walBytes / 1024 / deliveries.length,
	};
}

async function queueProfile(log = (line) => process.stdout.write(`${line}\n`)) {
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-eformsign-queue-profile-'));
	// Ctrl+C or a kill: exit, so the process group's exit handler kills every server it started.
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
		process.once(signal, () => process.exit(130));
	const processes = new ProcessGroup();
	let topology;
	let keep = false;
	try {
		const runtime = await loadRuntime();
		const tarball = await buildAndPack(join(workDir, 'pack'));
		await compileSandbox();
		topology = new QueueTopology({
			runtime,
			processes,
			workDir,
			userFolder: join(workDir, 'n8n-main'),
			logLevel: 'warn',
			extraEnv: { N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP: 'false' },
			postgresSettings: {
				shared_preload_libraries: 'pg_stat_statements',
				'pg_stat_statements.track': 'all',
			},
		});
		await installIntoUserFolder(tarball, topology.userFolder);
		const sandbox = new SandboxProcess({
			processes,
			port: await freePort(),
			logFile: join(workDir, 'logs', 'sandbox.log'),
		});
		await sandbox.start();
		await topology.prepare();
		await topology.postgres.mustPsql('create extension pg_stat_statements');
		const { main } = topology;
		main.extraEnv = { ...main.extraEnv, NODE_OPTIONS: '--inspect=127.0.0.1:0' };
		await main.importCredentials(demoCredentials(sandbox.demo, sandbox.url));
		await main.importWorkflows([
			triggerWorkflow(),
			triggerWorkflow({ typeVersion: 1 }),
			builtinWebhookWorkflow(),
		]);
		const targets = [
			['eformsign Trigger 1.1', WORKFLOW_ID.trigger, triggerWebhookUrl(main.url)],
			['eformsign Trigger 1', WORKFLOW_ID.triggerVersion1, triggerWebhookUrl(main.url, 1)],
			['Webhook node', WORKFLOW_ID.builtinWebhook, builtinWebhookUrl(main.url)],
		];
		for (const [, id] of targets) await main.mustCli(['publish:workflow', `--id=${id}`]);
		await topology.startN8n();
		const url = await inspectorUrl(main);
		const all = await signedDeliveries(
			sandbox,
			targets.length * (DELIVERIES + 5),
			await freePort(),
		);
		// Warm-up (token, isolates, JIT), not profiled.
		for (const [, , webhookUrl] of targets) {
			for (const delivery of all.splice(0, 5)) await deliver(webhookUrl, delivery);
		}
		const load = () =>
			loadavg()
				.map((value) => value.toFixed(1))
				.join(' ');
		log(`load average before: ${load()}`);
		const results = [];
		for (const [label, id, webhookUrl] of targets) {
			const result = await profiledRun(
				runtime,
				url,
				topology,
				[id, webhookUrl],
				all.splice(0, DELIVERIES),
			);
			results.push({ label, ...result, busy: busyMs(result.totals) });
			log(`  ${label}: ${result.refused} answers 503 "Database is not ready!" first, sent again`);
		}
		log(`load average after: ${load()}`);
		printTables(results, log);
		for (const { label, statements, walKilobytes } of results) {
			log(
				`\nPostgres while the ${label} ran: ${walKilobytes.toFixed(1)} KB of WAL per delivery; n8n's costliest statements, per delivery:\n`,
			);
			log('| calls | execution ms | statement |');
			log('|---|---|---|');
			for (const { calls, ms, query } of statements) {
				log(
					`| ${(calls / DELIVERIES).toFixed(2)} | ${(ms / DELIVERIES).toFixed(2)} | \`${query.replaceAll('|', '\\|')}\` |`,
				);
			}
		}
		log(`\nRaw profiles: ${PROFILES}`);
	} catch (error) {
		keep = true;
		log(`logs kept in ${workDir}`);
		throw error;
	} finally {
		if (topology) await topology.stop();
		else await processes.stopAll();
		if (!keep) rmSync(workDir, { recursive: true, force: true });
	}
}

module.exports = { queueProfile };

// `node bench/queue.profile.js <label>=<file.cpuprofile>…`: the same tables for saved profiles.
if (require.main === module) {
	const results = process.argv.slice(2).map((argument) => {
		const [label, file] = argument.split('=');
		const totals = summarize(JSON.parse(readFileSync(file, 'utf8')));
		return { label, totals, busy: busyMs(totals) };
	});
	printTables(results, (line) => process.stdout.write(`${line}\n`));
}
