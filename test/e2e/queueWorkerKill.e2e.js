// A worker SIGKILLed while eformsign is still answering its Document > Create. What happens next is
// n8n's, not the node's: Bull notices the stalled job once the dead worker's lock runs out, and
// - n8n 2.x fails it for good (scaling.service.js setupQueue: `maxStalledCount: 0`), so the
//   execution ends in error and eformsign holds the one document the dead worker created;
// - n8n 1.x puts it back on the queue once (QUEUE_WORKER_MAX_STALLED_COUNT, default 1), a live
//   worker runs the execution again from the start, and the create is sent a second time.
// The sandbox's `hold` fault keeps the create's answer back, so the kill lands while eformsign is
// still answering, whatever the machine's load (docs/scaling.md, "A worker killed mid-execution").
const { randomUUID } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');

const { waitFor } = require('../../scripts/lib/processes');
const { WORKFLOW_ID, createWebhookUrl } = require('../../scripts/lib/queueWorkflows');
const { assert, suite, test } = require('./harness');

// Each wait inside a check has its own deadline and says what it waited for; this only stops a
// check that hangs.
const SAFETY_NET = { timeoutMs: 900_000 };

const CREATE_PATH = '/v2.0/api/documents';
const FINISHED = `status not in ('new', 'running', 'waiting')`;

async function documentsNamed(sandbox, name) {
	const { ids } = await sandbox.control(
		'GET',
		`/documents?document_name=${encodeURIComponent(name)}`,
	);
	return ids;
}

async function newestExecution(topology) {
	const row = await topology.postgres.mustPsql(
		`select id, status from execution_entity where "workflowId" = '${WORKFLOW_ID.createOnWebhook}' order by id desc limit 1`,
	);
	if (!row) return undefined;
	const [id, status] = row.split('|');
	return { id, status };
}

/**
 * One kill: returns { executionId, status, documents, rerunBy } where rerunBy is the index of the
 * worker that started the execution again (1.x), or undefined.
 */
async function killWorkerDuringCreate({ topology, sandbox }) {
	const documentName = `worker killed during create ${randomUUID()}`;
	const before = await newestExecution(topology);
	await sandbox.control('POST', '/faults', {
		match: { method: 'POST', path: CREATE_PATH },
		afterHandling: true,
		hold: true,
	});
	let killed;
	try {
		const response = await fetch(createWebhookUrl(topology.main.url), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ documentName }),
		});
		await response.arrayBuffer();
		assert.equal(response.status, 200, 'the Webhook node did not accept the request');

		await waitFor(
			'eformsign (the sandbox) to hold its answer to the create',
			async () => (await sandbox.control('GET', '/held')).requests.length === 1,
			{ timeoutMs: 120_000, intervalMs: 200 },
		);
		assert.equal(
			(await documentsNamed(sandbox, documentName)).length,
			1,
			'eformsign should have created the document before the worker is killed',
		);
		const execution = await newestExecution(topology);
		assert.ok(execution && execution.id !== before?.id, 'no execution of the create workflow');
		// Wrapped: the first worker's index is 0, which waitFor would take for "not yet".
		const { workerIndex } = await waitFor(
			`a worker log naming execution ${execution.id}`,
			async () => {
				const index = topology.executionsByWorker().get(execution.id);
				return index === undefined ? undefined : { workerIndex: index };
			},
			{ timeoutMs: 60_000, intervalMs: 200 },
		);
		killed = topology.workers[workerIndex];
		const startsBefore = startsOf(topology, execution.id);
		await killed.kill();
		// The answer goes nowhere: its connection died with the worker.
		await sandbox.control('POST', '/held/release');

		const status = await waitFor(
			`execution ${execution.id} to end after its worker was killed (n8n finds the stalled job once the worker's lock expires; then 2.x waits up to 30 s more for a late result)`,
			async () =>
				(await topology.postgres.mustPsql(
					`select status from execution_entity where id = ${Number(execution.id)} and ${FINISHED}`,
				)) || undefined,
			{ timeoutMs: 300_000, intervalMs: 500 },
		);
		return {
			executionId: execution.id,
			status,
			documents: (await documentsNamed(sandbox, documentName)).length,
			reruns: startsOf(topology, execution.id) - startsBefore,
		};
	} finally {
		await sandbox.control('DELETE', '/faults');
		await sandbox.control('POST', '/held/release');
		if (killed) await topology.startWorkers([killed]);
	}
}

/** How many times any worker logged starting this execution. */
function startsOf(topology, executionId) {
	const pattern = new RegExp(`Worker started execution ${executionId} \\(`, 'g');
	return topology.workers
		.map((worker) => {
			const text = existsSync(worker.logFile) ? readFileSync(worker.logFile, 'utf8') : '';
			return text.match(pattern)?.length ?? 0;
		})
		.reduce((sum, count) => sum + count, 0);
}

/**
 * Returns the summary lines: one for n8n's defaults and, on 1.x, one with
 * QUEUE_WORKER_MAX_STALLED_COUNT=0 (the setting docs/scaling.md recommends there).
 */
async function workerKillSuite(env, line) {
	const { topology } = env;
	const lines = [];
	suite(`queue mode: a worker killed while eformsign answers its create (n8n ${line.version})`);
	const describe = (label, outcome) =>
		`worker killed during create (n8n ${line.version}, ${label}): execution=${outcome.status} documents=${outcome.documents} reruns=${outcome.reruns}`;

	if (line.major >= 2) {
		await test(
			'2.x: the execution fails and eformsign holds exactly one document',
			async () => {
				const outcome = await killWorkerDuringCreate(env);
				lines.push(describe('defaults', outcome));
				assert.ok(
					['error', 'crashed'].includes(outcome.status),
					`execution ${outcome.executionId} ended "${outcome.status}"`,
				);
				assert.equal(outcome.reruns, 0, 'n8n 2.x ran the stalled execution again');
				assert.equal(outcome.documents, 1, 'documents created for one execution');
			},
			SAFETY_NET,
		);
		return lines;
	}

	await test(
		'1.x defaults: a live worker runs the execution again, and the create makes a second document',
		async () => {
			const outcome = await killWorkerDuringCreate(env);
			lines.push(describe('defaults', outcome));
			assert.equal(outcome.reruns, 1, 'the stalled execution was not started again');
			assert.equal(
				outcome.status,
				'success',
				`execution ${outcome.executionId} ended "${outcome.status}"`,
			);
			assert.equal(outcome.documents, 2, 'documents created for one execution');
		},
		SAFETY_NET,
	);

	await test(
		'1.x with QUEUE_WORKER_MAX_STALLED_COUNT=0: the execution fails, one document',
		async () => {
			await topology.stopWorkers();
			for (const worker of topology.workers) worker.extraEnv.QUEUE_WORKER_MAX_STALLED_COUNT = '0';
			try {
				await topology.startWorkers();
				const outcome = await killWorkerDuringCreate(env);
				lines.push(describe('QUEUE_WORKER_MAX_STALLED_COUNT=0', outcome));
				assert.equal(outcome.reruns, 0, 'the stalled execution was started again');
				assert.ok(
					['error', 'crashed'].includes(outcome.status),
					`execution ${outcome.executionId} ended "${outcome.status}"`,
				);
				assert.equal(outcome.documents, 1, 'documents created for one execution');
			} finally {
				await topology.stopWorkers();
				for (const worker of topology.workers)
					delete worker.extraEnv.QUEUE_WORKER_MAX_STALLED_COUNT;
				await topology.startWorkers();
			}
		},
		SAFETY_NET,
	);
	return lines;
}

module.exports = { workerKillSuite };
