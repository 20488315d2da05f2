// Everything the real-n8n suite runs against, in a temp folder with ports chosen at run time:
// the packed package installed as a community package, the sandbox, and one n8n user folder.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { N8nInstance } = require('../../scripts/lib/n8n');
const { buildAndPack, installIntoUserFolder, loadRuntime } = require('../../scripts/lib/package');
const { ProcessGroup, freePort } = require('../../scripts/lib/processes');
const { SandboxProcess, compileSandbox } = require('../../scripts/lib/sandbox');

const OWNER = {
	email: 'owner@e2e.example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-Passw0rd',
};

async function distinctPorts(count) {
	const ports = new Set();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

async function createEnvironment(log = (line) => process.stdout.write(`${line}\n`)) {
	const processes = new ProcessGroup();
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-eformsign-e2e-'));
	const timings = {};
	const timed = async (label, fn) => {
		const started = Date.now();
		try {
			return await fn();
		} finally {
			timings[label] = Date.now() - started;
			log(`  · ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
		}
	};

	const runtime = await timed('runtime (Node 24 + n8n, cached)', loadRuntime);
	const tarball = await timed('build + npm pack', () => buildAndPack(join(workDir, 'pack')));
	const userFolder = join(workDir, 'n8n');
	const installed = await timed('install the tarball into .n8n/nodes', () =>
		installIntoUserFolder(tarball, userFolder),
	);
	await timed('compile the sandbox', compileSandbox);

	const [n8nPort, brokerPort, sandboxPort] = await distinctPorts(3);
	const sandbox = new SandboxProcess({
		processes,
		port: sandboxPort,
		logFile: join(workDir, 'logs', 'sandbox.log'),
	});
	const demo = await timed('start the sandbox', () => sandbox.start());
	const n8n = new N8nInstance({
		runtime,
		userFolder,
		port: n8nPort,
		brokerPort,
		processes,
		logFile: join(workDir, 'logs', 'n8n.log'),
		// n8n answers every request 503 while one ping of its database took over this (default
		// 5 s, scripts/lib/n8n.js); a starved machine is not a broken database. 2.x only: 1.x has no
		// such setting, and the suites send again what n8n answered that way.
		extraEnv: { DB_PING_TIMEOUT_MS: '60000' },
	});

	return {
		processes,
		workDir,
		runtime,
		tarball,
		installed,
		sandbox,
		demo,
		n8n,
		timings,
		timed,
		owner: OWNER,
		async close({ keepFiles }) {
			await processes.stopAll();
			if (!keepFiles) rmSync(workDir, { recursive: true, force: true });
		},
	};
}

module.exports = { createEnvironment };
