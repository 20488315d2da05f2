// The two triggers in a running n8n: the webhook trigger published through the REST API and fed
// by the sandbox's signed deliveries (plus forged ones), and the poll trigger on n8n's scheduler.
const { generateKeyPairSync, sign } = require('node:crypto');

const {
	TRIGGER_EXAMPLE_ID,
	exampleWorkflows,
	productionWebhookUrl,
} = require('../../scripts/lib/demo');
const { finishedExecutions, nodeOutput } = require('../../scripts/lib/n8n');
const { nodeDescription } = require('../../scripts/lib/package');
const { FIRST_BOOT_SAFETY_NET_MS, N8N_BOOT, deadline, explain } = require('../../scripts/lib/pace');
const { waitFor } = require('../../scripts/lib/processes');
const { assert, blocked, suite, test } = require('./harness');
const { ID } = require('./workflows');

async function prepareTriggers(env) {
	const example = exampleWorkflows().find((workflow) => workflow.id === TRIGGER_EXAMPLE_ID);
	const triggerNode = example.nodes.find((node) => node.type.endsWith('.eformsignTrigger'));
	const description = nodeDescription('eformsignTrigger');
	assert.ok(description, 'eformsignTrigger is not in package.json n8n.nodes');
	return {
		example,
		triggerNode,
		webhookUrl: productionWebhookUrl(env.n8n.url, triggerNode, description),
	};
}


/** An execution that has not appeared within 3 boots of n8n in this run is not coming. */
const EXECUTION_DEADLINE = [N8N_BOOT, 3, FIRST_BOOT_SAFETY_NET_MS];

async function waitForExecutions(env, workflowId, count, timeoutMs = deadline(...EXECUTION_DEADLINE)) {
	return await waitFor(
		`${count} finished execution(s) of ${workflowId} (deadline ${explain(...EXECUTION_DEADLINE)})`,
		async () => {
			const executions = finishedExecutions(await env.n8n.executions(workflowId));
			return executions.length >= count ? executions : undefined;
		},
		{ timeoutMs, intervalMs: 500 },
	);
}

/**
 * Once n8n runs no execution of the workflow any more. n8n 2.x stores an execution before it
 * answers the webhook, so by then every execution a delivery started is in the list.
 */
async function noneRunning(env, workflowId) {
	await waitFor(
		`no running execution of ${workflowId} (deadline ${explain(...EXECUTION_DEADLINE)})`,
		async () => {
			const { data } = await env.n8n.publicApi(
				'GET',
				`/executions?workflowId=${encodeURIComponent(workflowId)}&status=running&limit=1`,
			);
			return data.length === 0;
		},
		{ timeoutMs: deadline(...EXECUTION_DEADLINE), intervalMs: 500 },
	);
}

async function post(url, body, headers) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	return response.status;
}

