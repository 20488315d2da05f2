/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// n8n's CLI sometimes dies of SIGSEGV after its work is done (scripts/lib/n8n.js, CRASH_SIGNALS).
// A CI run failed on an `n8n execute` that had printed its complete, successful run and then
// crashed. Here a stand-in for n8n's bin, run by the real N8nInstance in a real child process,
// does the same: prints a run, then kills itself with a signal.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8nInstance } = require(join(__dirname, '..', '..', 'scripts', 'lib', 'n8n.js'));

let folder: string;
beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'n8n-cli-crash-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** An N8nInstance whose "n8n" is a script: it counts its runs, prints `output`, then ends as told. */
function instanceEndingWith(ending: string, output = '') {
	const bin = join(folder, 'n8n.js');
	const counter = join(folder, 'runs');
	writeFileSync(counter, '0');
	writeFileSync(
		bin,
		`const fs = require('node:fs');
		const runs = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
		fs.writeFileSync(${JSON.stringify(counter)}, String(runs));
		process.stdout.write(${JSON.stringify(output)});
		${ending}`,
	);
	const reported: string[] = [];
	const n8n = new N8nInstance({
		runtime: { N24_BIN: process.execPath, N8N_BIN: bin, NODE24: folder, N8N_VERSION: '2.41.1' },
		userFolder: folder,
		port: 1,
		brokerPort: 2,
		processes: undefined,
		logFile: join(folder, 'n8n.log'),
		report: (line: string) => reported.push(line),
	});
	return { n8n, reported, runs: () => Number(readFileSync(counter, 'utf8')) };
}

const successfulRun = `${JSON.stringify({ status: 'success', data: { resultData: { runData: {} } } }, null, 2)}\n`;

test('a complete, successful run followed by SIGSEGV on the way out is a run that succeeded', async () => {
	const { n8n, reported } = instanceEndingWith(`process.kill(process.pid, 'SIGSEGV');`, successfulRun);
	const result = await n8n.execute('wf');
	expect(result.code).toBe('SIGSEGV');
	expect(result.run.status).toBe('success');
	expect(result.succeeded).toBe(true);
	expect(reported).toEqual([
		"    · n8n execute died of SIGSEGV (n8n's CLI on its way out; counted)\n",
	]);
});

test('a crash before the run was printed, an error exit or a kill is not a success', async () => {
	expect((await instanceEndingWith(`process.kill(process.pid, 'SIGSEGV');`).n8n.execute('wf')).succeeded).toBe(false);
	expect((await instanceEndingWith('process.exit(1);', successfulRun).n8n.execute('wf')).succeeded).toBe(false);
	const killed = instanceEndingWith(`process.kill(process.pid, 'SIGKILL');`, successfulRun);
	expect((await killed.n8n.execute('wf')).succeeded).toBe(false);
	expect(killed.reported).toEqual([]);
});

test('a set-up command that crashes on the way out runs again; one that fails does not', async () => {
	const crashesOnce = instanceEndingWith(`if (runs === 1) process.kill(process.pid, 'SIGSEGV');`);
	await crashesOnce.n8n.mustCli(['import:workflow', '--input=x.json']);
	expect(crashesOnce.runs()).toBe(2);
	expect(crashesOnce.reported).toHaveLength(1);

	const fails = instanceEndingWith('process.exit(1);');
	await expect(fails.n8n.mustCli(['import:workflow', '--input=x.json'])).rejects.toThrow(/exit 1/);
	expect(fails.runs()).toBe(1);
});
