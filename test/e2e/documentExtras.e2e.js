// The Document operations beyond eformsign's basic guide in a real n8n, and the example
// examples/approve-in-slack.json. Two parts: CLI runs (`n8n execute`, before the server starts) for
// Download Many and Send Completed PDF, and runs in the started server for Approve with its trigger
// event and for the Slack example, whose Slack answer is pinned. n8n honours pinned data only in
// manual executions (the REST call behind the editor's "Execute workflow"; `n8n execute` and
// production executions ignore it), so those run through POST /rest/workflows/:id/run and the
// trigger's test URL. content.js imports extraWorkflows() with the suite's other workflows.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { crc32 } = require('node:zlib');

const { DEMO_CREDENTIALS, exampleWorkflows, productionWebhookUrl } = require('../../scripts/lib/demo');
const { finishedExecutions, nodeOutput } = require('../../scripts/lib/n8n');
const { nodeDescription } = require('../../scripts/lib/package');
const { waitFor } = require('../../scripts/lib/processes');
const { assert, blocked, suite, test } = require('./harness');
const { TYPE } = require('./workflows');

const ID = {
	completedDocuments: 'e2eCompletedDocs',
	approve: 'e2eApprove000001',
	approvalEvents: 'e2eApprovalEvts1',
	slackApproved: 'e2eSlackApprove1',
	slackDeclined: 'e2eSlackDecline1',
};
const SLACK_EXAMPLE_ID = 'efsDemoApproval1';
const SLACK_NODE = 'Ask in Slack';
const EXAMPLE_TRIGGER = 'Approval requested';
const APPROVER = { approverId: 'e2e-erp-0042', approverName: 'E2E Approver' };

const { api, webhook: hook } = DEMO_CREDENTIALS;
const apiCredential = { [api.type]: { id: api.id, name: api.name } };
const byId = (value) => ({ __rl: true, mode: 'id', value });

function line(text) {
	process.stdout.write(`    → ${text}\n`);
}

