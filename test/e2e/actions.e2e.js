// The action node in real n8n: workflows imported with the CLI and run with `n8n execute --id`,
// asserting n8n's run output and exactly what the sandbox received.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const { SEND_EXAMPLE_ID } = require('../../scripts/lib/demo');
const { nodeOutput } = require('../../scripts/lib/n8n');
const { assert, suite, test } = require('./harness');
const { ID } = require('./workflows');

const HEX_ID = /^[0-9a-f]{32}$/;

/** Runs one workflow with a clean sandbox log; returns the run, its node outputs and the API calls. */
async function runWorkflow(env, workflowId) {
	await env.sandbox.clearLog();
	const result = await env.n8n.execute(workflowId);
	const log = await env.sandbox.log();
	const calls = log.filter((entry) => !entry.path.startsWith('/v2.0/api_auth/'));
	if (!result.succeeded) {
		throw new Error(
			`n8n execute --id=${workflowId} exited ${result.code}, status ${result.run?.status}:\n${result.output.slice(-2500)}`,
		);
	}
	const items = (node) => {
		const output = nodeOutput(result.run, node);
		assert.ok(output, `node "${node}" produced no output`);
		return output;
	};
	return { result, calls, items, json: (node) => items(node).map((item) => item.json) };
}

/** The requests with this method and path (reads may be repeated: updates read the record first). */
function requestsTo(calls, method, path) {
	return calls.filter((entry) => entry.method === method && entry.path === path);
}

/** The one request with this method and path (writes are sent exactly once). */
function call(calls, method, pathPattern) {
	const found = calls.filter(
		(entry) =>
			entry.method === method &&
			(pathPattern instanceof RegExp ? pathPattern.test(entry.path) : entry.path === pathPattern),
	);
	assert.equal(
		found.length,
		1,
		`expected one ${method} ${pathPattern}, sandbox saw: ${calls.map((entry) => `${entry.method} ${entry.path}`).join(', ')}`,
	);
	return found[0];
}

