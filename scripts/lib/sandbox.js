// The eformsign sandbox as a separate process (sandbox/cli.ts), driven through its HTTP control
// API under /_sandbox/ (sandbox/control.ts), the same way a user's terminal would.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const { ROOT } = require('./package');
const { run, waitFor } = require('./processes');

const CLI = join(ROOT, '.build', 'sandbox', 'cli.js');

async function compileSandbox() {
	const result = await run(
		process.platform === 'win32' ? 'npx.cmd' : 'npx',
		['tsc', '-p', 'tsconfig.sandbox.json'],
		{ cwd: ROOT },
	);
	if (result.code !== 0)
		throw new Error(
			`compiling the sandbox failed:\n${(result.stdout + result.stderr).slice(-3000)}`,
		);
	if (!existsSync(CLI))
		throw new Error(`${CLI} is missing after compiling sandbox/ (sandbox/cli.ts not there yet?)`);
}

class SandboxProcess {
	constructor({ processes, port, logFile }) {
		Object.assign(this, { processes, port, logFile });
		this.url = `http://127.0.0.1:${port}`;
		this.handle = undefined;
		this.demo = undefined;
	}

	async start({ webhookUrl, webhookVerification = 'signature' } = {}) {
		const args = [CLI, '--port', String(this.port)];
		if (webhookUrl)
			args.push('--webhook-url', webhookUrl, '--webhook-verification', webhookVerification);
		this.handle = this.processes.start('sandbox', process.execPath, args, {
			cwd: ROOT,
			logFile: this.logFile,
		});
		// A safety net: the sandbox answers within a second or two, and if it dies the wait says why.
		this.demo = await waitFor(
			'the sandbox to answer (a safety net of 2 min)',
			async () => await this.control('GET', '/demo'),
			{
				timeoutMs: 120_000,
				intervalMs: 150,
				abort: () =>
					this.handle.exitCode !== undefined
						? `the sandbox exited (${this.handle.exitCode}); see ${this.logFile}`
						: undefined,
			},
		);
		return this.demo;
	}

	async stop() {
		if (this.handle) await this.processes.stop(this.handle);
	}

	/** `control('POST', '/documents/<id>/advance', { action: 'accept' })` → parsed JSON. */
	async control(method, path, body) {
		const response = await fetch(`${this.url}/_sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(
				`sandbox ${method} /_sandbox${path} answered ${response.status}: ${text.slice(0, 300)}`,
			);
		return text ? JSON.parse(text) : undefined;
	}

	async setWebhook(config) {
		return await this.control('PUT', '/webhook', config);
	}

	/** Every API request the sandbox received (not the control calls), oldest first. */
	async log() {
		return await this.control('GET', '/log');
	}

	async clearLog() {
		return await this.control('DELETE', '/log');
	}

	async deliveries() {
		return await this.control('GET', '/deliveries');
	}

	/** Accepts steps until the document is completed (phase `completed`, status 003); returns the final state. */
	async complete(documentId, maxSteps = 6) {
		let state;
		for (let step = 0; step < maxSteps; step++) {
			state = await this.control('POST', `/documents/${encodeURIComponent(documentId)}/advance`, {
				action: 'accept',
			});
			if (state.phase === 'completed') return state;
		}
		throw new Error(
			`document ${documentId} is not completed after ${maxSteps} steps (status ${state?.status_type})`,
		);
	}

	/** The one-line shell command that does what complete() does, for people. */
	completeCommand(documentId) {
		return `curl -s -X POST ${this.url}/_sandbox/documents/${documentId}/advance`;
	}
}

module.exports = { SandboxProcess, compileSandbox };