function node(name, type, position, parameters, extra = {}) {
	const hex = Buffer.from(name).toString('hex').padEnd(32, '0').slice(0, 32);
	return {
		id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`,
		name,
		type,
		typeVersion: 1,
		position,
		parameters,
		...extra,
	};
}

const eformsign = (name, position, parameters) => node(name, TYPE.eformsign, position, parameters, { credentials: apiCredential });
const start = node('Start', TYPE.manual, [0, 0], {});

function chain(names) {
	const connections = {};
	for (let index = 0; index + 1 < names.length; index++) {
		connections[names[index]] = { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

function workflow(id, name, nodes, connections = chain(nodes.map((entry) => entry.name))) {
	return { id, name, nodes, connections, active: false, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** The example with the Slack node's answer pinned, under its own ID and trigger webhook. */
function pinnedExample(example, id, approved, webhookId) {
	const copy = JSON.parse(JSON.stringify(example));
	copy.id = id;
	copy.name = `e2e: ${example.name} (Slack answer pinned: ${approved ? 'approved' : 'declined'})`;
	copy.nodes.find((entry) => entry.name === EXAMPLE_TRIGGER).webhookId = webhookId;
	copy.nodes.find((entry) => entry.name === SLACK_NODE).webhookId = webhookId.replace(/.$/, 'f');
	copy.pinData = { [SLACK_NODE]: [{ json: { data: { approved, respondedAt: '2026-01-05T09:30:00.000Z' } } }] };
	return copy;
}

function extraWorkflows(demo) {
	const example = exampleWorkflows().find((entry) => entry.id === SLACK_EXAMPLE_ID);
	assert.ok(example, `examples/ has no workflow ${SLACK_EXAMPLE_ID}`);
	return [
		// One `n8n execute` for both (each costs half a minute on a busy machine): two branches.
		workflow(ID.completedDocuments, 'e2e: Download Many and Send Completed PDF', [
			start,
			eformsign('Completed documents', [220, -100], { resource: 'document', operation: 'getMany', box: '03', returnAll: false, limit: 3 }),
			eformsign('Download Many', [440, -100], {
				resource: 'document',
				operation: 'downloadMany',
				documentId: byId('={{ $json.id }}'),
				fileTypes: ['document', 'audit_trail'],
				binaryPropertyName: 'archive',
				options: { fileName: 'e2e-contracts' },
			}),
			eformsign('Two completed documents', [220, 100], { resource: 'document', operation: 'getMany', box: '03', returnAll: false, limit: 2 }),
			eformsign('Send Completed PDF', [440, 100], {
				resource: 'document',
				operation: 'sendCompletedPdf',
				documentId: byId('={{ $json.id }}'),
				recipients: {
					recipient: [
						{ name: 'E2E Reader', method: 'email', email: "={{ 'reader-' + $json.id.slice(0, 6) + '@example.com' }}" },
						{ name: 'E2E Reader', method: 'sms', phoneNumber: '010-5555-0142' },
					],
				},
				options: { attachAuditTrail: true },
			}),
		], {
			Start: { main: [[{ node: 'Completed documents', type: 'main', index: 0 }, { node: 'Two completed documents', type: 'main', index: 0 }]] },
			'Completed documents': { main: [[{ node: 'Download Many', type: 'main', index: 0 }]] },
			'Two completed documents': { main: [[{ node: 'Send Completed PDF', type: 'main', index: 0 }]] },
		}),
		workflow(ID.approve, 'e2e: Approve (Integrated Approval)', [
			start,
			eformsign('Approve', [220, 0], {
				resource: 'document',
				operation: 'approveIntegrated',
				documentId: byId(demo.documentIds.awaitingApproval),
				...APPROVER,
				comment: 'Approved by the e2e suite',
			}),
		]),
		workflow(ID.approvalEvents, 'e2e: approval events', [
			node('Approval decided', TYPE.trigger, [0, 0], { verification: 'credential', events: ['doc_accept_approval', 'doc_reject_approval'] }, {
				webhookId: 'a1f0e2d3-4c5b-4a69-8788-99aabbccdd01',
				credentials: { [hook.type]: { id: hook.id, name: hook.name } },
			}),
		]),
		pinnedExample(example, ID.slackApproved, true, 'a1f0e2d3-4c5b-4a69-8788-99aabbccdd02'),
		pinnedExample(example, ID.slackDeclined, false, 'a1f0e2d3-4c5b-4a69-8788-99aabbccdd03'),
	];
}

/** A binary n8n stored in filesystem mode (`filesystem-v2:<path>`), or inline. */
function readBinary(env, binary) {
	if (binary.data && binary.data !== 'filesystem-v2') return Buffer.from(binary.data, 'base64');
	const path = join(env.n8n.userFolder, '.n8n', 'storage', binary.id.replace(/^filesystem-v2:/, ''));
	assert.ok(existsSync(path), `binary file ${path} is missing`);
	return readFileSync(path);
}

/** The names of a stored zip's entries, each CRC checked (what `unzip -t` does). */
function zipEntries(bytes) {
	const end = bytes.length - 22;
	assert.equal(bytes.readUInt32LE(end), 0x06054b50, 'not a zip file');
	const names = [];
	let position = bytes.readUInt32LE(end + 16);
	for (let index = 0; index < bytes.readUInt16LE(end + 10); index++) {
		const crc = bytes.readUInt32LE(position + 16);
		const size = bytes.readUInt32LE(position + 20);
		const nameLength = bytes.readUInt16LE(position + 28);
		const local = bytes.readUInt32LE(position + 42);
		const name = bytes.subarray(position + 46, position + 46 + nameLength).toString('utf8');
		const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
		assert.equal(crc32(bytes.subarray(start, start + size)) >>> 0, crc, `${name}: CRC mismatch`);
		names.push(name);
		position += 46 + nameLength + bytes.readUInt16LE(position + 30) + bytes.readUInt16LE(position + 32);
	}
	return names;
}

async function cliRun(env, workflowId) {
	await env.sandbox.clearLog();
	const result = await env.n8n.execute(workflowId);
	if (!result.succeeded) {
		throw new Error(`n8n execute --id=${workflowId} exited ${result.code}, status ${result.run?.status}:\n${result.output.slice(-2500)}`);
	}
	const calls = (await env.sandbox.log()).filter((entry) => !entry.path.startsWith('/v2.0/api_auth/'));
	return { run: result.run, calls, items: (name) => nodeOutput(result.run, name) ?? [] };
}

/** Part 1: one CLI run, before the server starts (the workflows are imported with the others, content.js). */
async function documentExtrasCliSuite(env) {
	suite('document operations beyond the basic guide (n8n execute --id)');
	let run;
	let ids = [];
	const ran = await test('Download Many and Send Completed PDF run in one workflow', async () => {
		({ ids } = await env.sandbox.control('POST', '/documents/bulk', { n: 3, status: '003', document_name: 'E2E lease', updated_date: Date.now() }));
		run = await cliRun(env, ID.completedDocuments);
	});
	if (!ran) {
		blocked('Download Many and Send Completed PDF results', 'the workflow did not run');
		return;
	}
	const { calls, items } = run;

	await test('Download Many: one ZIP whose entries are the PDF and audit trail of each listed document', async () => {
		const listed = items('Completed documents').map((item) => item.json.id);
		assert.deepEqual([...listed].sort(), [...ids].sort(), 'the newest completed documents are the three just added');
		const requests = calls.filter((entry) => entry.path === '/v2.0/api/documents/download_multi_files');
		assert.equal(requests.length, 1, 'one request for all input items');
		assert.deepEqual(requests[0].body, { document_ids: listed, file_type: ['document', 'audit_trail'], zip_password: '', use_simple_file_name: false, file_name: 'e2e-contracts' });
		const [zip] = items('Download Many');
		assert.deepEqual(zip.json.document_ids, listed);
		assert.equal(zip.json.batch_count, 1);
		const binary = zip.binary?.archive;
		assert.ok(binary, 'no binary property "archive"');
		assert.equal(binary.fileName, 'e2e-contracts.zip');
		const entries = zipEntries(readBinary(env, binary));
		assert.deepEqual(entries, listed.flatMap((id) => [`E2E lease_${id}.pdf`, `E2E lease_${id}_audit_trail.pdf`]));
		line(`Download Many: ${listed.length} documents in 1 request → ${binary.fileName}, ${entries.length} entries (${binary.id?.startsWith('filesystem') ? 'stored on disk by n8n' : 'inline'})`);
	});

	await test('Send Completed PDF: both documents in one request, each to its own address and by SMS', async () => {
		const listed = items('Two completed documents').map((item) => item.json.id);
		const sends = calls.filter((entry) => entry.path === `/v2.0/api/companies/${env.demo.companyId}/send_multiple_completed_document`);
		assert.equal(sends.length, 1, 'one request');
		assert.deepEqual(
			sends[0].body.input.send_pdfs.map((entry) => [entry.document_id, entry.pdf_send_infos.map((info) => `${info.method}:${info.method_info}${info.code ? `:${info.code}` : ''}`)]),
			listed.map((id) => [id, [`email:reader-${id.slice(0, 6)}@example.com`, 'sms:01055550142:+82']]),
		);
		const outputs = items('Send Completed PDF').map((item) => item.json);
		assert.deepEqual(outputs.map((output) => [output.document_id, output.sent]), listed.map((id) => [id, true]));
		const sent = await env.sandbox.control('GET', '/sent-pdfs');
		const recorded = sent.filter((entry) => listed.includes(entry.document_id));
		assert.equal(recorded.length, listed.length * 2);
		assert.ok(recorded.every((entry) => entry.send_pdf_option.attach_audit_pdf === true));
		line(`Send Completed PDF: ${listed.length} documents in 1 request → ${recorded.length} deliveries recorded by the sandbox`);
	});
}

async function executionsOf(env, workflowId, count, what) {
	return await waitFor(
		`${what} (${count} finished execution(s) of ${workflowId})`,
		async () => {
			const done = finishedExecutions(await env.n8n.executions(workflowId));
			return done.length >= count ? done : undefined;
		},
		{ timeoutMs: 60_000, intervalMs: 500 },
	);
}

/** A manual run as the editor starts it; pinned data applies. */
async function runManually(env, workflowId, triggerName) {
	return await env.n8n.mustRest('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } });
}

/**
 * Every node type and version of the stored workflow, asked of n8n one at a time as the editor
 * does (POST /rest/node-types): an unknown type fails, and a versioned node must list the version
 * (n8n would otherwise hand out its default version).
 */
async function typesAreKnown(env, workflowId) {
	const stored = await env.n8n.mustRest('GET', `/workflows/${workflowId}`);
	const wanted = [...new Map(stored.nodes.map((entry) => [`${entry.type}@${entry.typeVersion}`, entry])).values()];
	const problems = [];
	for (const entry of wanted) {
		const answer = await env.n8n.rest('POST', '/node-types', { nodeInfos: [{ name: entry.type, version: entry.typeVersion }] });
		const [description] = answer.status === 200 ? (answer.body?.data ?? answer.body ?? []) : [];
		if (!description) problems.push(`${entry.type}@${entry.typeVersion}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
		else if (![description.version].flat().includes(entry.typeVersion)) {
			problems.push(`${entry.type}@${entry.typeVersion}: n8n has versions ${[description.version].flat().join(', ')}`);
		}
	}
	assert.deepEqual(problems, [], 'node types n8n does not know');
	return wanted.map((entry) => `${entry.type.replace(/^.*\./, '')}@${entry.typeVersion}`);
}

