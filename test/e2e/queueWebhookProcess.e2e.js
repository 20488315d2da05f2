// An `n8n webhook` process beside main, as large instances run them behind a load balancer. There
// is no balancer here: the suite sends each delivery to main or to the webhook process directly.
// The trigger's record of handled deliveries is the workflow's static data in Postgres, which both
// processes read per request (docs/scaling.md, "Webhook processes"). Counts come from n8n's own
// database: the executions whose data names the delivery's document.
const { waitFor } = require('../../scripts/lib/processes');
const { WORKFLOW_ID, deliver, triggerWebhookUrl } = require('../../scripts/lib/queueWorkflows');
const { assert, blocked, suite, test } = require('./harness');

// Each wait inside a check has its own deadline and says what it waited for; this only stops a
// check that hangs.
const SAFETY_NET = { timeoutMs: 900_000 };

const UNFINISHED = `status in ('new', 'running', 'waiting')`;

/** Executions of the trigger workflow that carry this document, as n8n stored them. */
async function runsOf(topology, documentId, { finishedOnly = false } = {}) {
	if (!/^[0-9a-f]+$/.test(documentId)) throw new Error(`unexpected document id ${documentId}`);
	const finished = finishedOnly ? ` and not e.${UNFINISHED}` : '';
	return Number(
		await topology.postgres.mustPsql(
			`select count(*) from execution_entity e join execution_data d on d."executionId" = e.id where e."workflowId" = '${WORKFLOW_ID.trigger}' and d.data like '%${documentId}%'${finished}`,
		),
	);
}

/**
 * Waits until the delivery's execution has finished, not only been stored: n8n stores and queues
 * the execution without awaiting the static-data save its answer started
 * (n8n/dist/webhooks/webhook-helpers.js calls the response callback, in which live-webhooks.js
 * saves, without awaiting it), so a stored execution does not yet mean a saved record.
 */
async function waitForFinishedRun(topology, delivery, what) {
	await waitFor(
		`${what} to have run to its end`,
		async () => (await runsOf(topology, delivery.documentId, { finishedOnly: true })) >= 1,
		{ timeoutMs: 180_000, intervalMs: 300 },
	);
}

/**
 * Waits until whatever earlier requests started has started and finished: one fresh delivery per
 * process, sent after them (main's first, then the webhook process's, each once the one before
 * has run), has run, and no execution of the workflow is unfinished. One after the other, so each
 * process saves its record while the other is not saving (see "after concurrent saves" below).
 */
async function settle(topology, urls, sentinels) {
	for (const [index, url] of urls.entries()) {
		assert.equal(await deliver(url, sentinels[index]), 200, 'a fresh delivery was refused');
		await waitForRuns(topology, [sentinels[index]], 'a fresh delivery sent after the others');
	}
	await waitFor(
		'no unfinished execution of the trigger workflow',
		async () =>
			Number(
				await topology.postgres.mustPsql(
					`select count(*) from execution_entity where "workflowId" = '${WORKFLOW_ID.trigger}' and ${UNFINISHED}`,
				),
			) === 0,
		{ timeoutMs: 180_000, intervalMs: 300 },
	);
}

async function waitForRuns(topology, deliveries, what) {
	return await waitFor(
		`${what} to run (${deliveries.length} deliveries)`,
		async () => {
			const runs = await Promise.all(
				deliveries.map((delivery) => runsOf(topology, delivery.documentId)),
			);
			return runs.every((count) => count >= 1) ? runs : undefined;
		},
		{ timeoutMs: 180_000, intervalMs: 300 },
	);
}

const sum = (values) => values.reduce((total, value) => total + value, 0);

/**
 * `deliveries`: 44 recorded signed deliveries nobody has sent yet. Returns the numbers of the
 * summary line (undefined where a step failed).
 */
