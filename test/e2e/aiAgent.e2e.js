// The eformsign node as an AI Agent's tool in real n8n: Manual Trigger → AI Agent, whose OpenAI
// Chat Model talks to a scripted model on loopback (mockLlm.js) and whose tool is the generated
// `eformsignTool` with `$fromAI()` parameters. Run with `n8n execute --id`; asserts what reached
// the sandbox and what the model was handed back (docs/ai-agent.md explains the choices).
const { nodeOutput } = require('../../scripts/lib/n8n');
const { PACKAGE } = require('../../scripts/lib/package');
const { assert, blocked, suite, test } = require('./harness');
const { MockLlm } = require('./mockLlm');

const ID = {
	get: 'e2eAgentGetDoc01',
	unknown: 'e2eAgentUnknown1',
	malformed: 'e2eAgentMalform1',
};
const OPENAI_CREDENTIAL = { id: 'e2eMockOpenAiApi', name: 'Mock model', type: 'openAiApi' };
const TOOL_NAME = 'Get eformsign document';
// The tool result an agent keeps in its context: a document with its fields and history is a few
// kilobytes; a binary file or a whole list dumped into it would be far more.
const MAX_TOOL_RESULT_CHARS = 16_000;
const CHAT_URL_PATH = '/v1';

/** AI Agent 3.1 is n8n 2.x's; 1.x (1.123) stops at 3, with the same parameters. */
function agentWorkflow(
	id,
	name,
	toolParameters,
	{ major, toolName = TOOL_NAME, toolSettings = {} },
) {
	const node = (nodeName, type, typeVersion, position, parameters, extra = {}) => ({
		id: `${id}-${nodeName}`.replace(/[^A-Za-z0-9-]/g, '-'),
		name: nodeName,
		type,
		typeVersion,
		position,
		parameters,
		...extra,
	});
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
			node('AI Agent', '@n8n/n8n-nodes-langchain.agent', major < 2 ? 3 : 3.1, [220, 0], {
				promptType: 'define',
				text: 'Look up the eformsign document the user named and summarise its status.',
				hasOutputParser: false,
				options: {},
			}),
			node(
				'Chat Model',
				'@n8n/n8n-nodes-langchain.lmChatOpenAi',
				1.3,
				[160, 220],
				{
					model: { __rl: true, mode: 'id', value: 'mock' },
					responsesApiEnabled: false,
					options: {},
				},
				{ credentials: { openAiApi: { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name } } },
			),
			node(
				toolName,
				`${PACKAGE.name}.eformsignTool`,
				1,
				[380, 220],
				{
					descriptionType: 'manual',
					toolDescription: 'Reads one eformsign document',
					...toolParameters,
				},
				{
					credentials: { eformsignApi: { id: 'efsDemoSandboxApi', name: 'eformsign sandbox' } },
					...toolSettings,
				},
			),
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			[toolName]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

const fromAi = (key, description) => `={{ $fromAI('${key}', '${description}', 'string') }}`;

const documentGetTool = {
	resource: 'document',
	operation: 'get',
	documentId: {
		__rl: true,
		mode: 'id',
		value: fromAi('documentId', 'The eformsign document ID: 32 hex characters'),
	},
	options: { include_fields: true },
};

/** The tool name the model sees: the node name with runs outside [A-Za-z0-9_-] replaced by "_". */
const toolFunctionName = (nodeName) => nodeName.replace(/[^A-Za-z0-9_-]+/g, '_');

async function aiAgentSuite(env) {
	suite('AI Agent with the eformsign tool (n8n execute --id)');
	const llm = new MockLlm();
	let ready = false;
	await test('import the mock model credential and the agent workflows', async () => {
		await llm.start();
		await env.n8n.importCredentials([
			{ ...OPENAI_CREDENTIAL, data: { apiKey: 'sk-test', url: `${llm.url}${CHAT_URL_PATH}` } },
		]);
		const line = { major: env.n8n.major };
		// n8n 1.x ends the run at a tool's error unless the tool node continues on error
		// (docs/compatibility.md): the malformed-ID run there shows the setting that helps.
		const continueOnError = env.n8n.major < 2 ? { onError: 'continueRegularOutput' } : {};
		await env.n8n.importWorkflows([
			agentWorkflow(ID.get, 'e2e: agent reads a document', documentGetTool, line),
			agentWorkflow(ID.unknown, 'e2e: agent asks for an unknown document', documentGetTool, line),
			agentWorkflow(ID.malformed, 'e2e: agent sends a malformed ID', documentGetTool, {
				...line,
				toolSettings: continueOnError,
			}),
		]);
		ready = true;
	});
	if (!ready) {
		blocked('agent runs', 'the agent workflows could not be imported');
		await llm.stop();
		return;
	}

	try {
		await agentRuns(env, llm);
	} finally {
		await llm.stop();
	}
}

async function agentRuns(env, llm) {
	const secrets = [env.demo.signature.apiKey, env.demo.signature.privateKeyHex];
	const run = async (workflowId, toolArguments) => {
		llm.script(toolArguments);
		await env.sandbox.clearLog();
		const result = await env.n8n.execute(workflowId);
		const log = await env.sandbox.log();
		const calls = log.filter((entry) => !entry.path.startsWith('/v2.0/api_auth/'));
		const tokens = log
			.map((entry) => entry.headers?.authorization)
			.filter(Boolean)
			.map((value) => String(value).replace(/^Bearer\s+/i, ''));
		return { result, calls, tokens, toolMessages: llm.toolMessages() };
	};
	const expectSucceeded = (result) => {
		const error = result.run?.data?.resultData?.error;
		assert.equal(
			result.run?.status,
			'success',
			`n8n execute exited ${result.code}, status ${result.run?.status}: ${error?.message ?? ''} ${error?.description ?? ''}\n${result.output.slice(-1500)}`,
		);
		assert.ok(result.succeeded, `n8n execute exited ${result.code}`);
	};
	const expectNoSecret = (text, tokens) => {
		for (const secret of [...secrets, ...tokens].filter((value) => value && value.length >= 8)) {
			assert.ok(!text.includes(secret), 'a credential secret reached the model');
		}
	};

	const expectToolError = (
		{ result, calls, tokens, toolMessages },
		documentId,
		{ sent = true, reason = /eformsign: .*(not found|does not exist)/i } = {},
	) => {
		expectSucceeded(result);
		assert.deepEqual(
			calls.map((entry) => `${entry.method} ${entry.path} ${entry.status >= 400}`),
			sent ? [`GET /v2.0/api/documents/${documentId} true`] : [],
		);
		assert.equal(toolMessages.length, 1, 'the model got no tool result');
		const content = String(toolMessages[0].content);
		// n8n 1.x's continue-on-error output adds the error's description and eformsign's code.
		const keys = Object.keys(JSON.parse(content)[0]);
		assert.ok(
			keys.includes('error') && keys.every((key) => ['error', 'description', 'code'].includes(key)),
			`the tool result holds ${keys.join(', ')}`,
		);
		assert.match(content, reason);
		assert.ok(content.length <= 2000, `${content.length} characters`);
		assert.ok(!/at .+\.js:\d+/.test(content), 'a stack trace reached the model');
		expectNoSecret(content, tokens);
	};

	await test('the model calls the tool: the sandbox gets its document ID, the model gets compact JSON', async () => {
		const documentId = env.demo.documentIds.completed;
		const { result, calls, tokens, toolMessages } = await run(ID.get, { documentId });
		expectSucceeded(result);
		const [firstRequest] = llm.requests;
		assert.deepEqual(
			firstRequest.tools.map((tool) => tool.function.name),
			[toolFunctionName(TOOL_NAME)],
		);
		assert.ok(
			firstRequest.tools[0].function.parameters.properties.documentId,
			`the tool schema lacks documentId: ${JSON.stringify(firstRequest.tools[0].function.parameters)}`,
		);
		const gets = calls.filter((entry) => entry.method === 'GET');
		assert.deepEqual(
			gets.map((entry) => entry.path),
			[`/v2.0/api/documents/${documentId}`],
		);
		assert.equal(gets[0].query.include_fields, 'true');

		assert.equal(toolMessages.length, 1, 'the model got no tool result');
		const content = String(toolMessages[0].content);
		assert.ok(content.length <= MAX_TOOL_RESULT_CHARS, `${content.length} characters`);
		const parsed = JSON.parse(content);
		const text = JSON.stringify(parsed);
		assert.ok(text.includes(documentId), 'the tool result does not name the document');
		assert.ok(!/"binary"|"data":"[A-Za-z0-9+/]{200,}/.test(text), 'binary data reached the model');
		assert.ok(!/\n\s{2,}/.test(content), 'the tool result is pretty-printed, not compact');
		expectNoSecret(content, tokens);
		const answer = nodeOutput(result.run, 'AI Agent');
		assert.equal(answer?.[0]?.json?.output, 'Done: I read the tool result.');
	});

	if (env.n8n.major < 2) {
		await test("n8n 1.x: an unknown document ends the run with eformsign's readable error (the tool node's default)", async () => {
			const documentId = 'f'.repeat(32);
			const { result, calls, toolMessages } = await run(ID.unknown, { documentId });
			assert.equal(result.run?.status, 'error');
			const error = result.run?.data?.resultData?.error;
			assert.match(String(error?.message), /^eformsign: .*does not exist/i);
			assert.equal(result.run?.data?.resultData?.lastNodeExecuted, TOOL_NAME);
			assert.deepEqual(toolMessages, [], 'n8n 1.x handed the error to the model after all');
			assert.equal(calls.length, 1);
		});
	} else {
		await test('an unknown document reaches the model as a readable error; the run does not crash', async () => {
			const documentId = 'f'.repeat(32);
			const { result, calls, tokens, toolMessages } = await run(ID.unknown, { documentId });
			expectToolError({ result, calls, tokens, toolMessages }, documentId);
		});
	}

	// The node refuses an ID that is not eformsign's 32-hex form before sending anything; the model
	// gets that reason, and the run goes on (on n8n 1.x with the tool node set to continue on error).
	await test('a malformed document ID reaches the model as a readable error; the run does not crash', async () => {
		expectToolError(await run(ID.malformed, { documentId: 'not-an-id' }), 'not-an-id', {
			sent: false,
			reason: /The document ID \\?"not-an-id\\?" in .* is not a valid ID/,
		});
	});
}

module.exports = { aiAgentSuite, toolFunctionName };
