// The workflows the queue-mode suite and benchmark publish, and the signed deliveries they send.
// Node types are the packed package's (`n8n-nodes-eformsign.<name>`); parameter names are the
// nodes' own (nodes/EformsignTrigger/description.ts, nodes/Eformsign/actions/document/get.operation.ts).
const { DEMO_CREDENTIALS } = require('./demo');
const { PACKAGE } = require('./package');

const WORKFLOW_ID = {
	trigger: 'efsQueueTrigger1',
	triggerVersion1: 'efsQueueTrigV1x',
	builtinWebhook: 'efsQueueBuiltin1',
	builtinHeaderAuth: 'efsQueueBuiltAu1',
	createOnWebhook: 'efsQueueCreate01',
};
const TRIGGER_WEBHOOK_ID = {
	1.1: '6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40',
	1: '6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f48',
};
const BUILTIN_WEBHOOK_PATH = 'eformsign-builtin-comparison';
const CREATE_WEBHOOK_PATH = 'eformsign-create-document';

function getDocument(position, documentIdExpression) {
	const { api } = DEMO_CREDENTIALS;
	return {
		id: '6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f42',
		name: 'Get document',
		type: `${PACKAGE.name}.eformsign`,
		typeVersion: 1,
		position,
		parameters: {
			resource: 'document',
			operation: 'get',
			documentId: { __rl: true, mode: 'id', value: documentIdExpression },
			options: {},
		},
		credentials: { [api.type]: { id: api.id, name: api.name } },
	};
}

