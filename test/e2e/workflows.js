// The workflows the real-n8n suite imports besides examples/ (which it imports and runs too).
// Parameter names are the node's own (nodes/Eformsign/actions/<resource>/<operation>.operation.ts,
// the poll trigger's description); node types are the packed package's (`n8n-nodes-eformsign.<name>`).
const { DEMO_CREDENTIALS } = require('../../scripts/lib/demo');
const { PACKAGE } = require('../../scripts/lib/package');

const TYPE = {
	eformsign: `${PACKAGE.name}.eformsign`,
	trigger: `${PACKAGE.name}.eformsignTrigger`,
	pollTrigger: `${PACKAGE.name}.eformsignPollTrigger`,
	manual: 'n8n-nodes-base.manualTrigger',
};

const ID = {
	documents: 'e2eDocuments0001',
	lists: 'e2eLists00000001',
	download: 'e2eDownload00001',
	people: 'e2ePeople0000001',
	poll: 'e2ePoll000000001',
	pollRestart: 'e2ePollRestart01',
	pollScheduler: 'e2ePollSchedule1',
	pollDurable: 'e2ePollDurable01',
};

const byId = (value) => ({ __rl: true, mode: 'id', value });
const { api } = DEMO_CREDENTIALS;
const apiCredential = { [api.type]: { id: api.id, name: api.name } };

function eformsign(name, position, parameters) {
	return {
		id: nodeId(name),
		name,
		type: TYPE.eformsign,
		typeVersion: 1,
		position,
		parameters,
		credentials: apiCredential,
	};
}

function nodeId(name) {
	const hex = Buffer.from(name).toString('hex').padEnd(32, '0').slice(0, 32);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const manual = {
	id: nodeId('Start'),
	name: 'Start',
	type: TYPE.manual,
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** `chain('A', 'B', 'C')` → A→B→C; `fanOut('A', ['B', 'C'])` → A→B and A→C. */
function connect(pairs) {
	const connections = {};
	for (const [from, to] of pairs) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

function workflow(id, name, nodes, pairs) {
	return {
		id,
		name,
		nodes,
		connections: connect(pairs),
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function workflows(demo) {
	const contract = demo.templateIds.contract;
	const member = demo.members.find(
		(entry) => entry.account_id !== demo.adminId && entry.account_id !== demo.memberId,
	);
	return {
		documents: workflow(
			ID.documents,
			'e2e: create a document, then get it',
			[
				manual,
				eformsign('Create', [220, 0], {
					resource: 'document',
					operation: 'create',
					templateId: byId(contract),
					documentName: 'e2e contract for 홍길동',
					comment: 'Please sign.',
					recipients: {
						recipient: [
							{
								stepType: '05',
								recipientType: 'member',
								name: '홍길동',
								id: 'gildong.hong@example.com',
							},
						],
					},
					fieldInput: 'pairs',
					fieldPairs: {
						field: [
							{ id: 'name', value: '홍길동' },
							{ id: 'amount', value: '={{ 40000 + 2000 }}' },
						],
					},
				}),
				eformsign('Get', [440, 0], {
					resource: 'document',
					operation: 'get',
					documentId: byId('={{ $json.document.id }}'),
					options: { include_fields: true, include_histories: true },
				}),
			],
			[
				['Start', 'Create'],
				['Create', 'Get'],
			],
		),
		lists: workflow(
			ID.lists,
			'e2e: get many documents and templates, usage',
			[
				manual,
				eformsign('Completed documents', [220, -120], {
					resource: 'document',
					operation: 'getMany',
					box: '03',
					limit: 5,
				}),
				eformsign('Templates', [220, 0], {
					resource: 'template',
					operation: 'getMany',
					returnAll: true,
				}),
				eformsign('Usage', [220, 120], {
					resource: 'usage',
					operation: 'getUsage',
					term: 'monthly',
				}),
			],
			[
				['Start', 'Completed documents'],
				['Start', 'Templates'],
				['Start', 'Usage'],
			],
		),
		download: workflow(
			ID.download,
			'e2e: download the signed PDF and the audit trail',
			[
				manual,
				eformsign('Signed PDF', [220, -80], {
					resource: 'document',
					operation: 'download',
					documentId: byId(demo.documentIds.completed),
					fileType: 'document',
					binaryPropertyName: 'pdf',
				}),
				eformsign('Audit trail', [220, 80], {
					resource: 'document',
					operation: 'download',
					documentId: byId(demo.documentIds.completed),
					fileType: 'audit_trail',
					binaryPropertyName: 'audit_trail',
				}),
			],
			[
				['Start', 'Signed PDF'],
				['Start', 'Audit trail'],
			],
		),
		people: workflow(
			ID.people,
			'e2e: members and groups',
			[
				manual,
				eformsign('Members', [220, -120], {
					resource: 'member',
					operation: 'getMany',
					returnAll: true,
				}),
				eformsign('Update member', [220, 0], {
					resource: 'member',
					operation: 'update',
					memberId: byId(member.account_id),
					updateFields: { position: 'Senior Engineer' },
				}),
				eformsign('Create group', [220, 120], {
					resource: 'group',
					operation: 'create',
					name: 'e2e Partners',
					members: [member.account_id],
					additionalFields: { description: 'Created by the e2e suite' },
				}),
				eformsign('Rename group', [440, 120], {
					resource: 'group',
					operation: 'update',
					groupId: byId('={{ $json.id }}'),
					updateFields: { name: 'e2e Partners (renamed)' },
				}),
				eformsign('Groups', [660, 120], {
					resource: 'group',
					operation: 'getMany',
					returnAll: true,
				}),
				eformsign('Delete group', [880, 120], {
					resource: 'group',
					operation: 'delete',
					groupId: byId("={{ $('Create group').item.json.id }}"),
				}),
			],
			[
				['Start', 'Members'],
				['Start', 'Update member'],
				['Start', 'Create group'],
				['Create group', 'Rename group'],
				['Rename group', 'Groups'],
				['Groups', 'Delete group'],
			],
		),
	};
}

/** The poll trigger, every minute (n8n's shortest interval), for completed contracts. */
function pollWorkflow(demo) {
	return pollTriggerWorkflow(ID.poll, 'e2e: poll trigger', demo.templateIds.contract);
}

/** The same for another template, published before n8n stops and starts again. */
function pollRestartWorkflow(demo) {
	return pollTriggerWorkflow(
		ID.pollRestart,
		'e2e: poll trigger across a restart',
		demo.templateIds.urlCreation,
	);
}

/**
 * One per mode of n8n's own scheduler (test/e2e/pollModes.js), each published in its own n8n, on
 * templates no other part of the suite touches, so every document of theirs is counted.
 */
function pollSchedulerWorkflows(demo) {
	return [
		pollTriggerWorkflow(
			ID.pollScheduler,
			'e2e: poll trigger, scheduler',
			demo.templateIds.disabled,
		),
		pollTriggerWorkflow(
			ID.pollDurable,
			'e2e: poll trigger, scheduler with durable cursors',
			demo.templateIds.titleLocked,
		),
	];
}

function pollTriggerWorkflow(id, name, templateId) {
	return workflow(
		id,
		name,
		[
			{
				id: nodeId('eformsign Poll Trigger'),
				name: 'eformsign Poll Trigger',
				type: TYPE.pollTrigger,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'completed',
					templateId: byId(templateId),
				},
				credentials: apiCredential,
			},
		],
		[],
	);
}

module.exports = { ID, TYPE, pollRestartWorkflow, pollSchedulerWorkflows, pollWorkflow, workflows };
