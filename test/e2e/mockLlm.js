// A scripted, OpenAI-compatible chat model on 127.0.0.1 for the AI Agent check: n8n's OpenAI Chat
// Model sub-node points its credential's base URL here. It answers `POST /v1/chat/completions`
// the way OpenAI's Chat Completions API does: first with a
// call of the one tool it is offered, with the arguments the test scripted; once a `role: 'tool'`
// message arrives, with plain text. Every request body is kept, so the test can read exactly what
// the model was given, the tool result included.
const { createServer } = require('node:http');

class MockLlm {
	constructor() {
		this.requests = [];
		this.toolArguments = {};
		this.server = undefined;
		this.url = undefined;
	}

	async start() {
		this.server = createServer((request, response) => void this.handle(request, response));
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, '127.0.0.1', resolve);
		});
		// A keep-alive socket from n8n must not hold the suite open at the end.
		this.server.unref();
		this.url = `http://127.0.0.1:${this.server.address().port}`;
		return this;
	}

	async stop() {
		if (!this.server) return;
		this.server.closeAllConnections?.();
		await new Promise((resolve) => this.server.close(() => resolve()));
		this.server = undefined;
	}

	/** The arguments of the next tool call, and a fresh record of what the model receives. */
	script(toolArguments) {
		this.toolArguments = toolArguments;
		this.requests = [];
	}

	/** Every `role: 'tool'` message the model received since the last script(). */
	toolMessages() {
		return this.requests.flatMap((body) =>
			(body.messages ?? []).filter((message) => message.role === 'tool'),
		);
	}

	async handle(request, response) {
		const chunks = [];
		for await (const chunk of request) chunks.push(chunk);
		const path = new URL(request.url, 'http://localhost').pathname;
		if (request.method === 'GET' && path === '/v1/models') {
			return send(response, 200, { object: 'list', data: [{ id: 'mock', object: 'model' }] });
		}
		if (request.method !== 'POST' || path !== '/v1/chat/completions') {
			return send(response, 404, { error: { message: `no route ${request.method} ${path}` } });
		}
		let body;
		try {
			body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		} catch {
			return send(response, 400, { error: { message: 'the body is not JSON' } });
		}
		this.requests.push(body);
		const messages = body.messages ?? [];
		const toolName = body.tools?.[0]?.function?.name;
		const answered = messages.some((message) => message.role === 'tool');
		const message =
			answered || !toolName
				? { role: 'assistant', content: 'Done: I read the tool result.' }
				: {
						role: 'assistant',
						content: null,
						tool_calls: [
							{
								id: `call_${this.requests.length}`,
								type: 'function',
								function: { name: toolName, arguments: JSON.stringify(this.toolArguments) },
							},
						],
					};
		const finishReason = message.tool_calls ? 'tool_calls' : 'stop';
		if (body.stream) return stream(response, body.model, message, finishReason);
		send(response, 200, {
			id: `chatcmpl-${this.requests.length}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model ?? 'mock',
			choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
			usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
		});
	}
}

function send(response, status, body) {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

/** The same answer as server-sent events, for a client that asked for `stream: true`. */
function stream(response, model, message, finishReason) {
	response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const base = { id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: 0, model };
	const delta = message.tool_calls
		? {
				role: 'assistant',
				content: null,
				tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
			}
		: { role: 'assistant', content: message.content };
	for (const choice of [
		{ index: 0, delta, finish_reason: null },
		{ index: 0, delta: {}, finish_reason: finishReason },
	]) {
		response.write(`data: ${JSON.stringify({ ...base, choices: [choice] })}\n\n`);
	}
	response.end('data: [DONE]\n\n');
}

module.exports = { MockLlm };
