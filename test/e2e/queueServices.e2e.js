// Postgres and Redis that cannot start: the suite (and `npm run dev -- --queue`) must say which one
// and why, and leave nothing running. A port another program holds is the common case.
const { existsSync } = require('node:fs');
const net = require('node:net');
const { join } = require('node:path');

const { PostgresCluster } = require('../../scripts/lib/postgres');
const { ProcessGroup } = require('../../scripts/lib/processes');
const { RedisServer } = require('../../scripts/lib/redis');
const { assert, suite, test } = require('./harness');

/** Holds a loopback port the way another program would. */
async function occupiedPort() {
	// It hangs up on every client, so a probe of the port fails fast and close() never waits.
	const server = net.createServer((socket) => socket.destroy());
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { port: server.address().port, release: () => new Promise((done) => server.close(done)) };
}

async function refusedStart(start, stop, processes) {
	let message;
	try {
		await start();
	} catch (error) {
		message = error.message;
	} finally {
		await stop();
	}
	assert.equal(processes.children.length, 0, 'a process kept running after the failed start');
	return message;
}

async function unavailableServicesSuite(workDir) {
	suite('queue mode: Postgres and Redis that cannot start');
	await test('Postgres on a taken port: the error names Postgres and the reason, nothing is left', async () => {
		const { port, release } = await occupiedPort();
		const processes = new ProcessGroup();
		const cluster = new PostgresCluster({
			processes,
			port,
			logFile: join(workDir, 'logs', 'postgres-taken-port.log'),
		});
		let dataDir;
		try {
			const message = await refusedStart(
				() => cluster.start(),
				() => {
					dataDir = cluster.dir;
					return cluster.stop();
				},
				processes,
			);
			assert.ok(message, 'Postgres started on a port another program holds');
			assert.match(message, new RegExp(`Postgres could not start on 127\\.0\\.0\\.1:${port}`));
			assert.match(message, /Address already in use/);
		} finally {
			await release();
		}
		assert.ok(dataDir, 'the cluster folder was never created');
		assert.equal(existsSync(dataDir), false, `${dataDir} was left behind`);
	});

	await test('Redis on a taken port: the error names Redis and the reason, nothing is left', async () => {
		const { port, release } = await occupiedPort();
		const processes = new ProcessGroup();
		const redis = new RedisServer({
			processes,
			port,
			dir: join(workDir, 'redis-taken-port'),
			logFile: join(workDir, 'logs', 'redis-taken-port.log'),
		});
		try {
			const message = await refusedStart(
				() => redis.start(),
				() => redis.stop(),
				processes,
			);
			assert.ok(message, 'Redis started on a port another program holds');
			assert.match(message, new RegExp(`Redis could not start on 127\\.0\\.0\\.1:${port}`));
			assert.match(message, /Address already in use/);
		} finally {
			await release();
		}
	});
}

module.exports = { unavailableServicesSuite };