/** One pinned run of the Slack example: the sandbox reports a new approval-waiting document to the trigger's test URL. */
async function slackRun(env, workflowId, approved) {
	const { n8n, sandbox } = env;
	const stored = await n8n.mustRest('GET', `/workflows/${workflowId}`);
	const trigger = stored.nodes.find((entry) => entry.name === EXAMPLE_TRIGGER);
	const started = await runManually(env, workflowId, EXAMPLE_TRIGGER);
	assert.equal(started.waitingForWebhook, true, `the manual run did not wait for the trigger: ${JSON.stringify(started)}`);
	const testUrl = productionWebhookUrl(n8n.url, trigger, nodeDescription('eformsignTrigger')).replace('/webhook/', '/webhook-test/');
	await sandbox.setWebhook({ url: testUrl, verification: 'signature' });
	await sandbox.clearLog();
	const { id } = await sandbox.control('POST', '/documents/approval', { document_name: `E2E Slack ${approved ? 'approved' : 'declined'}` });
	const [execution] = await executionsOf(env, workflowId, 1, `the ${approved ? 'approved' : 'declined'} run`);
	assert.equal(execution.status, 'success', `execution ${execution.id} ended ${execution.status}`);
	assert.equal(execution.mode, 'manual');
	assert.equal(nodeOutput(execution, EXAMPLE_TRIGGER)[0].json.document_id, id);
	assert.equal(nodeOutput(execution, 'Get document')[0].json.id, id);
	assert.equal(nodeOutput(execution, SLACK_NODE)[0].json.data.approved, approved, 'the Slack answer is the pinned one');
	const acted = approved ? 'Approve in eformsign' : 'Decline in eformsign';
	const skipped = approved ? 'Decline in eformsign' : 'Approve in eformsign';
	assert.deepEqual(nodeOutput(execution, acted).map((item) => item.json), [
		{ document_title: `E2E Slack ${approved ? 'approved' : 'declined'}`, document_id: id, decision: approved ? 'approved' : 'declined' },
	]);
	assert.equal(nodeOutput(execution, skipped), undefined, `${skipped} ran`);
	const calls = (await sandbox.log()).filter((entry) => entry.path.startsWith(`/v2.0/api/documents/${id}/`));
	const path = approved ? 'send_external_approval' : 'decline_external_approval';
	const decision = calls.filter((entry) => entry.path.endsWith(`/${path}`));
	assert.equal(decision.length, 1);
	const fields = approved ? decision[0].body.input : decision[0].body;
	assert.equal(fields.executor_id, 'slack-approvals');
	const document = await sandbox.control('GET', `/documents/${id}`);
	assert.equal(document.status_type, approved ? '060' : '011');
	// Approved: 012, then the next step's request; declined: 011 last.
	assert.equal((approved ? document.histories.at(-2) : document.histories.at(-1)).action_type, approved ? '012' : '011');
	line(`approve-in-slack, Slack pinned to "${approved ? 'approved' : 'declined'}": execution ${execution.id} (manual, test URL) → ${path} → document ${approved ? 'at its next step (060)' : 'back with its creator (011)'}`);
}

