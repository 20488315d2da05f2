#!/usr/bin/env node
// `npm run test:e2e`: the packed package in a real n8n 2.x (Node 24) against the sandbox, then the
// editor in headless Chromium. Prints "N passed, N failed" last and exits non-zero on failure.
//   --keep        keep the temp folder (n8n user folder, logs, pictures of failed editor checks)
//   --no-browser  skip the editor checks (they count as failed, so CI never skips them silently)
const { actionsSuite } = require('./actions.e2e');
const { credentialSuite } = require('./credentials.e2e');
const { editorSuite } = require('./editor.e2e');
const { createEnvironment } = require('./environment');
const { blocked, summary, suite, test } = require('./harness');
const { triggerSuite, prepareTriggers, pollSuite } = require('./triggers.e2e');
const { securitySuite } = require('./security.e2e');
const { importContent } = require('./content');
const { loadRuntime } = require('../../scripts/lib/package');
const { watchParent } = require('../../scripts/lib/processes');

const args = new Set(process.argv.slice(2));
const started = Date.now();
// The webhook security suite (about 3 minutes on 2 busy cores) is part of it.
const WHOLE_RUN_LIMIT_MS = 13 * 60 * 1000;

async function main() {
	process.stdout.write('Real n8n end-to-end suite\n');
	let env;
	let exitCode = 1;
	let finishing = false;
	let watchdog;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void finish(130));
	watchParent(() => void finish(1));

	async function finish(code) {
		if (finishing) return;
		finishing = true;
		clearTimeout(watchdog);
		const result = summary();
		if (env) {
			const keepFiles = args.has('--keep') || result.failed > 0;
			await env.close({ keepFiles }).catch(() => undefined);
			if (keepFiles) process.stdout.write(`\nFiles and logs kept in ${env.workDir}\n`);
		}
		process.stdout.write(
			`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s\n${result.line}\n`,
		);
		process.exit(result.failed > 0 || code !== 0 ? 1 : 0);
	}

	try {
		suite('setup');
		// The first run installs Node 24 and n8n (about 6 minutes); the time limit starts after that.
		const runtime = await test('Node 24 and n8n (scripts/n8n-runtime.sh)', loadRuntime, {
			timeoutMs: 20 * 60 * 1000,
		});
		if (!runtime) return await finish(1);
		// A hung step must not hold CI: the rest has a hard limit, and everything it started stops.
		watchdog = setTimeout(() => {
			process.stdout.write(
				`\nThe e2e run exceeded ${WHOLE_RUN_LIMIT_MS / 60000} minutes; stopping.\n`,
			);
			void finish(1);
		}, WHOLE_RUN_LIMIT_MS);
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
		if (imported) await actionsSuite(env);
		else blocked('action node suites', 'the import failed');

		suite('server');
		let serverUp = false;
		await test('n8n start on 127.0.0.1 with the community package loaded', async () => {
			await env.n8n.start();
			await env.n8n.signInOwner(env.owner);
			await env.n8n.createApiKey('e2e');
			serverUp = true;
		});
		if (serverUp) {
			await credentialSuite(env);
			const triggers = await prepareTriggers(env);
			await triggerSuite(env, triggers);
			// The poll trigger waits for n8n's next full minute; the browser checks run meanwhile.
			const pollPending = await pollSuite.start(env, triggers);
			if (args.has('--no-browser')) blocked('editor in Chromium', '--no-browser was given');
			else await editorSuite(env);
			await pollSuite.finish(env, triggers, pollPending);
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
