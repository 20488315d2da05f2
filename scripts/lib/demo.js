// The ready content of the demo: two credentials pointing at the running sandbox and the example
// workflows in examples/. Both `npm run dev` and the e2e suite import exactly this.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const { ROOT } = require('./package');

const EXAMPLES = join(ROOT, 'examples');

const DEMO_CREDENTIALS = {
	api: { id: 'efsDemoSandboxApi', name: 'eformsign sandbox', type: 'eformsignApi' },
	webhook: {
		id: 'efsDemoSandboxHook',
		name: 'eformsign sandbox webhook',
		type: 'eformsignWebhookApi',
	},
};

/** The workflow that is published and receives the sandbox's webhooks. */
const TRIGGER_EXAMPLE_ID = 'efsDemoCompleted';
const SEND_EXAMPLE_ID = 'efsDemoSendList1';

/** What a user types into the credential dialogs for the sandbox (values from GET /_sandbox/demo). */
function demoCredentials(demo, sandboxUrl) {
	return [
		{
			...DEMO_CREDENTIALS.api,
			data: {
				tokenHostUrl: sandboxUrl,
				apiKey: demo.signature.apiKey,
				verificationType: 'signature',
				privateKey: demo.signature.privateKeyHex,
				memberId: demo.memberId,
			},
		},
		{
			...DEMO_CREDENTIALS.webhook,
			data: { verificationType: 'signature', publicKey: demo.webhook.publicKeyHex },
		},
	];
}

function exampleWorkflows() {
	return readdirSync(EXAMPLES)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')));
}

/**
 * The examples name the sandbox's fixed demo IDs (so they read like real workflows). Fail early,
 * with the place to fix, if the sandbox's seed ever changes them.
 */
function checkExampleIds(workflows, demo) {
	const known = new Set([
		...Object.values(demo.templateIds),
		...Object.values(demo.documentIds),
		...demo.groups.map((group) => group.id),
	]);
	const problems = [];
	for (const workflow of workflows) {
		for (const node of workflow.nodes) {
			for (const value of Object.values(node.parameters ?? {})) {
				const id = value && value.__rl && value.mode === 'id' ? String(value.value) : '';
				if (/^[0-9a-f]{32}$/.test(id) && !known.has(id))
					problems.push(`${workflow.name} › ${node.name}: ${id}`);
			}
		}
	}
	if (problems.length > 0) {
		throw new Error(
			`examples/ name IDs the sandbox does not know (update them from GET /_sandbox/demo):\n  ${problems.join('\n  ')}`,
		);
	}
}

/** Production webhook URL of a trigger node, as n8n builds it (n8n-workflow getNodeWebhookPath). */
function productionWebhookUrl(n8nUrl, node, description) {
	const webhook =
		description.webhooks.find((entry) => entry.name === 'default') ?? description.webhooks[0];
	const path = String(webhook.path).replace(/^\//, '');
	return webhook.isFullPath
		? `${n8nUrl}/webhook/${path}`
		: `${n8nUrl}/webhook/${node.webhookId}/${path}`;
}

module.exports = {
	DEMO_CREDENTIALS,
	SEND_EXAMPLE_ID,
	TRIGGER_EXAMPLE_ID,
	checkExampleIds,
	demoCredentials,
	exampleWorkflows,
	productionWebhookUrl,
};
