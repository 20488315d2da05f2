// One real n8n (2.x on Node 24, or 1.x on Node 22, from scripts/n8n-runtime.sh) on 127.0.0.1 with its
// own user folder: the CLI for imports and headless runs, the server, and the REST / public API a
// user's browser or script would call. Where the two lines differ, `major` chooses (docs/compatibility.md).
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const { FIRST_BOOT_SAFETY_NET_MS, N8N_BOOT, deadline, explain, measured } = require('./pace');
const { delay, run, waitFor } = require('./processes');

const BROWSER_ID = 'n8n-nodes-eformsign-scripts';
/** n8n's own N8N_GRACEFUL_SHUTDOWN_TIMEOUT (seconds, the same default on 1.x and 2.x). */
const N8N_SHUTDOWN_LIMIT_S = 30;

/**
 * n8n pings its database every 2 s and answers every request with 503 "Database is not ready!" for
 * as long as one ping took over 5 s (both lines; @n8n/db db-connection). On a starved machine with
 * SQLite that happens for seconds at a time. Nothing was done with such a request, so it is sent
 * again, for at most one boot of n8n in this run.
 */
function databaseNotReady(status, text) {
	return status === 503 && /Database is not ready/.test(text);
}

async function untilDatabaseReady(send) {
	const giveUpAt = Date.now() + deadline(N8N_BOOT, 1, FIRST_BOOT_SAFETY_NET_MS);
	for (;;) {
		const answer = await send();
		if (!databaseNotReady(answer.status, answer.text) || Date.now() > giveUpAt) return answer;
		await delay(500);
	}
}

/** Deadline for anything that boots n8n (a CLI command, a start): 5 × the run's first boot. */
const bootDeadline = () => deadline(N8N_BOOT, 5, FIRST_BOOT_SAFETY_NET_MS);
const bootDeadlineText = () => explain(N8N_BOOT, 5, FIRST_BOOT_SAFETY_NET_MS);

class N8nInstance {
	/**
	 * @param {object} options
	 * @param {Record<string,string>} options.runtime  from loadRuntime()
	 * @param {string} options.userFolder              N8N_USER_FOLDER (the `.n8n` folder lives inside)
	 * @param {number} options.port                    editor, REST and webhooks
	 * @param {number} options.brokerPort              the JS task runner's broker
	 * @param {import('./processes').ProcessGroup} options.processes
	 * @param {string} options.logFile                 where the server's output goes
	 * @param {Record<string,string>} [options.extraEnv]  more settings, e.g. queue mode's DB and Redis
	 * @param {string[]} [options.command]               the n8n command start() runs (`worker` for a queue worker)
	 * @param {string} [options.name]                    the process's name in logs and errors
	 * @param {string} [options.readinessUrl]            what start() polls (a worker answers on its health port)
	 * @param {(line: string) => void} [options.report]  where a line for the run's log goes
	 */
	constructor({
		runtime,
		userFolder,
		port,
		brokerPort,
		processes,
		logFile,
		logLevel = 'info',
		extraEnv = {},
		command = ['start'],
		name = 'n8n',
		readinessUrl,
		report = (line) => process.stdout.write(line),
	}) {
		Object.assign(this, { runtime, userFolder, port, brokerPort, processes, logLevel, logFile });
		Object.assign(this, { extraEnv, command, name, report });
		this.url = `http://127.0.0.1:${port}`;
		this.readinessUrl = readinessUrl ?? `${this.url}/healthz/readiness`;
		this.cookie = undefined;
		this.apiKey = undefined;
		this.server = undefined;
		/** n8n's major version: 1 and 2 differ in a few env names and REST calls. */
		this.major = Number(String(runtime.N8N_VERSION ?? '2').split('.')[0]);
	}

