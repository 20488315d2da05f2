// n8n queue mode for real: main + 2 workers on Postgres and Redis. One published workflow, the
// eformsign Trigger (signature check) → Document > Get, receives 40 signed sandbox deliveries; the
// action node runs on the workers, and the sandbox counts every token call they make.
const { delay, waitFor } = require('../../scripts/lib/processes');
const { WORKFLOW_ID, deliver } = require('../../scripts/lib/queueWorkflows');
const { assert, blocked, suite, test } = require('./harness');

const TOKEN_PATHS = ['/v2.0/api_auth/access_token', '/v2.0/api_auth/refresh_token'];
const FINISHED = `status not in ('new', 'running', 'waiting')`;

async function tokenCalls(sandbox) {
	const [issued, refreshed] = await Promise.all(
		TOKEN_PATHS.map(
			async (path) =>
				(await sandbox.control('GET', `/count?method=POST&path=${encodeURIComponent(path)}`)).count,
		),
	);
	return { issued, refreshed, total: issued + refreshed };
}

/** The workflow's executions straight from n8n's database: [{ id, status }]. */
async function executions(topology, workflowId) {
	const rows = await topology.postgres.mustPsql(
		`select id, status from execution_entity where "workflowId" = '${workflowId}' order by id`,
	);
	return rows
		.split('\n')
		.filter(Boolean)
		.map((row) => {
			const [id, status] = row.split('|');
			return { id, status };
		});
}

async function waitForFinished(topology, workflowId, count, timeoutMs = 90_000) {
	return await waitFor(
		`${count} finished executions of ${workflowId}`,
		async () => {
			const rows = await topology.postgres.mustPsql(
				`select count(*) from execution_entity where "workflowId" = '${workflowId}' and ${FINISHED}`,
			);
			return Number(rows) >= count ? await executions(topology, workflowId) : undefined;
		},
		{ timeoutMs, intervalMs: 300 },
	);
}

async function deliverAll(url, deliveries) {
	const statuses = await Promise.all(
		deliveries.map(async (delivery) => await deliver(url, delivery)),
	);
	const refused = statuses.filter((status) => status !== 200);
	assert.equal(refused.length, 0, `deliveries answered ${statuses.join(', ')}`);
}

/**
 * The whole scenario; returns the numbers of the summary line (undefined where a step failed).
 * `deliveries` are 52 recorded signed deliveries: 40 for the run, up to 12 for after the workers
 * restart (sent 4 at a time until both restarted workers have run one).
 */