async function triggerSuite(env, triggers) {
	const { demo, sandbox, n8n } = env;
	suite('webhook trigger in real n8n (production URL)');
	let published = false;
	await test('the example "when a document is completed…" is published through the REST API', async () => {
		const status = await n8n.activate(TRIGGER_EXAMPLE_ID);
		assert.equal(status.status, 'published');
		// n8n 1.x has no publication status to list the triggers; its activation answers or throws.
		if (n8n.major >= 2) assert.equal(status.triggers.length, 1);
		await sandbox.setWebhook({ url: triggers.webhookUrl, verification: 'signature' });
		published = true;
	});
	if (!published) {
		blocked('signed and forged deliveries', 'the workflow could not be published');
		return;
	}

	const documentId = demo.documentIds.waitingExternal;
	let executionsAfterDelivery = 0;
	await test('a completed document: signed deliveries are accepted and the workflow downloads both files', async () => {
		await sandbox.clearLog();
		const state = await sandbox.complete(documentId);
		assert.equal(state.status_type, '003');
		const deliveries = (await sandbox.deliveries()).filter((delivery) =>
			delivery.body.includes(documentId),
		);
		assert.ok(
			deliveries.length >= 2,
			`expected several events for ${documentId}, got ${deliveries.length}`,
		);
		for (const delivery of deliveries) {
			assert.equal(delivery.url, triggers.webhookUrl);
			assert.match(delivery.headers.eformsign_signature, /^30[0-9a-f]+$/);
			assert.equal(
				delivery.status,
				200,
				`delivery answered ${delivery.status} ${delivery.error ?? ''}`,
			);
		}
		assert.ok(
			deliveries.some((delivery) => JSON.parse(delivery.body).document?.status === 'doc_complete'),
		);

		// Only doc_complete is selected: the other events are acknowledged and start nothing.
		const executions = await waitForExecutions(env, TRIGGER_EXAMPLE_ID, 1);
		await noneRunning(env, TRIGGER_EXAMPLE_ID);
		const all = finishedExecutions(await n8n.executions(TRIGGER_EXAMPLE_ID));
		assert.equal(all.length, 1, `expected exactly one execution, n8n recorded ${all.length}`);
		const [execution] = executions;
		assert.equal(execution.mode, 'webhook');
		assert.equal(execution.status, 'success');
		const [event] = nodeOutput(execution, 'Document completed');
		assert.equal(event.json.document_id, documentId);
		assert.equal(event.json.status, 'doc_complete');
		assert.equal(event.json.company_id, demo.companyId);
		for (const [node, property, fileType] of [
			['Download signed PDF', 'document', 'document'],
			['Download audit trail', 'audit_trail', 'audit_trail'],
		]) {
			const [item] = nodeOutput(execution, node);
			assert.equal(item.json.file_type, fileType);
			assert.equal(
				item.binary?.[property]?.mimeType,
				'application/pdf',
				`${node}: ${JSON.stringify(item.binary)}`,
			);
		}
		const downloads = (await sandbox.log()).filter(
			(entry) => entry.path === `/v2.0/api/documents/${documentId}/download_files`,
		);
		assert.deepEqual(downloads.map((entry) => entry.query.file_type).sort(), [
			'audit_trail',
			'document',
		]);
		executionsAfterDelivery = all.length;
	});

	await test('forged deliveries get 401 and n8n records no execution', async () => {
		const genuine = (await sandbox.deliveries()).find(
			(delivery) => JSON.parse(delivery.body).document?.status === 'doc_complete',
		);
		assert.ok(genuine, 'no genuine doc_complete delivery to tamper with');
		const signature = genuine.headers.eformsign_signature;
		const tampered = genuine.body.replace(documentId, demo.documentIds.completed);
		const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
		const signedByOther = sign('sha256', Buffer.from(genuine.body), {
			key: otherKey,
			dsaEncoding: 'der',
		}).toString('hex');

		assert.equal(
			await post(triggers.webhookUrl, tampered, { eformsign_signature: signature }),
			401,
			'tampered body',
		);
		assert.equal(
			await post(triggers.webhookUrl, genuine.body, { eformsign_signature: signedByOther }),
			401,
			'signed by another key',
		);
		assert.equal(await post(triggers.webhookUrl, genuine.body, {}), 401, 'no signature');
		await noneRunning(env, TRIGGER_EXAMPLE_ID);
		const after = finishedExecutions(await n8n.executions(TRIGGER_EXAMPLE_ID));
		assert.equal(after.length, executionsAfterDelivery, 'a forged delivery started an execution');
		assert.ok(after.every((execution) => execution.status === 'success'));
	});
}

