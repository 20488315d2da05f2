#!/usr/bin/env node
// `npm run dev`: the package in a real n8n 2.x on this machine, talking to the eformsign sandbox.
// Builds and packs the package, installs it as a community package into .dev/n8n, starts the
// sandbox and n8n on 127.0.0.1, imports a credential and the examples/ workflows, publishes the
// webhook example, creates the owner account and prints how to sign in. Ctrl+C stops everything.
//   --fresh       start from an empty n8n user folder (drops workflows you made in the demo)
//   --port <n>    editor port (default 5678, or a free one when 5678 is taken)
//   --queue       n8n's queue mode: a private Postgres and Redis, the main process and 2 workers
//                 (scripts/lib/queue.js); starts from an empty .dev/queue every time
const { existsSync, rmSync } = require('node:fs');
const { join, relative } = require('node:path');

const {
	DEMO_CREDENTIALS,
	SEND_EXAMPLE_ID,
	TRIGGER_EXAMPLE_ID,
	checkExampleIds,
	demoCredentials,
	exampleWorkflows,
	productionWebhookUrl,
} = require('./lib/demo');
const { N8nInstance } = require('./lib/n8n');
const {
	ROOT,
	buildAndPack,
	installIntoUserFolder,
	loadRuntime,
	nodeDescription,
} = require('./lib/package');
const { ProcessGroup, freePort, preferredPort, watchParent } = require('./lib/processes');
const { QueueTopology } = require('./lib/queue');
const { SandboxProcess, compileSandbox } = require('./lib/sandbox');

const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Demo-Passw0rd',
};
const DEV_DIR = join(ROOT, '.dev');

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

const processes = new ProcessGroup();
let stopping = false;
let topology;

function step(text) {
	process.stdout.write(`› ${text}\n`);
}

async function stop(code) {
	if (stopping) return;
	stopping = true;
	process.stdout.write('\nStopping n8n and the sandbox…\n');
	await (topology ? topology.stop() : processes.stopAll());
	process.exit(code);
}

async function main() {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));
	watchParent(() => void stop(1));

	step(
		'Node 24 and n8n (cached in ~/.cache/n8n-nodes-eformsign; the first run installs them, about 6 minutes)',
	);
	const runtime = await loadRuntime();

	const queue = flag('--queue');
	// Queue mode's Postgres lives in a temp folder, so its n8n user folders start empty too.
	const queueDir = join(DEV_DIR, 'queue');
	if (queue) rmSync(queueDir, { recursive: true, force: true });
	const userFolder = queue ? join(queueDir, 'n8n-main') : join(DEV_DIR, 'n8n');
	if (flag('--fresh') && existsSync(userFolder))
		rmSync(userFolder, { recursive: true, force: true });
	step('build, npm pack, and install the tarball as a community package');
	const tarball = await buildAndPack(join(DEV_DIR, 'pack'));
	const installed = await installIntoUserFolder(tarball, userFolder);
	await compileSandbox();

	const requestedPort = option('--port') ? Number(option('--port')) : undefined;
	const n8nPort = requestedPort ?? (await preferredPort(5678));
	const brokerPort = await freePort();
	const sandboxPort = await freePort();
	const logFile = join(DEV_DIR, 'logs', 'n8n.log');
	let n8n;
	if (queue) {
		step('start Postgres and Redis for queue mode');
		topology = new QueueTopology({
			runtime,
			processes,
			workDir: queueDir,
			userFolder,
			port: n8nPort,
		});
		await topology.prepare((line) => step(line));
		n8n = topology.main;
	} else {
		n8n = new N8nInstance({ runtime, userFolder, port: n8nPort, brokerPort, processes, logFile });
	}

	const examples = exampleWorkflows();
	const trigger = examples.find((workflow) => workflow.id === TRIGGER_EXAMPLE_ID);
	const triggerNode = trigger.nodes.find((node) => node.type.endsWith('.eformsignTrigger'));
	const webhookUrl = productionWebhookUrl(
		n8n.url,
		triggerNode,
		nodeDescription('eformsignTrigger'),
	);

	step(`start the eformsign sandbox on 127.0.0.1:${sandboxPort}`);
	const sandbox = new SandboxProcess({
		processes,
		port: sandboxPort,
		logFile: join(DEV_DIR, 'logs', 'sandbox.log'),
	});
	const demo = await sandbox.start({ webhookUrl, webhookVerification: 'signature' });
	checkExampleIds(examples, demo);

	step('import the credentials and the example workflows; publish the webhook example');
	await n8n.importCredentials(demoCredentials(demo, sandbox.url));
	await n8n.importWorkflows(examples);
	await n8n.mustCli(['publish:workflow', `--id=${TRIGGER_EXAMPLE_ID}`]);

	step(
		`start n8n ${runtime.N8N_VERSION} on 127.0.0.1:${n8nPort}${queue ? ', then 2 workers' : ''}`,
	);
	await (topology ? topology.startN8n() : n8n.start());
	let login = `${OWNER.email} / ${OWNER.password}`;
	try {
		await n8n.signInOwner(OWNER);
	} catch {
		login = 'the owner account you created in this demo (delete .dev/ or use --fresh to reset it)';
	}

	const completeCommand = sandbox.completeCommand(demo.documentIds.waitingExternal);
	const rel = (path) => relative(process.cwd(), path) || path;
	process.stdout.write(`
eformsign demo is running (package ${installed.version}, n8n ${runtime.N8N_VERSION})

  n8n editor   ${n8n.url}
  sign in      ${login}
  sandbox      ${sandbox.url}   (a local eformsign; control API under /_sandbox/)

  Workflows
    ${examples.map((workflow) => `${workflow.name}${workflow.id === TRIGGER_EXAMPLE_ID ? '  [published]' : ''}`).join('\n    ')}
  Credentials  "${DEMO_CREDENTIALS.api.name}", "${DEMO_CREDENTIALS.webhook.name}"
  Webhooks     the sandbox delivers signed events to ${webhookUrl}

  Complete a waiting document; the published workflow then runs (see Executions):
    ${completeCommand}

  Open "${examples.find((workflow) => workflow.id === SEND_EXAMPLE_ID).name}" and click Execute workflow to send contracts.
${topology ? `\n  Queue mode (executions run on the workers)\n${topology.describe()}\n` : ''}
  Logs: ${rel(n8n.logFile)}, ${rel(sandbox.logFile)}

Press Ctrl+C to stop.
`);

	const first = await Promise.race(
		processes.children.map((handle) => handle.exited.then(() => handle)),
	);
	if (!stopping) {
		process.stdout.write(`\n${first.name} exited (${first.exitCode}); see ${rel(first.logFile)}\n`);
		await stop(1);
	}
}

main().catch(async (error) => {
	process.stderr.write(`\nnpm run dev failed: ${error.message}\n`);
	await stop(1);
});