async function queueSuite(env, deliveries) {
	const { topology, sandbox, webhookUrl } = env;
	const id = WORKFLOW_ID.trigger;
	const run = deliveries.slice(0, 40);
	const afterRestart = deliveries.slice(40, 52);
	const numbers = {};

	suite('queue mode: 40 deliveries, main + 2 workers');
	let ran = false;
	await test('first delivery alone, then 19 at once: one token issued for all of them', async () => {
		const before = await tokenCalls(sandbox);
		assert.equal(before.total, 0, 'no token call may happen before the first execution');
		await deliverAll(webhookUrl, run.slice(0, 1));
		await waitForFinished(topology, id, 1);
		await deliverAll(webhookUrl, run.slice(1, 20));
		const finished = await waitForFinished(topology, id, 20);
		const calls = await tokenCalls(sandbox);
		assert.deepEqual(
			finished.filter((execution) => execution.status !== 'success'),
			[],
			'failed executions',
		);
		assert.equal(calls.issued, 1, `token issuances for 20 executions: ${JSON.stringify(calls)}`);
		assert.equal(calls.refreshed, 0, `refreshes before any expiry: ${JSON.stringify(calls)}`);
		ran = true;
	});
	if (!ran) {
		blocked('expiry mid-run, worker restart, duplicates', 'the first 20 deliveries did not run');
		return numbers;
	}

	await test('every token expires mid-run; 20 more at once: at most one renewal per worker, 0 failed', async () => {
		const before = await tokenCalls(sandbox);
		await sandbox.control('POST', '/expire-tokens', { kind: 'access' });
		await deliverAll(webhookUrl, run.slice(20));
		const finished = await waitForFinished(topology, id, 40);
		const after = await tokenCalls(sandbox);
		numbers.executions = finished.length;
		numbers.failed = finished.filter((execution) => execution.status !== 'success').length;
		numbers.tokenIssuances = after.issued;
		numbers.renewalsAfterExpiry = after.total - before.total;
		const byWorker = topology.executionsByWorker();
		numbers.workersUsed = new Set(
			finished
				.map((execution) => byWorker.get(execution.id))
				.filter((worker) => worker !== undefined),
		).size;
		const unattributed = finished.filter((execution) => !byWorker.has(execution.id));
		assert.equal(numbers.executions, 40);
		assert.equal(numbers.failed, 0, `failed executions: ${JSON.stringify(finished)}`);
		assert.deepEqual(
			unattributed,
			[],
			'executions no worker logged as started (did main run them?)',
		);
		assert.equal(numbers.workersUsed, 2, 'executions landed on one worker only');
		assert.ok(
			numbers.renewalsAfterExpiry >= 1,
			'the expired tokens were never renewed: the expiry did not reach the workers',
		);
		assert.ok(
			numbers.renewalsAfterExpiry <= 2,
			`${numbers.renewalsAfterExpiry} token calls after the expiry (${JSON.stringify({ before, after })})`,
		);
	});

	await test('both workers restart: the next deliveries make 0 token calls', async () => {
		await topology.restartWorkers();
		const before = await tokenCalls(sandbox);
		// Bull hands a job to whichever worker asks first: send until each restarted worker ran one.
		let finished = [];
		let workersAfterRestart = new Set();
		for (let sent = 0; sent < afterRestart.length && workersAfterRestart.size < 2; sent += 4) {
			await deliverAll(webhookUrl, afterRestart.slice(sent, sent + 4));
			finished = await waitForFinished(topology, id, 40 + sent + 4);
			const byWorker = topology.executionsByWorker();
			workersAfterRestart = new Set(
				finished.slice(40).map((execution) => byWorker.get(execution.id)),
			);
		}
		const after = await tokenCalls(sandbox);
		numbers.restartTokenCalls = after.total - before.total;
		assert.deepEqual(
			finished.slice(40).filter((execution) => execution.status !== 'success'),
			[],
			'failed after the restart',
		);
		assert.equal(workersAfterRestart.size, 2, 'only one restarted worker ran an execution');
		assert.equal(
			numbers.restartTokenCalls,
			0,
			`restarted workers made ${numbers.restartTokenCalls} token calls (${JSON.stringify({ before, after })}): the stored credential did not hold the renewed session`,
		);
	});

	suite('queue mode: duplicates across the fleet');
	await test('the same 40 deliveries again, 20 at once and 20 after main restarts: 0 new executions', async () => {
		const before = (await executions(topology, id)).length;
		await deliverAll(webhookUrl, run.slice(0, 20));
		await topology.restartMain();
		// Main answers /healthz/readiness before its webhooks are registered again.
		await waitFor(
			'the trigger webhook to be registered after the restart',
			async () => (await deliver(webhookUrl, run[20])) === 200,
			{ timeoutMs: 30_000, intervalMs: 500 },
		);
		await deliverAll(webhookUrl, run.slice(21));
		// Executions are queued after the answer: give the fleet time to pick up anything started.
		await delay(3000);
		const after = await executions(topology, id);
		assert.equal(
			after.length - before,
			0,
			`${after.length - before} new executions from repeated deliveries`,
		);
	});
	return numbers;
}

function summaryLine(numbers) {
	const value = (key) => (numbers[key] === undefined ? '?' : numbers[key]);
	return (
		`queue mode: executions=${value('executions')} workers_used=${value('workersUsed')} ` +
		`failed=${value('failed')} token_issuances=${value('tokenIssuances')} ` +
		`renewals_after_expiry=${value('renewalsAfterExpiry')} restart_token_calls=${value('restartTokenCalls')}`
	);
}

module.exports = { queueSuite, summaryLine, tokenCalls };
