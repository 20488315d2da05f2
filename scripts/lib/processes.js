// Child processes that must never outlive the script that started them (npm run dev, the e2e
// suite): each runs in its own process group, is stopped by its own id in reverse start order,
// and is killed synchronously if the parent exits some other way.
const { spawn } = require('node:child_process');
const { createWriteStream, mkdirSync } = require('node:fs');
const { dirname } = require('node:path');
const net = require('node:net');

/** A free TCP port on 127.0.0.1, chosen by the OS. */
async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** The preferred port when nothing listens on it, otherwise a free one. */
async function preferredPort(port) {
	const taken = await new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(true));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
	});
	return taken ? await freePort() : port;
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class ProcessGroup {
	constructor() {
		this.children = [];
		this.stopping = undefined;
		// Last resort: whatever still runs when this process exits is killed (sync only here).
		process.on('exit', () => {
			for (const child of this.children) signalGroup(child, 'SIGKILL');
		});
	}

	/**
	 * Starts a long-running process. Output goes to `logFile` (appended) unless `inherit` is set.
	 * Resolves nothing: use `exited` on the returned handle to notice an early death.
	 */
	start(name, command, args, { env, cwd, logFile, inherit = false, stopSignal = 'SIGTERM' } = {}) {
		let stdio = 'inherit';
		let log;
		if (!inherit) {
			mkdirSync(dirname(logFile), { recursive: true });
			log = createWriteStream(logFile, { flags: 'a' });
			stdio = ['ignore', 'pipe', 'pipe'];
		}
		const child = spawn(command, args, { env, cwd, stdio, detached: true });
		if (log) {
			child.stdout.pipe(log, { end: false });
			child.stderr.pipe(log, { end: false });
		}
		const handle = { name, child, pid: child.pid, logFile, exitCode: undefined, stopSignal };
		handle.exited = new Promise((resolve) => {
			child.on('exit', (code, signal) => {
				handle.exitCode = code ?? signal;
				this.children = this.children.filter((entry) => entry !== handle);
				resolve(handle.exitCode);
			});
			child.on('error', (error) => {
				handle.exitCode = error.message;
				this.children = this.children.filter((entry) => entry !== handle);
				resolve(handle.exitCode);
			});
		});
		this.children.push(handle);
		return handle;
	}

	/** The handle's stop signal (SIGTERM unless it chose another) to the group, SIGKILL after `graceMs`. */
	async stop(handle, graceMs = 8000) {
		if (handle.exitCode !== undefined) return;
		signalGroup(handle, handle.stopSignal ?? 'SIGTERM');
		const killed = await Promise.race([
			handle.exited.then(() => false),
			delay(graceMs).then(() => true),
		]);
		if (killed) {
			signalGroup(handle, 'SIGKILL');
			await handle.exited;
		}
	}

	/** SIGKILL to the group at once, as a crash or an OOM killer would; resolves once it is gone. */
	async kill(handle) {
		if (handle.exitCode !== undefined) return;
		signalGroup(handle, 'SIGKILL');
		await handle.exited;
	}

	/** Stops everything, newest first (n8n before the sandbox it talks to). Safe to call twice. */
	async stopAll() {
		this.stopping ??= (async () => {
			for (const handle of [...this.children].reverse()) await this.stop(handle);
		})();
		await this.stopping;
	}
}

function signalGroup(handle, signal) {
	try {
		// The negative id addresses the process group this script created, so n8n's task runner
		// (its child) stops with it.
		process.kill(-handle.pid, signal);
	} catch {
		try {
			process.kill(handle.pid, signal);
		} catch {
			// already gone
		}
	}
}

/**
 * Calls `onOrphaned` when the process that started this script (npm, a terminal, CI) goes away
 * without signalling us, so the servers do not outlive their owner.
 */
function watchParent(onOrphaned) {
	const parent = process.ppid;
	const timer = setInterval(() => {
		if (process.ppid !== parent) {
			clearInterval(timer);
			onOrphaned();
		}
	}, 1000);
	timer.unref();
}

/** Runs a command to completion and returns { code, stdout, stderr }. */
async function run(command, args, { env, cwd, input, timeoutMs = 300_000 } = {}) {
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			env,
			cwd,
			stdio: ['pipe', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			signalGroup(child, 'SIGKILL');
			reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs / 1000} s`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
		// A command may exit without reading its input; the exit code, not EPIPE, is the answer.
		child.stdin.on('error', () => undefined);
		child.stdin.end(input ?? '');
	});
}

async function waitFor(what, check, { timeoutMs = 60_000, intervalMs = 250, abort } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		if (abort) {
			const reason = abort();
			if (reason) throw new Error(`${what}: ${reason}`);
		}
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		await delay(intervalMs);
	}
	throw new Error(
		`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`,
	);
}

module.exports = { ProcessGroup, delay, freePort, preferredPort, run, waitFor, watchParent };
