// Company stamps and template permissions in real n8n: workflows imported with the CLI together with
// the others (content.js) and run with `n8n execute --id` before the server starts, asserting n8n's
// run output and exactly what the sandbox received. Each workflow's result is printed as one line.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { crc32, deflateSync } = require('node:zlib');

const { DEMO_CREDENTIALS } = require('../../scripts/lib/demo');
const { nodeOutput } = require('../../scripts/lib/n8n');
const { assert, suite, test } = require('./harness');
const { TYPE } = require('./workflows');

const ID = { stamps: 'e2eStamps0000001', templates: 'e2eTemplatePerm1' };
const ADMIN_CREDENTIAL = { id: 'e2eSandboxAdmin1', name: 'eformsign sandbox (admin)', type: 'eformsignApi' };
const HEX_ID = /^[0-9a-f]{32}$/;

/** A 24×24 PNG, built here (the e2e suite shares no code with the sandbox or the nodes). */
function png() {
	const chunk = (type, data) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body) >>> 0);
		return Buffer.concat([length, body, crc]);
	};
	const size = 24;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8;
	header[9] = 2;
	const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, 0xc8)]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

function nodeId(name) {
	const hex = Buffer.from(`st:${name}`).toString('hex').padEnd(32, '0').slice(0, 32);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function node(name, type, typeVersion, position, parameters, credential) {
	return {
		id: nodeId(name),
		name,
		type,
		typeVersion,
		position,
		parameters,
		...(credential ? { credentials: { [credential.type]: { id: credential.id, name: credential.name } } } : {}),
	};
}

function workflow(id, name, nodes) {
	const connections = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes, connections, active: false, settings: { executionOrder: 'v1' }, pinData: {} };
}

const byId = (value) => ({ __rl: true, mode: 'id', value });

function stampWorkflows(demo, image) {
	const management = demo.groups.find((group) => group.name === 'Management').id;
	const engineering = demo.groups.find((group) => group.name === 'Engineering').id;
	const start = node('Start', TYPE.manual, 1, [0, 0], {});
	return {
		stamps: workflow(ID.stamps, 'e2e: create a company stamp from a PNG binary, then get many', [
			start,
			node('Stamp as base64', 'n8n-nodes-base.set', 3.4, [200, 0], {
				assignments: {
					assignments: [{ id: nodeId('png'), name: 'png', value: image.toString('base64'), type: 'string' }],
				},
				options: {},
			}),
			node('To PNG file', 'n8n-nodes-base.convertToFile', 1.1, [400, 0], {
				operation: 'toBinary',
				sourceProperty: 'png',
				binaryPropertyName: 'seal',
				options: { fileName: 'seal.png', mimeType: 'image/png' },
			}),
			node(
				'Create stamp',
				TYPE.eformsign,
				1,
				[600, 0],
				{
					resource: 'companyStamp',
					operation: 'create',
					name: 'e2e board seal',
					binaryPropertyName: 'seal',
					permissions: 'selected',
					groups: [management],
					members: [demo.adminId],
					additionalFields: { description: 'Created by the e2e suite' },
				},
				ADMIN_CREDENTIAL,
			),
			node(
				'Stamps',
				TYPE.eformsign,
				1,
				[800, 0],
				{ resource: 'companyStamp', operation: 'getMany', returnAll: true },
				DEMO_CREDENTIALS.api,
			),
		]),
		templates: workflow(ID.templates, 'e2e: get a template, update its permissions, get its image', [
			start,
			node(
				'Get template',
				TYPE.eformsign,
				1,
				[200, 0],
				{
					resource: 'template',
					operation: 'get',
					templateId: byId(demo.templateIds.urlCreation),
					options: { includeConfig: true },
				},
				DEMO_CREDENTIALS.api,
			),
			// Additive changes only: later suites (the editor's template list) keep seeing every template.
			node(
				'Update permissions',
				TYPE.eformsign,
				1,
				[400, 0],
				{
					resource: 'template',
					operation: 'updatePermissions',
					templateId: byId('={{ $json.form_id }}'),
					use: { addGroups: [engineering] },
					modify: { addMembers: [demo.adminId], addManagers: ['DOCUMENT_MANAGER'] },
				},
				DEMO_CREDENTIALS.api,
			),
			node(
				'Preview',
				TYPE.eformsign,
				1,
				[600, 0],
				{
					resource: 'template',
					operation: 'getImage',
					templateId: byId("={{ $('Get template').item.json.form_id }}"),
					binaryPropertyName: 'preview',
				},
				DEMO_CREDENTIALS.api,
			),
		]),
	};
}

async function runWorkflow(env, workflowId) {
	await env.sandbox.clearLog();
	const result = await env.n8n.execute(workflowId);
	const calls = (await env.sandbox.log()).filter((entry) => !entry.path.startsWith('/v2.0/api_auth/'));
	if (!result.succeeded) {
		throw new Error(
			`n8n execute --id=${workflowId} exited ${result.code}, status ${result.run?.status}:\n${result.output.slice(-2500)}`,
		);
	}
	const items = (name) => {
		const output = nodeOutput(result.run, name);
		assert.ok(output, `node "${name}" produced no output`);
		return output;
	};
	return { calls, items, json: (name) => items(name).map((item) => item.json) };
}