function workflow(id, name, trigger, documentIdExpression) {
	return {
		id,
		name,
		nodes: [trigger, getDocument([260, 0], documentIdExpression)],
		connections: {
			[trigger.name]: { main: [[{ node: 'Get document', type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * eformsign Trigger (signature check, doc_complete only, no enrichment) → Document > Get. Type
 * version 1.1 is what a new node gets (the node's defaultVersion); at 1, n8n does more work per
 * request (nodes/EformsignTrigger/EformsignTrigger.node.ts), which the benchmark measures too.
 */
function triggerWorkflow({ typeVersion = 1.1 } = {}) {
	const { webhook } = DEMO_CREDENTIALS;
	const version1 = typeVersion === 1;
	return workflow(
		version1 ? WORKFLOW_ID.triggerVersion1 : WORKFLOW_ID.trigger,
		`queue mode: completed document → get it${version1 ? ' (trigger version 1)' : ''}`,
		{
			id: '6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f41',
			name: 'Document completed',
			type: `${PACKAGE.name}.eformsignTrigger`,
			typeVersion,
			position: [0, 0],
			webhookId: TRIGGER_WEBHOOK_ID[typeVersion],
			parameters: { verification: 'credential', events: ['doc_complete'] },
			credentials: { [webhook.type]: { id: webhook.id, name: webhook.name } },
		},
		'={{ $json.document_id }}',
	);
}

/**
 * The same work behind n8n's built-in Webhook node (no signature check, no event filter). With
 * `headerAuth`, the node checks a header against an n8n credential on every request, as the
 * Trigger reads its webhook credential: the built-in peer of an authenticating trigger.
 */
function builtinWebhookWorkflow({ headerAuth = false } = {}) {
	const authenticated = {
		parameters: { authentication: 'headerAuth' },
		credentials: { httpHeaderAuth: { id: HEADER_AUTH.id, name: HEADER_AUTH.name } },
	};
	return workflow(
		headerAuth ? WORKFLOW_ID.builtinHeaderAuth : WORKFLOW_ID.builtinWebhook,
		`queue mode: built-in Webhook${headerAuth ? ' (header auth)' : ''} → get document`,
		{
			id: '6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f43',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: headerAuth
				? '6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f49'
				: '6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f44',
			parameters: {
				httpMethod: 'POST',
				path: headerAuth ? `${BUILTIN_WEBHOOK_PATH}-header-auth` : BUILTIN_WEBHOOK_PATH,
				responseMode: 'onReceived',
				options: {},
				...(headerAuth ? authenticated.parameters : {}),
			},
			...(headerAuth ? { credentials: authenticated.credentials } : {}),
		},
		'={{ $json.body.document.id }}',
	);
}

/** n8n's Header Auth credential of the header-auth Webhook workflow, and the header it wants. */
const HEADER_AUTH = {
	id: 'efsQueueHeaderAu',
	name: 'queue benchmark header',
	type: 'httpHeaderAuth',
	header: 'x-benchmark-auth',
	value: 'benchmark-secret-value',
};

function headerAuthCredential() {
	const { id, name, type, header, value } = HEADER_AUTH;
	return { id, name, type, data: { name: header, value } };
}

/**
 * n8n's Webhook node → eformsign Document > Create, named after the request's `run`: what a
 * worker runs when it is killed while eformsign is still answering the create.
 */
function createOnWebhookWorkflow(templateId) {
	const { api } = DEMO_CREDENTIALS;
	return {
		id: WORKFLOW_ID.createOnWebhook,
		name: 'queue mode: webhook → create a document',
		nodes: [
			{
				id: '6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f45',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f46',
				parameters: {
					httpMethod: 'POST',
					path: CREATE_WEBHOOK_PATH,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: '6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f47',
				name: 'Create document',
				type: `${PACKAGE.name}.eformsign`,
				typeVersion: 1,
				position: [260, 0],
				parameters: {
					resource: 'document',
					operation: 'create',
					templateId: { __rl: true, mode: 'id', value: templateId },
					documentName: '={{ $json.body.documentName }}',
					recipients: {
						recipient: [
							{ stepType: '05', recipientType: 'member', name: 'Kim', id: 'kim@example.com' },
						],
					},
				},
				credentials: { [api.type]: { id: api.id, name: api.name } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Create document', type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

const triggerWebhookUrl = (n8nUrl, typeVersion = 1.1) =>
	`${n8nUrl}/webhook/${TRIGGER_WEBHOOK_ID[typeVersion]}/webhook`;
const builtinWebhookUrl = (n8nUrl, { headerAuth = false } = {}) =>
	`${n8nUrl}/webhook/${BUILTIN_WEBHOOK_PATH}${headerAuth ? '-header-auth' : ''}`;
const createWebhookUrl = (n8nUrl) => `${n8nUrl}/webhook/${CREATE_WEBHOOK_PATH}`;

/**
 * `count` signed doc_complete deliveries, as eformsign would send them, without sending them:
 * the sandbox completes `count` new documents while its webhook points at a closed port, and
 * records each delivery's exact body and headers. The caller replays them when and how it wants.
 */
async function signedDeliveries(sandbox, count, closedPort) {
	await sandbox.setWebhook({ url: `http://127.0.0.1:${closedPort}/`, verification: 'signature' });
	const { ids } = await sandbox.control('POST', '/documents/bulk', { n: count });
	for (const id of ids) await sandbox.complete(id);
	const wanted = new Set(ids);
	const deliveries = (await sandbox.deliveries())
		.map((delivery) => ({ delivery, body: JSON.parse(delivery.body) }))
		.filter(({ body }) => body.document?.status === 'doc_complete' && wanted.has(body.document.id))
		.map(({ delivery, body }) => ({
			documentId: body.document.id,
			body: delivery.body,
			headers: delivery.headers,
		}));
	await sandbox.setWebhook(null);
	if (deliveries.length !== count) {
		throw new Error(
			`expected ${count} doc_complete deliveries, the sandbox recorded ${deliveries.length}`,
		);
	}
	return deliveries;
}

/** Sends one recorded delivery byte for byte (plus `extraHeaders`); resolves to the HTTP status. */
async function deliver(url, delivery, extraHeaders = {}) {
	const { 'content-length': _length, ...headers } = delivery.headers;
	const response = await fetch(url, {
		method: 'POST',
		headers: { ...headers, ...extraHeaders },
		body: delivery.body,
	});
	await response.arrayBuffer();
	return response.status;
}

/**
 * Sends a delivery until n8n takes it, as eformsign retries one that was not acknowledged: n8n
 * answers 503 ("Database is not ready!") for a while after its database ping timed out, which a
 * saturated machine can cause. Resolves to how many 503s it got; any other refusal throws.
 */
async function deliverUntilTaken(url, delivery, extraHeaders = {}, maxRefusals = 20) {
	for (let refusals = 0; refusals <= maxRefusals; refusals++) {
		const status = await deliver(url, delivery, extraHeaders);
		if (status === 200) return refusals;
		if (status !== 503) throw new Error(`${url} answered ${status}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`${url} answered 503 ${maxRefusals + 1} times in a row`);
}

module.exports = {
	HEADER_AUTH,
	WORKFLOW_ID,
	builtinWebhookUrl,
	builtinWebhookWorkflow,
	createOnWebhookWorkflow,
	createWebhookUrl,
	deliver,
	deliverUntilTaken,
	headerAuthCredential,
	signedDeliveries,
	triggerWebhookUrl,
	triggerWorkflow,
};
