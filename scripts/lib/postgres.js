// A private, throwaway Postgres cluster for n8n's queue mode: initdb in a temp folder, one server
// on a loopback port, one database and user for n8n. Nothing outside the temp folder is touched,
// and the server stops with the ProcessGroup that started it.
const {
	chownSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { run, waitFor } = require('./processes');

const DATABASE = { name: 'n8n', user: 'n8n', password: 'n8n-queue-password' };

/** The Postgres server binaries: $PG_BIN, else the newest /usr/lib/postgresql/<major>/bin. */
function findBinaries() {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root)
		? readdirSync(root)
				.filter((entry) => existsSync(join(root, entry, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return majors.length > 0 ? join(root, majors[0], 'bin') : undefined;
}

/** Postgres refuses to run as root; as root, every server command runs as the `postgres` user. */
function asServerUser(command, args) {
	return process.getuid?.() === 0
		? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] }
		: { command, args };
}

function tail(file, lines = 15) {
	try {
		return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

class PostgresCluster {
	/**
	 * @param {object} options
	 * @param {import('./processes').ProcessGroup} options.processes
	 * @param {number} options.port     loopback port for the server
	 * @param {string} options.logFile  the server's output
	 * @param {Record<string,string>} [options.settings] more server settings (`-c name=value`)
	 */
	constructor({ processes, port, logFile, settings = {} }) {
		Object.assign(this, { processes, port, logFile, settings });
		this.bin = findBinaries();
		this.dir = undefined;
		this.handle = undefined;
		this.database = DATABASE;
	}

	/** Fails with a message that names Postgres and the reason (missing binaries, port taken…). */
	async start() {
		if (!this.bin) {
			throw new Error(
				'Postgres could not start: no server binaries in /usr/lib/postgresql/<version>/bin (install postgresql, or set PG_BIN)',
			);
		}
		// Outside the suite's own temp folder: the postgres user must be able to reach it.
		const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-eformsign-pg-'));
		this.dir = dir;
		// If this script dies without stop(), the ProcessGroup kills the server; the files go here.
		process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
		if (process.getuid?.() === 0) {
			const { stdout } = await run('id', ['-u', 'postgres']);
			const { stdout: group } = await run('id', ['-g', 'postgres']);
			chownSync(this.dir, Number(stdout.trim()), Number(group.trim()));
		}
		const data = join(this.dir, 'data');
		const initdb = asServerUser(join(this.bin, 'initdb'), [
			'-D',
			data,
			'-U',
			'postgres',
			'--auth=trust',
			'--no-sync',
		]);
		const created = await run(initdb.command, initdb.args, { timeoutMs: 120_000 });
		if (created.code !== 0) {
			throw new Error(
				`Postgres could not start: initdb failed (exit ${created.code}): ${(created.stdout + created.stderr).trim().slice(-800)}`,
			);
		}
		// A throwaway cluster: durability settings off, it only has to be fast.
		const server = asServerUser(join(this.bin, 'postgres'), [
			'-D',
			data,
			'-p',
			String(this.port),
			'-k',
			this.dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
			...Object.entries(this.settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
		]);
		// SIGINT is Postgres's "fast" shutdown: it does not wait for clients to disconnect.
		this.handle = this.processes.start('postgres', server.command, server.args, {
			logFile: this.logFile,
			stopSignal: 'SIGINT',
		});
		await waitFor(
			'Postgres to accept connections',
			async () => (await this.psql('select 1', 'postgres')).code === 0,
			{
				timeoutMs: 30_000,
				intervalMs: 200,
				abort: () =>
					this.handle.exitCode !== undefined
						? `Postgres could not start on 127.0.0.1:${this.port} (exit ${this.handle.exitCode}):\n${tail(this.logFile)}`
						: undefined,
			},
		);
		await this.mustPsql(`create user ${DATABASE.user} password '${DATABASE.password}'`, 'postgres');
		// CREATE DATABASE cannot share a transaction with anything else.
		await this.mustPsql(`create database ${DATABASE.name} owner ${DATABASE.user}`, 'postgres');
	}

	/** Runs SQL as the superuser, in n8n's database unless `database` says otherwise. */
	async psql(sql, database = DATABASE.name) {
		return await run(
			join(this.bin, 'psql'),
			[
				'-d',
				database,
				'-h',
				'127.0.0.1',
				'-p',
				String(this.port),
				'-U',
				'postgres',
				'-v',
				'ON_ERROR_STOP=1',
				'-Atc',
				sql,
			],
			{ timeoutMs: 30_000, env: { ...process.env, PGCONNECT_TIMEOUT: '3' } },
		);
	}

	async mustPsql(sql, database) {
		const result = await this.psql(sql, database);
		if (result.code !== 0) throw new Error(`Postgres: "${sql}" failed: ${result.stderr.trim()}`);
		return result.stdout.trim();
	}

	/** n8n's database settings (@n8n/config DatabaseConfig) for this cluster. */
	n8nEnv() {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: DATABASE.name,
			DB_POSTGRESDB_USER: DATABASE.user,
			DB_POSTGRESDB_PASSWORD: DATABASE.password,
		};
	}

	async stop() {
		if (this.handle) await this.processes.stop(this.handle);
		if (this.dir) rmSync(this.dir, { recursive: true, force: true });
		this.dir = undefined;
	}
}

module.exports = { PostgresCluster, findPostgresBinaries: findBinaries };
