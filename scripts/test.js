#!/usr/bin/env node
// `npm test`: lint, build, n8n's verification scanner on the packed package, then every jest suite.
// The last line is always "N passed, N failed".
const { spawnSync } = require('node:child_process');

function run(label, command, args) {
	process.stdout.write(`\n> ${label}\n`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
	return result.status === 0;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

for (const [label, command, args] of [
	['lint (n8n-node lint)', npm, ['run', '--silent', 'lint']],
	['build', npm, ['run', '--silent', 'build']],
	["n8n's community package scanner (@n8n/scan-community-package analyzer, offline)", process.execPath, [require('node:path').join(__dirname, 'scan-package.mjs')]],
	['type-check tests, sandbox and benchmarks', npx, ['tsc', '-p', 'tsconfig.test.json']],
]) {
	if (!run(label, command, args)) {
		process.stdout.write(`\n${label} failed\n0 passed, 1 failed\n`);
		process.exit(1);
	}
}

const jest = spawnSync(npx, ['jest', ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
process.exit(jest.status ?? 1);