async function webhookProcessSuite(env, deliveries) {
	const { topology } = env;
	const main = triggerWebhookUrl(topology.main.url);
	const webhookProcess = triggerWebhookUrl(topology.webhookProcesses[0].url);
	const urls = [main, webhookProcess];
	const oneByOne = deliveries.slice(0, 6);
	const burst = deliveries.slice(6, 26);
	const copies = deliveries.slice(26, 36);
	const sentinels = deliveries.slice(36, 44);
	const other = (index) => urls[(index + 1) % 2];
	const numbers = { lost: 0 };

	suite('queue mode: an `n8n webhook` process beside main (no balancer)');
	await test(
		'a new delivery to one process, then (once it ran) the same to the other: 0 new executions',
		async () => {
			for (const [index, delivery] of oneByOne.entries()) {
				assert.equal(await deliver(urls[index % 2], delivery), 200, 'a new delivery was refused');
				await waitForFinishedRun(topology, delivery, 'the new delivery');
				assert.equal(await deliver(other(index), delivery), 200, 'a replay was refused');
			}
			await settle(topology, urls, sentinels.slice(0, 2));
			const runs = await Promise.all(
				oneByOne.map((delivery) => runsOf(topology, delivery.documentId)),
			);
			numbers.sequentialReplays = sum(runs) - oneByOne.length;
			numbers.lost += runs.filter((count) => count === 0).length;
			assert.equal(
				numbers.sequentialReplays,
				0,
				`executions per delivery: ${JSON.stringify(runs)}`,
			);
		},
		SAFETY_NET,
	);

	let ran = false;
	await test(
		'20 new deliveries at once, half to main and half to the webhook process: each runs once',
		async () => {
			const statuses = await Promise.all(
				burst.map((delivery, index) => deliver(urls[index % 2], delivery)),
			);
			assert.deepEqual(
				statuses.filter((status) => status !== 200),
				[],
				`answers ${statuses}`,
			);
			const runs = await waitForRuns(topology, burst, 'the 20 new deliveries');
			numbers.lost += runs.filter((count) => count === 0).length;
			assert.deepEqual(
				runs,
				burst.map(() => 1),
				'executions per delivery',
			);
			ran = true;
		},
		SAFETY_NET,
	);
	if (!ran) {
		blocked('replays after concurrent saves', 'the 20 deliveries did not run once each');
	} else {
		await test(
			'after concurrent saves: replays to the other process right away (counted), then once each process had one more delivery (0 new)',
			async () => {
				// Right after the burst: n8n saves the record last-write-wins, so a key one process saved
				// while the other was saving can be missing until its own process saves again.
				for (const [index, delivery] of burst.entries()) {
					assert.equal(await deliver(other(index), delivery), 200, 'a replay was refused');
				}
				await settle(topology, urls, sentinels.slice(2, 4));
				const afterBurst = await Promise.all(
					burst.map((delivery) => runsOf(topology, delivery.documentId)),
				);
				numbers.replaysAfterConcurrentSaves = sum(afterBurst) - burst.length;
				for (const [index, delivery] of burst.entries()) {
					assert.equal(await deliver(urls[index % 2], delivery), 200, 'a replay was refused');
					assert.equal(await deliver(other(index), delivery), 200, 'a replay was refused');
				}
				await settle(topology, urls, sentinels.slice(4, 6));
				const runs = await Promise.all(
					burst.map((delivery) => runsOf(topology, delivery.documentId)),
				);
				assert.equal(
					sum(runs) - sum(afterBurst),
					0,
					`replays started executions once the record was whole again: ${JSON.stringify(runs)}`,
				);
			},
			SAFETY_NET,
		);
	}

	await test(
		'10 new deliveries, each sent to main and to the webhook process at the same moment: one or two runs each (at most one per process)',
		async () => {
			const statuses = await Promise.all(
				copies.flatMap((delivery) => urls.map((url) => deliver(url, delivery))),
			);
			assert.deepEqual(
				statuses.filter((status) => status !== 200),
				[],
				`answers ${statuses}`,
			);
			await settle(topology, urls, sentinels.slice(6, 8));
			const runs = await Promise.all(
				copies.map((delivery) => runsOf(topology, delivery.documentId)),
			);
			numbers.simultaneousCopies = runs.filter((count) => count === 2).length;
			numbers.lost += runs.filter((count) => count === 0).length;
			assert.deepEqual(
				runs.filter((count) => count < 1 || count > 2),
				[],
				`executions per delivery: ${JSON.stringify(runs)}`,
			);
		},
		SAFETY_NET,
	);
	return numbers;
}

function webhookProcessLine(numbers) {
	const value = (key) => (numbers[key] === undefined ? '?' : numbers[key]);
	return (
		`webhook process: sequential_replays_started=${value('sequentialReplays')} ` +
		`replays_after_concurrent_saves_started=${value('replaysAfterConcurrentSaves')}/20 ` +
		`simultaneous_copies_run_twice=${value('simultaneousCopies')}/10 lost=${value('lost')}`
	);
}

module.exports = { webhookProcessLine, webhookProcessSuite };
