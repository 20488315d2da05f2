// n8n's queue mode on one machine: a private Postgres and Redis, one main process (editor,
// webhooks, triggers), `n8n worker` processes that run the executions from the Bull queue and,
// optionally, `n8n webhook` processes that receive production webhooks beside main.
// Shared: the database, the queue and the encryption key; each process has its own user folder,
// broker port and (for workers) health port. Used by the queue suite, the benchmark and
// `npm run dev -- --queue`.
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, symlinkSync } = require('node:fs');
const { join } = require('node:path');

const { N8nInstance } = require('./n8n');
const { PostgresCluster } = require('./postgres');
const { freePort } = require('./processes');
const { RedisServer } = require('./redis');

async function distinctPorts(count, taken = new Set()) {
	const ports = [];
	while (ports.length < count) {
		const port = await freePort();
		if (!taken.has(port) && !ports.includes(port)) ports.push(port);
	}
	return ports;
}

/** What a worker logs when it takes a job (packages/cli/src/scaling/job-processor.ts). */
const WORKER_STARTED = /Worker started execution (\d+)/g;

class QueueTopology {
	/**
	 * @param {object} options
	 * @param {Record<string,string>} options.runtime  from loadRuntime()
	 * @param {import('./processes').ProcessGroup} options.processes
	 * @param {string} options.workDir     logs and the workers' user folders go here
	 * @param {string} options.userFolder  main's user folder, with the package in .n8n/nodes
	 * @param {number} [options.workers]   how many `n8n worker` processes
	 * @param {number} [options.webhookProcesses] how many `n8n webhook` processes (no balancer: each
	 *   has its own URL, `webhookProcesses[i].url`)
	 * @param {number} [options.concurrency] jobs each worker runs at once
	 * @param {number} [options.port]      main's port (a free one when not given)
	 * @param {string} [options.encryptionKey] shared by every process (a new one when not given)
	 * @param {string} [options.logLevel]
	 * @param {Record<string,string>} [options.extraEnv] more n8n settings for every process
	 * @param {Record<string,string>} [options.postgresSettings] more Postgres server settings
	 */
	constructor({
		runtime,
		processes,
		workDir,
		userFolder,
		workers = 2,
		webhookProcesses = 0,
		concurrency = 10,
		port,
		encryptionKey,
		logLevel = 'info',
		extraEnv = {},
		postgresSettings = {},
	}) {
		Object.assign(this, { runtime, processes, workDir, userFolder, concurrency, logLevel, extraEnv });
		this.postgresSettings = postgresSettings;
		this.workerCount = workers;
		this.webhookProcessCount = webhookProcesses;
		this.requestedPort = port;
		this.encryptionKey = encryptionKey ?? randomBytes(24).toString('hex');
		this.postgres = undefined;
		this.redis = undefined;
		this.main = undefined;
		this.workers = [];
		this.webhookProcesses = [];
		this.timings = {};
	}

	async timed(label, fn) {
		const started = Date.now();
		try {
			return await fn();
		} finally {
			this.timings[label] = Date.now() - started;
		}
	}

	/** Starts Postgres and Redis and prepares (does not start) the n8n processes. */
	async prepare(log = () => undefined) {
		await this.startPostgres(log);
		await this.startRedis(log);
		this.createN8nProcesses();
	}

	async allocatePorts() {
		const taken = new Set(this.requestedPort ? [this.requestedPort] : []);
		this.ports ??= await distinctPorts(
			4 + 2 * this.workerCount + 2 * this.webhookProcessCount,
			taken,
		);
		return this.ports;
	}

	async startPostgres(log = () => undefined) {
		const [pgPort] = await this.allocatePorts();
		this.postgres = new PostgresCluster({
			processes: this.processes,
			port: pgPort,
			logFile: join(this.workDir, 'logs', 'postgres.log'),
			settings: this.postgresSettings,
		});
		await this.timed('postgres', () => this.postgres.start());
		log(`Postgres on 127.0.0.1:${pgPort} (${this.timings.postgres} ms)`);
	}

	async startRedis(log = () => undefined) {
		const [, redisPort] = await this.allocatePorts();
		this.redis = new RedisServer({
			processes: this.processes,
			port: redisPort,
			dir: join(this.workDir, 'redis'),
			logFile: join(this.workDir, 'logs', 'redis.log'),
		});
		await this.timed('redis', () => this.redis.start(log));
		log(
			`Redis on 127.0.0.1:${redisPort} (${this.timings.redis} ms${this.redis.installedMs ? `, of which apt-get install ${this.redis.installedMs} ms` : ''})`,
		);
	}

