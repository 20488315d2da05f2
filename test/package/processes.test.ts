/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// scripts/lib/processes.js run() feeds the command's stdin. A command that exits without reading
// it (`id -u postgres` in scripts/lib/postgres.js) made the write fail with EPIPE, an unhandled
// 'error' event that killed the whole queue-mode suite. It runs in a child Node here because the
// failure is an uncaught exception of the process that calls run().
const processes = join(__dirname, '..', '..', 'scripts', 'lib', 'processes.js');

test('run() returns the exit code of a command that never reads the input it is given', () => {
	const script = `
		const { run } = require(${JSON.stringify(processes)});
		run('true', [], { input: 'x'.repeat(4 * 1024 * 1024) }).then(
			(result) => process.stdout.write('exit ' + result.code),
			(error) => process.stdout.write('rejected ' + error.message),
		);`;
	const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
	expect(child.stderr).not.toContain('EPIPE');
	expect(child.stdout).toBe('exit 0');
	expect(child.status).toBe(0);
});
