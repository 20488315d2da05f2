// A private Redis for n8n's queue mode (the Bull queue between main and workers): Debian's
// redis-server, installed with apt-get when missing, on its own loopback port with persistence
// off, stopped with the ProcessGroup that started it.
const { accessSync, constants, mkdirSync, readFileSync, statSync } = require('node:fs');
const { delimiter, join } = require('node:path');
const net = require('node:net');

const { run, waitFor } = require('./processes');

/** The command's path on $PATH (plus the sbin folders root's PATH may lack), or undefined. */
function which(command) {
	const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin'];
	return folders.map((folder) => join(folder, command)).find((path) => isExecutable(path));
}

function isExecutable(path) {
	try {
		accessSync(path, constants.X_OK);
		return statSync(path).isFile();
	} catch {
		return false;
	}
}

/**
 * The redis-server binary; installs the Debian package when it is missing and we are root.
 * Debian images ship /usr/sbin/policy-rc.d (exit 101), so the package does not start a
 * system-wide Redis on 6379 as a side effect.
 */
async function ensureRedisServer(log = () => undefined) {
	const found = which('redis-server');
	if (found) return { path: found, installedMs: 0 };
	if (process.getuid?.() !== 0) {
		throw new Error(
			'Redis could not start: redis-server is not installed, and installing it needs root (apt-get install redis-server)',
		);
	}
	const started = Date.now();
	log('installing Redis (Debian package redis-server)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = async () =>
		await run('apt-get', ['install', '-y', '-qq', 'redis-server'], { env, timeoutMs: 600_000 });
	let result = await install();
	if (result.code !== 0) {
		// Package lists may be missing or stale on a fresh machine.
		await run('apt-get', ['update', '-qq'], { env, timeoutMs: 600_000 });
		result = await install();
	}
	const path = which('redis-server');
	if (result.code !== 0 || !path) {
		throw new Error(
			`Redis could not start: apt-get install redis-server failed (exit ${result.code}): ${(result.stdout + result.stderr).trim().slice(-800)}`,
		);
	}
	return { path, installedMs: Date.now() - started };
}

/** One RESP round trip: true when the server answers PING with PONG. */
async function ping(port) {
	return await new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (value) => {
			socket.destroy();
			resolve(value);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		// Something else on the port may hang up without a word.
		socket.on('close', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

function tail(file, lines = 10) {
	try {
		return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

class RedisServer {
	/**
	 * @param {object} options
	 * @param {import('./processes').ProcessGroup} options.processes
	 * @param {number} options.port
	 * @param {string} options.dir      working folder (nothing is saved there with --save '')
	 * @param {string} options.logFile
	 */
	constructor({ processes, port, dir, logFile }) {
		Object.assign(this, { processes, port, dir, logFile });
		this.handle = undefined;
		this.installedMs = 0;
	}

	async start(log) {
		const { path, installedMs } = await ensureRedisServer(log);
		this.installedMs = installedMs;
		mkdirSync(this.dir, { recursive: true });
		this.handle = this.processes.start(
			'redis',
			path,
			[
				'--port',
				String(this.port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
				'--dir',
				this.dir,
			],
			{ logFile: this.logFile },
		);
		await waitFor('Redis to answer PING', async () => await ping(this.port), {
			timeoutMs: 20_000,
			intervalMs: 100,
			abort: () =>
				this.handle.exitCode !== undefined
					? `Redis could not start on 127.0.0.1:${this.port} (exit ${this.handle.exitCode}):\n${tail(this.logFile)}`
					: undefined,
		});
	}

	/** n8n's Bull queue settings (@n8n/config ScalingModeConfig). */
	n8nEnv() {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}

	async stop() {
		if (this.handle) await this.processes.stop(this.handle);
	}
}

module.exports = { RedisServer, ensureRedisServer, ping };