	/** A private local n8n: loopback only, nothing phones home, cookies over plain http. */
	env() {
		const env = { ...process.env };
		// n8n puts some scratch folders under the OS temp dir; keep them inside the user folder.
		const tmp = join(this.userFolder, 'tmp');
		mkdirSync(tmp, { recursive: true });
		// A developer's own N8N_* settings (or npm's variables) must not leak into this instance.
		for (const key of Object.keys(env)) {
			if (key.startsWith('N8N_') || key.startsWith('npm_')) delete env[key];
		}
		return {
			...env,
			PATH: `${this.runtime.NODE24}/bin:${process.env.PATH}`,
			TMPDIR: tmp,
			N8N_USER_FOLDER: this.userFolder,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_WEBHOOK_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: this.logLevel,
			N8N_LOG_OUTPUT: 'console',
			// n8n 1.x reads the public webhook base URL from WEBHOOK_URL (2.x: N8N_WEBHOOK_URL).
			...(this.major < 2 ? { WEBHOOK_URL: `${this.url}/` } : {}),
			...this.extraEnv,
		};
	}

	/** Runs an n8n CLI command; the first one of the run (it boots n8n) is the `n8nBoot` baseline. */
	async cli(args, { timeoutMs = bootDeadline() } = {}) {
		const started = Date.now();
		const result = await run(this.runtime.N24_BIN, [this.runtime.N8N_BIN, ...args], {
			env: this.env(),
			timeoutMs,
		}).catch((error) => {
			throw new Error(`${error.message} (deadline ${bootDeadlineText()})`);
		});
		if (result.code === 0) measured(N8N_BOOT, Date.now() - started);
		if (crashedOnExit(result)) {
			this.report(`    · n8n ${args[0]} died of ${result.signal} (n8n's CLI on its way out; counted)\n`);
		}
		return result;
	}

