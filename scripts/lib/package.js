// The package as users get it: built, packed with `npm pack`, and installed as a community
// package into an n8n user folder (`<user folder>/.n8n/nodes/node_modules/n8n-nodes-eformsign`).
const { mkdirSync, readFileSync, writeFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const { run } = require('./processes');

const ROOT = join(__dirname, '..', '..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Prints the Node 24 + n8n paths from scripts/n8n-runtime.sh, installing them once if needed. */
async function loadRuntime() {
	const { spawn } = require('node:child_process');
	const stdout = await new Promise((resolve, reject) => {
		// stderr stays visible: the first install takes minutes and says so.
		const child = spawn('bash', [join(ROOT, 'scripts', 'n8n-runtime.sh'), '--env'], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve(out) : reject(new Error(`scripts/n8n-runtime.sh failed (exit ${code})`)),
		);
	});
	const runtime = Object.fromEntries(
		stdout
			.split('\n')
			.filter((line) => line.includes('='))
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
	);
	for (const key of ['N24_BIN', 'N8N_BIN', 'N8N_VERSION']) {
		if (!runtime[key]) throw new Error(`scripts/n8n-runtime.sh did not print ${key}`);
	}
	return runtime;
}

async function mustRun(label, command, args, options) {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(
			`${label} failed (exit ${result.code}):\n${(result.stdout + result.stderr).trim().slice(-4000)}`,
		);
	}
	return result;
}

/** `npm run build`, then `npm pack` into `destination`; returns the tarball's path. */
async function buildAndPack(destination) {
	mkdirSync(destination, { recursive: true });
	await mustRun('npm run build', npm, ['run', '--silent', 'build'], { cwd: ROOT });
	const { stdout } = await mustRun(
		'npm pack',
		npm,
		['pack', '--json', '--pack-destination', destination],
		{ cwd: ROOT },
	);
	const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return join(destination, filename);
}

/**
 * Installs the tarball the way n8n installs a community package: npm, in `<user folder>/.n8n/nodes`.
 * n8n-workflow is a peer that n8n itself provides, so peers are left out.
 */
async function installIntoUserFolder(tarball, userFolder) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const manifest = join(nodesDir, 'package.json');
	if (!existsSync(manifest)) {
		writeFileSync(
			manifest,
			`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
		);
	}
	await mustRun(
		'npm install of the packed package',
		npm,
		[
			'install',
			'--no-audit',
			'--no-fund',
			'--ignore-scripts',
			'--omit=dev',
			'--omit=peer',
			'--loglevel=error',
			tarball,
		],
		{ cwd: nodesDir },
	);
	const installed = join(nodesDir, 'node_modules', PACKAGE.name);
	const version = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version;
	return { directory: installed, version };
}

/** Node type names as n8n registers them from the installed package: `<package>.<name>`. */
function nodeTypes() {
	const types = {};
	for (const file of PACKAGE.n8n.nodes) {
		const module = require(join(ROOT, file));
		for (const NodeClass of Object.values(module)) {
			if (typeof NodeClass !== 'function') continue;
			const { description } = new NodeClass();
			types[description.name] = `${PACKAGE.name}.${description.name}`;
		}
	}
	return types;
}

/** The description of one node, read from the build (the same code the package ships). */
function nodeDescription(name) {
	for (const file of PACKAGE.n8n.nodes) {
		const module = require(join(ROOT, file));
		for (const NodeClass of Object.values(module)) {
			if (typeof NodeClass !== 'function') continue;
			const { description } = new NodeClass();
			if (description.name === name) return description;
		}
	}
	return undefined;
}

module.exports = {
	ROOT,
	PACKAGE,
	buildAndPack,
	installIntoUserFolder,
	loadRuntime,
	nodeDescription,
	nodeTypes,
};