/** The poll trigger: published, then a document completes; n8n's next poll (≤ 1 minute) emits it. */
const pollSuite = {
	async start(env) {
		suite('poll trigger in real n8n');
		const state = {
			activatedAt: 0,
			ok: false,
			documentId: env.demo.documentIds.waitingMember,
			documents: [],
		};
		state.ok =
			await test('published with a one-minute interval; a document completes afterwards', async () => {
				await env.sandbox.setWebhook(null);
				await env.sandbox.clearLog();
				await env.n8n.activate(ID.poll);
				state.activatedAt = Date.now();
				// Published now, emits nothing until n8n has stopped and started again (finish()).
				await env.n8n.activate(ID.pollRestart);
				// The first poll on activation only records where to start; it must find nothing to emit.
				const completed = await env.sandbox.complete(state.documentId);
				assert.equal(completed.status_type, '003');
				state.documents.push(state.documentId);
			});
		return state;
	},

	async finish(env, _triggers, state) {
		suite('poll trigger in real n8n');
		if (!state.ok) {
			blocked('the next poll emits the completed document', 'the poll workflow was not published');
			return;
		}
		await test(
			'the next poll emits the completed document, once',
			async () => {
				const remaining = Math.max(5_000, state.activatedAt + 80_000 - Date.now());
				const [execution] = await waitForExecutions(env, ID.poll, 1, remaining);
				assert.equal(execution.mode, 'trigger');
				assert.equal(execution.status, 'success');
				const items = nodeOutput(execution, 'eformsign Poll Trigger');
				assert.deepEqual(
					items.map((item) => item.json.id),
					[state.documentId],
				);
				assert.equal(items[0].json.status_type, '003');
				// The editor checks run meanwhile and may list documents too: count the poll's own requests.
				const polls = (await env.sandbox.log()).filter(
					(entry) =>
						entry.path === '/v2.0/api/list_document' &&
						entry.body?.type === '03' &&
						JSON.stringify(entry.body.template_ids) ===
							JSON.stringify([env.demo.templateIds.contract]),
				);
				assert.ok(
					polls.length >= 2,
					`expected the activation poll and a scheduled poll, saw ${polls.length}`,
				);
				await env.n8n.deactivate(ID.poll);
			},
			{ timeoutMs: 120_000 },
		);
		await test(
			'a document completed while n8n is stopped is emitted once n8n runs again, though nothing was emitted before',
			async () => {
				const { n8n, sandbox } = env;
				// Only the position noted when the workflow was published can lead the first poll after
				// the start to this document: a trigger starting from "now" would count it as seen.
				assert.equal((await n8n.executions(ID.pollRestart)).length, 0);
				await n8n.stop();
				const {
					ids: [documentId],
				} = await sandbox.control('POST', '/documents/bulk', {
					n: 1,
					template_id: env.demo.templateIds.urlCreation,
					status: '003',
					updated_date: Date.now(),
					document_name: 'Completed while n8n was stopped',
				});
				state.documents.push(documentId);
				await n8n.start();
				await n8n.signInOwner(env.owner);
				const [execution] = await waitForExecutions(env, ID.pollRestart, 1, 90_000);
				assert.equal(execution.status, 'success');
				assert.deepEqual(
					nodeOutput(execution, 'eformsign Poll Trigger').map((item) => item.json.id),
					[documentId],
				);
				await n8n.deactivate(ID.pollRestart);
			},
			{ timeoutMs: 150_000 },
		);
		await test('legacy: every document once, none twice', async () => {
			const ids = [];
			for (const workflowId of [ID.poll, ID.pollRestart]) {
				for (const execution of finishedExecutions(await env.n8n.executions(workflowId))) {
					ids.push(...nodeOutput(execution, 'eformsign Poll Trigger').map((item) => item.json.id));
				}
			}
			const repeated = ids.length - new Set(ids).size;
			process.stdout.write(
				`  poll legacy: documents=${state.documents.length} emitted=${ids.length} repeated=${repeated}\n`,
			);
			assert.equal(repeated, 0);
			assert.equal(ids.length, state.documents.length);
			assert.deepEqual([...ids].sort(), [...state.documents].sort());
		});
	},
};

module.exports = { pollSuite, prepareTriggers, triggerSuite };