/** Part 2: in the running server (n8n 2.x: the manual-run REST call and pinned data as 2.41 has them). */
async function documentExtrasServerSuite(env) {
	suite('approval in real n8n (published trigger, manual runs with pinned data)');
	if (env.n8n.major < 2) {
		process.stdout.write('  approval and the Slack example: checked on n8n 2.x only (the manual-run REST call differs on 1.x)\n');
		return;
	}
	const { n8n, sandbox, demo } = env;

	await test('Approve (Integrated Approval) on the approval-waiting document; the trigger receives doc_accept_approval', async () => {
		await n8n.activate(ID.approvalEvents);
		const description = nodeDescription('eformsignTrigger');
		const trigger = (await n8n.mustRest('GET', `/workflows/${ID.approvalEvents}`)).nodes[0];
		await sandbox.setWebhook({ url: productionWebhookUrl(n8n.url, trigger, description), verification: 'signature' });
		await sandbox.clearLog();
		const documentId = demo.documentIds.awaitingApproval;
		const started = await runManually(env, ID.approve, 'Start');
		assert.ok(started.executionId, `no execution started: ${JSON.stringify(started)}`);
		const [run] = await executionsOf(env, ID.approve, 1, 'the Approve run');
		assert.equal(run.status, 'success');
		assert.deepEqual(nodeOutput(run, 'Approve')[0].json, { document_title: 'Employment Contract - 정하늘', document_id: documentId, decision: 'approved' });
		const approval = (await sandbox.log()).filter((entry) => entry.path === `/v2.0/api/documents/${documentId}/send_external_approval`);
		assert.deepEqual(approval.map((entry) => entry.body), [{ input: { executor_id: APPROVER.approverId, executor_name: APPROVER.approverName, comment: 'Approved by the e2e suite' } }]);
		const [event] = await executionsOf(env, ID.approvalEvents, 1, 'the trigger to receive doc_accept_approval');
		assert.equal(event.mode, 'webhook');
		assert.equal(event.status, 'success');
		const [item] = nodeOutput(event, 'Approval decided');
		assert.deepEqual([item.json.document_id, item.json.status, item.json.status_name, item.json.editor_id], [documentId, 'doc_accept_approval', 'Approved', APPROVER.approverId]);
		await n8n.deactivate(ID.approvalEvents);
		line(`Approve (Integrated Approval): execution ${run.id} → document at step 2; trigger execution ${event.id} got doc_accept_approval`);
	});

	await test('examples/approve-in-slack.json imports with every node type known to n8n', async () => {
		const types = await typesAreKnown(env, SLACK_EXAMPLE_ID);
		line(`approve-in-slack imported: ${types.join(', ')}`);
	});

	for (const [workflowId, approved] of [[ID.slackApproved, true], [ID.slackDeclined, false]]) {
		await test(`approve-in-slack end to end with the Slack answer pinned to "${approved ? 'approved' : 'declined'}"`, async () => {
			await slackRun(env, workflowId, approved);
		}, { timeoutMs: 150_000 });
	}
	await sandbox.setWebhook(null);
}

module.exports = { documentExtrasCliSuite, documentExtrasServerSuite, extraWorkflows };
