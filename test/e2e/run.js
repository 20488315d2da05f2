#!/usr/bin/env node
// `npm run test:e2e`: the packed package in a real n8n against the sandbox, then the editor in
// headless Chromium. Prints "n8n <version> on Node <major>.x: N passed, N failed", then the plain
// "N passed, N failed" CI sums, and exits non-zero on failure.
//   --n8n <version>  another n8n line (1.123.81 runs on Node 22; test/e2e/lines.js), cached by version
//   --keep           keep the temp folder (n8n user folder, logs, pictures of failed editor checks)
//   --no-browser     skip the editor checks (they count as failed, so CI never skips them silently)
//   --screenshots    write the editor pictures into docs/images (`npm run screenshots`); a plain run
//                    keeps them in its temp folder, so testing never changes tracked files
const { actionsSuite } = require('./actions.e2e');
const { documentExtrasCliSuite, documentExtrasServerSuite } = require('./documentExtras.e2e');
const { aiAgentSuite } = require('./aiAgent.e2e');
const { credentialSuite } = require('./credentials.e2e');
const { editorSuite } = require('./editor.e2e');
const { createEnvironment } = require('./environment');
const { activity, blocked, summary, suite, test } = require('./harness');
const { triggerSuite, prepareTriggers, pollSuite } = require('./triggers.e2e');
const { pollModes } = require('./pollModes');
const { securitySuite } = require('./security.e2e');
const { stampsTemplatesSuite } = require('./stampsTemplates.e2e');
const { importContent } = require('./content');
const { chooseLine, nodeLabel } = require('./lines');
const { loadRuntime } = require('../../scripts/lib/package');
const { FIRST_BOOT_SAFETY_NET_MS, N8N_BOOT, deadline, explain } = require('../../scripts/lib/pace');
const { watchParent } = require('../../scripts/lib/processes');

const args = new Set(process.argv.slice(2));
const line = chooseLine(process.argv.slice(2));
/** `--only-security`: setup, the server and the webhook security suite, to try that part alone. */
const onlySecurity = args.has('--only-security');
if (args.has('--screenshots')) {
	process.env.E2E_SCREENSHOTS_DIR = require('node:path').join(
		__dirname,
		'..',
		'..',
		'docs',
		'images',
	);
}
const started = Date.now();
/**
 * The run stops when nothing has moved for 30 boots of n8n (measured in this run): no check
 * started or ended. Every check has its own hang guard (20 boots), so this catches only a hang
 * between checks. A slow but moving run is never stopped.
 */
const STALL = [N8N_BOOT, 30, 4 * FIRST_BOOT_SAFETY_NET_MS];

async function main() {
	process.stdout.write(`Real n8n end-to-end suite: n8n ${line.version} on Node ${line.node}\n`);
	let env;
	let exitCode = 1;
	let finishing = false;
	let watchdog;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void finish(130));
	watchParent(() => void finish(1));

	async function finish(code) {
		if (finishing) return;
		finishing = true;
		clearInterval(watchdog);
		const result = summary();
		if (env) {
			const keepFiles = args.has('--keep') || result.failed > 0;
			await env.close({ keepFiles }).catch(() => undefined);
			if (keepFiles) process.stdout.write(`\nFiles and logs kept in ${env.workDir}\n`);
		}
		const node = env ? nodeLabel(env.runtime.N24_BIN) : `Node ${line.node.split('.')[0]}.x`;
		process.stdout.write(
			`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s\nn8n ${line.version} on ${node}: ${result.line}\n${result.line}\n`,
		);
		process.exit(result.failed > 0 || code !== 0 ? 1 : 0);
	}

	try {
		suite('setup');
		// The first run installs Node and n8n (about 6 minutes); the time limit starts after that.
		const runtime = await test(
			`Node ${line.node} and n8n ${line.version} (scripts/n8n-runtime.sh)`,
			loadRuntime,
			{
				timeoutMs: 20 * 60 * 1000,
			},
		);
		if (!runtime) return await finish(1);
		// A hung step must not hold CI: a run where nothing moves stops, and everything it started stops.
		watchdog = setInterval(() => {
			if (Date.now() - activity.changedAt < deadline(...STALL)) return;
			process.stdout.write(
				`\nNothing moved in the e2e run for ${explain(...STALL)} (running: ${activity.running ?? 'no check'}); stopping.\n`,
			);
			void finish(1);
		}, 5000);
		watchdog.unref();

		let ready = false;
		await test(
			'build, pack and install the package; start the sandbox',
			async () => {
				env = await createEnvironment();
				ready = true;
			},
			{ timeoutMs: 600_000 },
		);
		if (!ready) return await finish(1);

		let imported = false;
		await test('import the credentials and workflows with the n8n CLI', async () => {
			await importContent(env);
			imported = true;
		});
		// n8n's scheduler modes: n8n instances of their own, copied from this user folder now,
		// running beside the rest of the suite.
		const pollModeRuns = imported && !onlySecurity ? pollModes.start(env) : undefined;
		if (onlySecurity) blocked('all suites but webhook security', '--only-security was given');
		else if (imported) {
			await actionsSuite(env);
			await stampsTemplatesSuite(env);
			await documentExtrasCliSuite(env);
			// Also CLI runs: they must end before the server starts (both would share the SQLite file).
			await aiAgentSuite(env);
		} else blocked('action node and AI Agent suites', 'the import failed');

		suite('server');
		let serverUp = false;
		await test('n8n start on 127.0.0.1 with the community package loaded', async () => {
			await env.n8n.start();
			await env.n8n.signInOwner(env.owner);
			await env.n8n.createApiKey('e2e');
			serverUp = true;
		});
		if (serverUp && onlySecurity) await securitySuite(env);
		else if (serverUp) {
			await credentialSuite(env);
			const triggers = await prepareTriggers(env);
			await triggerSuite(env, triggers);
			await documentExtrasServerSuite(env);
			// The poll trigger waits for n8n's next full minute; the browser checks run meanwhile.
			const pollPending = await pollSuite.start(env, triggers);
			if (args.has('--no-browser')) blocked('editor in Chromium', '--no-browser was given');
			else if (line.major < 2) {
				// The editor checks follow n8n 2.x's test IDs and panels; 1.x's editor differs
				// (docs/compatibility.md), and the package's descriptions are the same on both.
				process.stdout.write(`\neditor in Chromium: checked on n8n 2.x only\n`);
			} else await editorSuite(env);
			await pollSuite.finish(env, triggers, pollPending);
			if (imported) await pollModes.finish(env, pollModeRuns);
			// Last: it restarts n8n.
			await securitySuite(env);
		} else {
			blocked('credential, trigger and editor suites', 'n8n did not start');
		}
		exitCode = 0;
	} catch (error) {
		process.stdout.write(`\nThe e2e run stopped: ${error.stack ?? error}\n`);
	}
	await finish(exitCode);
}

void main();