async function actionsSuite(env) {
	const { demo } = env;
	suite('action node in real n8n (n8n execute --id)');

	await test('document: create from a template, then get it (expressions resolved by n8n)', async () => {
		const { calls, json } = await runWorkflow(env, ID.documents);
		const [created] = json('Create');
		assert.match(created.document.id, HEX_ID);
		assert.equal(created.document.document_name, 'e2e contract for 홍길동');
		const create = call(calls, 'POST', '/v2.0/api/documents');
		assert.deepEqual(create.query, { template_id: demo.templateIds.contract });
		assert.deepEqual(create.body, {
			document: {
				document_name: 'e2e contract for 홍길동',
				comment: 'Please sign.',
				recipients: [
					{
						step_type: '05',
						use_mail: true,
						use_sms: false,
						member: { name: '홍길동', id: 'gildong.hong@example.com' },
					},
				],
				fields: [
					{ id: 'name', value: '홍길동' },
					{ id: 'amount', value: '42000' },
				],
			},
		});
		const [fetched] = json('Get');
		assert.equal(fetched.id, created.document.id);
		assert.equal(fetched.template_id, demo.templateIds.contract);
		assert.equal(fetched.status_type, '060');
		assert.equal(fetched.fields.name, '홍길동');
		const get = call(calls, 'GET', `/v2.0/api/documents/${created.document.id}`);
		assert.equal(get.query.include_fields, 'true');
		assert.equal(get.query.include_histories, 'true');
		assert.deepEqual(
			calls.map((entry) => entry.method),
			['POST', 'GET'],
		);
	});

	await test('document get many, template get many and usage', async () => {
		const { calls, json } = await runWorkflow(env, ID.lists);
		const documents = json('Completed documents');
		assert.ok(documents.length >= 1 && documents.length <= 5, `got ${documents.length} documents`);
		assert.ok(documents.every((document) => document.status_type === '003'));
		assert.ok(documents.some((document) => document.id === demo.documentIds.completed));
		const list = call(calls, 'POST', '/v2.0/api/list_document');
		assert.equal(list.body.type, '03');
		assert.equal(String(list.body.limit), '5');

		const templates = json('Templates');
		assert.ok(
			templates.some(
				(template) =>
					template.form_id === demo.templateIds.contract && template.name === 'Employment Contract',
			),
		);
		call(calls, 'GET', '/v2.0/api/forms');

		const [usage] = json('Usage');
		assert.equal(typeof usage.total, 'number');
		const useStatus = call(calls, 'GET', `/v2.0/api/companies/${demo.companyId}/use_status`);
		assert.equal(useStatus.query.term, 'monthly');
		assert.match(useStatus.query.date, /^\d{6}$/);
	});

	await test('document download: the signed PDF and the audit trail as binary data', async () => {
		const { calls, items } = await runWorkflow(env, ID.download);
		for (const [node, property, fileType] of [
			['Signed PDF', 'pdf', 'document'],
			['Audit trail', 'audit_trail', 'audit_trail'],
		]) {
			const [item] = items(node);
			assert.equal(item.json.document_id, demo.documentIds.completed);
			assert.equal(item.json.file_type, fileType);
			const binary = item.binary?.[property];
			assert.ok(binary, `${node}: no binary property "${property}"`);
			assert.equal(binary.mimeType, 'application/pdf');
			assert.match(binary.fileName, /\.pdf$/);
			const content = readBinary(env, binary);
			// n8n 1.x records a readable fileSize ("1.2 kB") instead of bytes.
			if (env.n8n.major >= 2) assert.equal(binary.bytes, content.length);
			assert.ok(content.length > 100, `${node}: ${content.length} bytes`);
			assert.equal(content.subarray(0, 5).toString('latin1'), '%PDF-');
		}
		const downloads = calls.filter(
			(entry) => entry.path === `/v2.0/api/documents/${demo.documentIds.completed}/download_files`,
		);
		assert.deepEqual(downloads.map((entry) => `${entry.method} ${entry.query.file_type}`).sort(), [
			'GET audit_trail',
			'GET document',
		]);
		assert.equal(calls.length, 2);
	});

	await test('member get many and update; group create, update, get many and delete', async () => {
		const member = demo.members.find(
			(entry) => entry.account_id !== demo.adminId && entry.account_id !== demo.memberId,
		);
		const { calls, json } = await runWorkflow(env, ID.people);
		const members = json('Members');
		assert.equal(members.length, demo.members.length);
		assert.ok(members.some((entry) => entry.account_id === demo.memberId));
		assert.ok(requestsTo(calls, 'GET', '/v2.0/api/members').length >= 1);

		const [updated] = json('Update member');
		assert.equal(updated.member.id, member.account_id);
		const patch = call(
			calls,
			'PATCH',
			`/v2.0/api/members/${encodeURIComponent(member.account_id)}`,
		);
		assert.equal(patch.body.account.id, member.account_id);
		assert.equal(patch.body.account.position, 'Senior Engineer');

		const [group] = json('Create group');
		assert.match(group.id, HEX_ID);
		const create = call(calls, 'POST', '/v2.0/api/groups');
		assert.deepEqual(create.body, {
			group: {
				name: 'e2e Partners',
				description: 'Created by the e2e suite',
				members: [member.account_id],
			},
		});

		const rename = call(calls, 'PATCH', `/v2.0/api/groups/${group.id}`);
		assert.equal(rename.body.group.name, 'e2e Partners (renamed)');
		assert.ok(requestsTo(calls, 'GET', '/v2.0/api/groups').length >= 1);
		const groups = json('Groups');
		assert.ok(
			groups.some((entry) => entry.id === group.id && entry.name === 'e2e Partners (renamed)'),
		);

		const remove = call(calls, 'DELETE', '/v2.0/api/groups');
		assert.deepEqual(remove.body, { group_ids: [group.id] });
		json('Delete group');
	});

	await test('example "send a contract to every row of a list": one document per row', async () => {
		const { calls, json } = await runWorkflow(env, SEND_EXAMPLE_ID);
		const sent = json('Send contract');
		assert.equal(sent.length, 3);
		const creates = calls.filter(
			(entry) => entry.method === 'POST' && entry.path === '/v2.0/api/documents',
		);
		assert.equal(creates.length, 3);
		const rows = json('Contract list');
		rows.forEach((row, index) => {
			const { document } = creates[index].body;
			assert.equal(creates[index].query.template_id, demo.templateIds.contract);
			assert.equal(document.document_name, `Employment contract – ${row.name}`);
			assert.deepEqual(document.recipients[0].member, { name: row.name, id: row.email });
			assert.deepEqual(document.fields, [
				{ id: 'name', value: row.name },
				{ id: 'position', value: row.position },
				{ id: 'amount', value: String(row.salary) },
				{ id: 'date', value: row.startDate },
			]);
			assert.match(sent[index].document.id, HEX_ID);
		});
	});

	await test('the token is issued once: n8n stores the session in the credential and later runs reuse it', async () => {
		const { count } = await env.sandbox.control('GET', '/token-issuances');
		assert.equal(count, 1);
	});
}

/** Reads a binary the CLI run stored in filesystem mode (`filesystem-v2:<path>`). */
function readBinary(env, binary) {
	if (binary.data && binary.data !== 'filesystem-v2') return Buffer.from(binary.data, 'base64');
	const path = join(
		env.n8n.userFolder,
		'.n8n',
		'storage',
		binary.id.replace(/^filesystem-v2:/, ''),
	);
	assert.ok(existsSync(path), `binary file ${path} is missing`);
	return readFileSync(path);
}

module.exports = { actionsSuite };