	createN8nProcesses() {
		const ports = this.ports;
		const [, , mainPort, mainBroker] = ports;
		const logs = join(this.workDir, 'logs');
		const shared = {
			...this.postgres.n8nEnv(),
			...this.redis.n8nEnv(),
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			// Stop within the ProcessGroup's grace period instead of waiting 30 s for running jobs.
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			...this.extraEnv,
		};
		this.main = new N8nInstance({
			runtime: this.runtime,
			userFolder: this.userFolder,
			port: this.requestedPort ?? mainPort,
			brokerPort: mainBroker,
			processes: this.processes,
			logFile: join(logs, 'n8n-main.log'),
			logLevel: this.logLevel,
			extraEnv: shared,
			name: 'n8n main',
		});
		for (let index = 0; index < this.workerCount; index++) {
			const healthPort = ports[4 + 2 * index];
			const brokerPort = ports[5 + 2 * index];
			const userFolder = join(this.workDir, `worker-${index + 1}`);
			linkInstalledPackages(this.userFolder, userFolder);
			this.workers.push(
				new N8nInstance({
					runtime: this.runtime,
					userFolder,
					port: healthPort,
					brokerPort,
					processes: this.processes,
					logFile: join(logs, `n8n-worker-${index + 1}.log`),
					logLevel: this.logLevel,
					extraEnv: {
						...shared,
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(healthPort),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					},
					command: ['worker', `--concurrency=${this.concurrency}`],
					name: `n8n worker ${index + 1}`,
				}),
			);
		}
		const webhookPorts = ports.slice(4 + 2 * this.workerCount);
		for (let index = 0; index < this.webhookProcessCount; index++) {
			const userFolder = join(this.workDir, `webhook-${index + 1}`);
			linkInstalledPackages(this.userFolder, userFolder);
			this.webhookProcesses.push(
				new N8nInstance({
					runtime: this.runtime,
					userFolder,
					port: webhookPorts[2 * index],
					brokerPort: webhookPorts[2 * index + 1],
					processes: this.processes,
					logFile: join(logs, `n8n-webhook-${index + 1}.log`),
					logLevel: this.logLevel,
					extraEnv: shared,
					command: ['webhook'],
					name: `n8n webhook ${index + 1}`,
				}),
			);
		}
	}

	/** Main first (it runs the database migrations), then every worker and webhook process at once. */
	async startN8n() {
		await this.timed('main start', () => this.main.start());
		await this.timed('workers start', () =>
			Promise.all([
				this.startWorkers(),
				...this.webhookProcesses.map((webhookProcess) => webhookProcess.start()),
			]),
		);
	}

	async startWorkers(workers = this.workers) {
		await Promise.all(workers.map((worker) => worker.start()));
	}

	async stopWorkers(workers = this.workers) {
		await Promise.all(workers.map((worker) => worker.stop()));
	}

	async restartWorkers() {
		await this.stopWorkers();
		await this.timed('workers restart', () => this.startWorkers());
	}

	/** Stops every n8n process (webhook processes and workers first, then main). */
	async stopN8n() {
		await Promise.all([...this.webhookProcesses, ...this.workers].map((instance) => instance.stop()));
		await this.main.stop();
	}

	/**
	 * Every n8n process again with other n8n settings (`extraEnv`), on the same Postgres, Redis and
	 * ports: what a benchmark compares between settings stays the same otherwise.
	 */
	async restartN8nWith(extraEnv) {
		await this.stopN8n();
		this.extraEnv = extraEnv;
		this.workers = [];
		this.webhookProcesses = [];
		this.createN8nProcesses();
		await this.startN8n();
	}

	async restartMain() {
		await this.main.stop();
		await this.timed('main restart', () => this.main.start());
	}

	/** Which worker started which execution, from the workers' logs: Map<executionId, worker index>. */
	executionsByWorker() {
		const byExecution = new Map();
		this.workers.forEach((worker, index) => {
			const text = existsSync(worker.logFile) ? readFileSync(worker.logFile, 'utf8') : '';
			for (const match of text.matchAll(WORKER_STARTED)) byExecution.set(match[1], index);
		});
		return byExecution;
	}

	/** Every process, newest first, then the Postgres files. */
	async stop() {
		await this.processes.stopAll();
		if (this.postgres) await this.postgres.stop();
	}

	describe() {
		return [
			`  n8n main     ${this.main.url}   (editor, webhooks; log ${this.main.logFile})`,
			...this.workers.map(
				(worker) => `  ${worker.name}  health ${worker.readinessUrl}   (log ${worker.logFile})`,
			),
			...this.webhookProcesses.map(
				(webhookProcess) =>
					`  ${webhookProcess.name} ${webhookProcess.url}   (production webhooks; log ${webhookProcess.logFile})`,
			),
			`  Postgres     127.0.0.1:${this.postgres.port}  database ${this.postgres.database.name}, user ${this.postgres.database.user}`,
			`  Redis        127.0.0.1:${this.redis.port}  (Bull queue, nothing saved to disk)`,
		].join('\n');
	}
}

/** A worker loads community packages from its own user folder: share main's installed ones. */
function linkInstalledPackages(fromUserFolder, toUserFolder) {
	const target = join(toUserFolder, '.n8n', 'nodes');
	mkdirSync(join(toUserFolder, '.n8n'), { recursive: true });
	if (!existsSync(target)) symlinkSync(join(fromUserFolder, '.n8n', 'nodes'), target, 'dir');
}

module.exports = { QueueTopology };