	/** For commands that may run twice (import upserts by ID, publishing is idempotent). */
	async mustCli(args, options) {
		let result = await this.cli(args, options);
		// A crash on the way out leaves it unknown whether the work was done: do it again.
		if (crashedOnExit(result)) result = await this.cli(args, options);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args[0]} failed (exit ${result.code}):\n${(result.stdout + result.stderr).trim().slice(-3000)}`,
			);
		}
		return result;
	}

	async importFile(kind, entries) {
		const file = join(this.userFolder, 'import', `${kind}-${Date.now()}.json`);
		mkdirSync(join(this.userFolder, 'import'), { recursive: true });
		writeFileSync(file, JSON.stringify(entries, null, 2), { mode: 0o600 });
		try {
			await this.mustCli([`import:${kind}`, `--input=${file}`]);
		} finally {
			// Credentials are in plain text here; n8n keeps them encrypted in its database.
			rmSync(file, { force: true });
		}
	}

	/** Plain `data` is encrypted by n8n on import. */
	async importCredentials(credentials) {
		await this.importFile('credentials', credentials);
	}

	async importWorkflows(workflows) {
		await this.importFile('workflow', workflows);
	}

	/**
	 * `n8n execute --id` (the server must not be running: both would share the SQLite file).
	 * Returns the exit code and the IRun n8n printed, parsed.
	 */
	async execute(workflowId) {
		const started = Date.now();
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const run = parseRun(result.stdout);
		// n8n prints the run only once the execution has finished and been saved, so a complete,
		// successful run followed by a crash on the way out is a run that succeeded.
		const succeeded = run?.status === 'success' && (result.code === 0 || crashedOnExit(result));
		return {
			code: result.code ?? result.signal,
			succeeded,
			run,
			output: result.stdout + result.stderr,
			ms: Date.now() - started,
		};
	}

	/** Starts the server and waits until it is ready; the first boot of a run is the baseline. */
	async start() {
		const started = Date.now();
		// A start that is alive is only slow: its wait ends when n8n exits (abort below), and after
		// 15 boots as a hang guard. The baseline may come from a quiet minute of a busy machine (a
		// 1.x restart under load took more than 5 of a 4.4 s baseline).
		const timeoutMs = deadline(N8N_BOOT, 15, FIRST_BOOT_SAFETY_NET_MS);
		const limit = explain(N8N_BOOT, 15, FIRST_BOOT_SAFETY_NET_MS);
		this.server = this.processes.start(
			this.name,
			this.runtime.N24_BIN,
			[this.runtime.N8N_BIN, ...this.command],
			{
				env: this.env(),
				logFile: this.logFile,
			},
		);
		await waitFor(
			`${this.name} to be ready (deadline ${limit})`,
			async () => (await fetch(this.readinessUrl)).ok,
			{
				timeoutMs,
				intervalMs: 300,
				abort: () =>
					this.server.exitCode !== undefined
						? `${this.name} exited (${this.server.exitCode}); see ${this.logFile}`
						: undefined,
			},
		);
		// n8n 1.x reports ready once its database is up, before the REST routes are registered
		// (only `n8n start` has them: a worker or `n8n webhook` process serves none).
		if (this.major < 2 && this.command[0] === 'start') {
			await waitFor(
				`the n8n REST API (deadline ${limit})`,
				async () => (await fetch(`${this.url}/rest/settings`)).status === 200,
				{ timeoutMs: Math.max(timeoutMs - (Date.now() - started), 1000), intervalMs: 300 },
			);
		}
		measured(N8N_BOOT, Date.now() - started);
	}

	/**
	 * SIGTERM, then SIGKILL only after n8n's own shutdown limit (it waits that long for running
	 * executions, then exits by itself) plus one boot of this run.
	 */
	async stop() {
		const graceMs = N8N_SHUTDOWN_LIMIT_S * 1000 + deadline(N8N_BOOT, 1, 60_000);
		if (this.server) await this.processes.stop(this.server, graceMs);
	}

	/** SIGKILL, as a crash would: n8n gets no chance to finish anything. */
	async kill() {
		if (this.server) await this.processes.kill(this.server);
	}

	/** SIGKILL, as a crash or the OOM killer would: n8n gets no chance to clean up. */
	async kill() {
		if (this.server) await this.processes.kill(this.server);
	}

	/** A call to n8n's internal REST API (`/rest/...`) as the signed-in browser would make it. */
	async rest(method, path, body) {
		return await untilDatabaseReady(async () => await this.restOnce(method, path, body));
	}

	async restOnce(method, path, body) {
		const response = await fetch(`${this.url}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((value) => value.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, body: json, text };
	}

	async mustRest(method, path, body) {
		const response = await this.rest(method, path, body);
		if (response.status >= 300)
			throw new Error(
				`${method} /rest${path} answered ${response.status}: ${response.text.slice(0, 500)}`,
			);
		return response.body?.data ?? response.body;
	}

	/** Creates the owner on a fresh instance, or signs in when the owner exists already. */
	async signInOwner(owner) {
		const setup = await this.rest('POST', '/owner/setup', owner);
		if (setup.status === 200) return 'created';
		const login = await this.rest('POST', '/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
		if (login.status !== 200) {
			throw new Error(
				`owner setup answered ${setup.status} (${setup.text.slice(0, 200)}), login ${login.status}`,
			);
		}
		return 'signed-in';
	}

	/** An API key for the public API (`/api/v1`), created as the signed-in owner. */
	async createApiKey(label) {
		const scopes = ['workflow:read', 'workflow:list', 'execution:read', 'execution:list'];
		const data = await this.mustRest('POST', '/api-keys', { label, scopes, expiresAt: null });
		this.apiKey = data.rawApiKey;
		return this.apiKey;
	}

	async publicApi(method, path) {
		const { status, text } = await untilDatabaseReady(async () => {
			const response = await fetch(`${this.url}/api/v1${path}`, {
				method,
				headers: { 'x-n8n-api-key': this.apiKey },
			});
			return { status: response.status, text: await response.text() };
		});
		if (status < 200 || status >= 300)
			throw new Error(`${method} /api/v1${path} answered ${status}: ${text.slice(0, 300)}`);
		return JSON.parse(text);
	}

	/**
	 * Publishes (activates) a workflow the way the editor's Publish button does, then waits until
	 * its triggers are live: n8n 2.41 activates through a publication queue, so the webhook only
	 * answers once `publication-status` says `published`. Activation errors are thrown.
	 */
	async activate(workflowId, timeoutMs = deadline(N8N_BOOT, 2, FIRST_BOOT_SAFETY_NET_MS)) {
		if (this.major < 2) return await this.activateV1(workflowId);
		const workflow = await this.mustRest('GET', `/workflows/${workflowId}`);
		await this.mustRest('POST', `/workflows/${workflowId}/activate`, {
			versionId: workflow.versionId,
		});
		const status = await waitFor(
			`workflow ${workflowId} to be published (deadline ${explain(N8N_BOOT, 2, FIRST_BOOT_SAFETY_NET_MS)})`,
			async () => {
				const current = await this.mustRest('GET', `/workflows/${workflowId}/publication-status`);
				return current.status === 'in_progress' ? undefined : current;
			},
			{ timeoutMs, intervalMs: 250 },
		);
		if (status.status !== 'published') {
			const errors = status.triggers.map((trigger) => trigger.errorMessage).filter(Boolean);
			throw new Error(
				`publishing ${workflowId} ended "${status.status}": ${errors.join('; ') || 'no trigger is active'}`,
			);
		}
		return status;
	}

	/**
	 * n8n 1.x activates synchronously and has no publication status: the answer is the workflow, and
	 * an activation error (a trigger that refuses to start) is a 4xx with n8n's message.
	 */
	async activateV1(workflowId) {
		const workflow = await this.mustRest('GET', `/workflows/${workflowId}`);
		const activated = await this.mustRest('POST', `/workflows/${workflowId}/activate`, {
			versionId: workflow.versionId,
		});
		if (activated.active !== true) {
			throw new Error(`activating ${workflowId} left it inactive`);
		}
		return { status: 'published', triggers: undefined, workflow: activated };
	}

	async deactivate(workflowId) {
		return await this.mustRest('POST', `/workflows/${workflowId}/deactivate`, {});
	}

	/** Executions n8n recorded for a workflow, newest first, with their run data. */
	async executions(workflowId) {
		const { data } = await this.publicApi(
			'GET',
			`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100`,
		);
		return data;
	}
}

