// The n8n lines the real-n8n suite runs on, each with the Node it needs (docs/compatibility.md):
// 2.x on Node 24; 1.x on Node 22, because isolated-vm 6.2.0 (1.x's expression engine) ships
// prebuilt binaries only for Node 22 and 24, and 1.x's engines field stops at 24.
const { execFileSync } = require('node:child_process');

const DEFAULT_LINE = '2.41.1';
const NODE_FOR_LINE = { '2.41.1': '24.21.0', '1.123.81': '22.23.5' };

/**
 * `--n8n <version>` from the command line (or N8N_RUNTIME_VERSION), with its Node. Sets the
 * environment scripts/n8n-runtime.sh reads, so the runtime of that line is installed and cached.
 */
function chooseLine(argv, env = process.env) {
	const flag = argv.indexOf('--n8n');
	const version =
		(flag >= 0 ? argv[flag + 1] : undefined) ?? env.N8N_RUNTIME_VERSION ?? DEFAULT_LINE;
	if (!/^\d+\.\d+\.\d+$/.test(version)) {
		throw new Error(`--n8n wants an n8n version such as 1.123.81, not "${version}"`);
	}
	// An explicit N8N_RUNTIME_NODE_VERSION wins only when the version came from the environment too.
	const node =
		(flag < 0 ? env.N8N_RUNTIME_NODE_VERSION : undefined) ??
		NODE_FOR_LINE[version] ??
		(version.startsWith('1.') ? NODE_FOR_LINE['1.123.81'] : NODE_FOR_LINE[DEFAULT_LINE]);
	env.N8N_RUNTIME_VERSION = version;
	env.N8N_RUNTIME_NODE_VERSION = node;
	return { version, node, major: Number(version.split('.')[0]) };
}

/** "Node 22.x", read from the Node that runs n8n. */
function nodeLabel(nodeBin) {
	try {
		const version = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
		return `Node ${version.replace(/^v(\d+)\..*$/, '$1')}.x`;
	} catch {
		return 'Node (unknown)';
	}
}

module.exports = { DEFAULT_LINE, NODE_FOR_LINE, chooseLine, nodeLabel };