function only(calls, method, path) {
	const found = calls.filter((entry) => entry.method === method && entry.path === path);
	assert.equal(found.length, 1, `expected one ${method} ${path}, sandbox saw: ${calls.map((e) => `${e.method} ${e.path}`).join(', ')}`);
	return found[0];
}

/** A binary as n8n stored it from a CLI run: inline base64, or a file in filesystem mode. */
function readBinary(env, binary) {
	if (binary.data && binary.data !== 'filesystem-v2') return Buffer.from(binary.data, 'base64');
	const path = join(env.n8n.userFolder, '.n8n', 'storage', binary.id.replace(/^filesystem-v2:/, ''));
	assert.ok(existsSync(path), `binary file ${path} is missing`);
	return readFileSync(path);
}

function line(text) {
	process.stdout.write(`      ${text}\n`);
}

/** What content.js imports for this suite: a credential of the administrator, and the workflows. */
function stampsTemplatesContent(env) {
	return {
		credentials: [
			{
				...ADMIN_CREDENTIAL,
				data: {
					tokenHostUrl: env.sandbox.url,
					apiKey: env.demo.signature.apiKey,
					verificationType: 'signature',
					privateKey: env.demo.signature.privateKeyHex,
					memberId: env.demo.adminId,
				},
			},
		],
		workflows: Object.values(stampWorkflows(env.demo, png())),
	};
}

async function stampsTemplatesSuite(env) {
	const { demo } = env;
	const image = png();
	suite('company stamps and template permissions in real n8n (n8n execute --id)');

	await test('company stamp: create from a PNG made by Set + Convert to File, then get many', async () => {
		const { calls, json } = await runWorkflow(env, ID.stamps);
		const management = demo.groups.find((group) => group.name === 'Management').id;
		const [created] = json('Create stamp');
		assert.match(created.id, HEX_ID);
		assert.deepEqual(created, {
			id: created.id,
			name: 'e2e board seal',
			description: 'Created by the e2e suite',
			allow_all_members: false,
			groups: [management],
			members: [demo.adminId],
		});
		const post = only(calls, 'POST', '/v2.0/api/company_stamp');
		assert.deepEqual(post.body, {
			company_stamp: {
				name: 'e2e board seal',
				description: 'Created by the e2e suite',
				stamp: { path: `data:image/png;base64,${image.toString('base64')}` },
				auth: { allow_all_members: false, groups: [management], members: [demo.adminId] },
			},
		});
		assert.equal(post.status, 200);
		only(calls, 'GET', '/v2.0/api/company_stamp');
		const stamps = json('Stamps');
		const listed = stamps.find((stamp) => stamp.id === created.id);
		assert.ok(listed, `Get Many did not list ${created.id}`);
		assert.deepEqual([listed.name, listed.allow_all_members, listed.groups, listed.members], [
			'e2e board seal',
			false,
			[management],
			[demo.adminId],
		]);
		assert.ok(stamps.every((stamp) => !JSON.stringify(stamp).includes('base64')));
		line(
			`stamps: created ${created.id} "${created.name}" from a ${image.length}-byte PNG (groups=${created.groups.length}, members=${created.members.length}); get many: ${stamps.length} stamps`,
		);
	});

	await test('template: get with settings, update permissions, get the preview image', async () => {
		const { calls, json, items } = await runWorkflow(env, ID.templates);
		const templateId = demo.templateIds.urlCreation;
		const imageId = demo.templates.find((template) => template.id === templateId).image_id;
		const engineering = demo.groups.find((group) => group.name === 'Engineering').id;

		const [template] = json('Get template');
		assert.equal(template.form_id, templateId);
		assert.equal(template.name, 'Service Application');
		assert.equal(template.form_image_id, imageId);
		assert.ok(Array.isArray(template.config.step_settings));
		const get = calls.find((entry) => entry.method === 'GET' && entry.path === `/v2.0/api/forms/${templateId}` && entry.query.is_include_config);
		assert.ok(get, 'no GET of the template with is_include_config');
		assert.equal(get.query.is_include_config, 'true');

		const patch = only(calls, 'PATCH', `/v2.0/api/forms/${templateId}/permissions`);
		assert.deepEqual(patch.body, {
			use: { groups: { add: [engineering] } },
			modify: { members: { add: [demo.adminId] }, managers: { add: ['DOCUMENT_MANAGER'] } },
		});
		assert.equal(patch.status, 200);
		const [changed] = json('Update permissions');
		assert.equal(changed.template_id, templateId);
		assert.deepEqual(changed.use.groups_added, [engineering]);
		assert.deepEqual(changed.modify.managers_added, ['DOCUMENT_MANAGER']);
		assert.equal(changed.use_all_members, undefined);

		const image = only(calls, 'GET', `/v2.0/api/template_image/${imageId}`);
		assert.equal(image.query.output_type, '1');
		const [preview] = items('Preview');
		const binary = preview.binary?.preview;
		assert.ok(binary, 'Get Image: no binary property "preview"');
		assert.equal(binary.mimeType, 'image/png');
		const bytes = readBinary(env, binary);
		assert.equal(bytes.subarray(0, 8).toString('latin1'), '\x89PNG\r\n\x1a\n');
		assert.equal(preview.json.file_size, bytes.length);
		line(`templates: got "${template.name}"; ${changed.summary} Preview: ${bytes.length}-byte PNG`);
	});
}

module.exports = { stampsTemplatesContent, stampsTemplatesSuite };
