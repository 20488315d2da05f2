#!/usr/bin/env node
// `npm run sandbox`: compile the sandbox and start it in the foreground (Ctrl+C stops it).
const { spawnSync, spawn } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.sandbox.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(process.execPath, [join(root, '.build', 'sandbox', 'cli.js'), ...process.argv.slice(2)], {
	cwd: root,
	stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