/** `execute --rawOutput` prints log lines first, then the run as pretty JSON starting at column 0. */
function parseRun(stdout) {
	const start = stdout.search(/^\{/m);
	if (start < 0) return undefined;
	const end = stdout.lastIndexOf('\n}');
	try {
		return JSON.parse(stdout.slice(start, end + 2));
	} catch {
		return undefined;
	}
}

/**
 * n8n's CLI sometimes dies of SIGSEGV after its work is done: `n8n execute` printed its complete,
 * successful run, then crashed (2.41.1 on Node 24 in 1 of 3 to 8 runs on this busy 2-core machine;
 * seen on 1.123.81 too). On 2.41.1 the commands end with process.exit() without disposing of the
 * expression engine's isolates, probably the cause. It is n8n's exit, after the node's work.
 */
const CRASH_SIGNALS = new Set(['SIGSEGV', 'SIGABRT', 'SIGBUS']);
function crashedOnExit(result) {
	return result.code === null && CRASH_SIGNALS.has(result.signal);
}

/**
 * Executions that have ended. n8n 1.x lists a queued execution as 'new' before it runs (seen on
 * 1.123.81 in a CI run under load), and a paused one as 'waiting': neither has its output yet.
 */
function finishedExecutions(executions) {
	return executions.filter((execution) => !UNFINISHED_STATUSES.has(execution.status));
}
const UNFINISHED_STATUSES = new Set(['new', 'running', 'waiting']);

/** The output items of one node in an IRun (first run, first output). */
function nodeOutput(runData, nodeName, outputIndex = 0) {
	const runs =
		runData?.data?.resultData?.runData?.[nodeName] ?? runData?.resultData?.runData?.[nodeName];
	return runs?.[0]?.data?.main?.[outputIndex] ?? undefined;
}

module.exports = {
	N8nInstance,
	databaseNotReady,
	finishedExecutions,
	nodeOutput,
	parseRun,
};
