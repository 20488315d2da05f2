/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import {
	sleep,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import { EformsignApi } from '../../credentials/EformsignApi.credentials';
import { EformsignWebhookApi } from '../../credentials/EformsignWebhookApi.credentials';
import { EformsignTrigger } from '../../nodes/EformsignTrigger/EformsignTrigger.node';
import { additionalData, runWorkflow, TestCredentialsHelper, TestNodeTypes } from './engine';
import { inspectForSecrets } from './secret-guard';

/** What eformsign posted, exactly as it reached the receiver. */
export interface CapturedDelivery {
	headers: Record<string, string>;
	rawBody: Buffer;
	/**
	 * Header lines as sent, when a test repeats a header (name, value, name, value…). `headers` is
	 * then derived from them the way Node does (nodeHeaders below).
	 */
	rawHeaders?: string[];
}

/** A loopback HTTP endpoint the sandbox delivers webhooks to; it answers 200 and keeps each request. */
export interface Receiver {
	url: string;
	deliveries: CapturedDelivery[];
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const deliveries: CapturedDelivery[] = [];
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(request.headers)) {
				if (typeof value === 'string') headers[name] = value;
			}
			deliveries.push({ headers, rawBody: Buffer.concat(chunks) });
			response.statusCode = 200;
			response.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		deliveries,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/**
 * Records what is written to the HTTP response, with express's chainable surface and the events a
 * node can watch: 'finish' once the answer is out, 'close' after it or when the sender hung up.
 */
export class RecordedResponse extends EventEmitter {
	statusCode?: number;
	sent?: unknown;
	ended = false;
	writableFinished = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	send(body?: unknown) {
		this.sent = body;
		return this.end();
	}

	end() {
		if (this.ended) return this;
		this.ended = true;
		this.writableFinished = true;
		this.emit('finish');
		this.emit('close');
		return this;
	}

	/** The sender went away before anything was answered. */
	hangUp() {
		if (!this.ended) this.emit('close');
	}
}

export const TRIGGER_TYPE = 'n8n-nodes-eformsign.eformsignTrigger';
const nodeTypes = new TestNodeTypes({ [TRIGGER_TYPE]: new EformsignTrigger() });

export interface TriggerCredentials {
	webhook?: ICredentialDataDecryptedObject;
	api?: ICredentialDataDecryptedObject;
}

/**
 * What n8n does once webhook() has returned an event to start (n8n 2.41
 * n8n/dist/webhooks/webhook-helpers.js executeWebhook → WorkflowRunner.run):
 * - `runs`: it stores the execution, answers, and runs it to the end;
 * - `failsToStore`: storing the execution fails (a SQLite lock timeout, a full disk): it answers
 *   500 "There was a problem executing the workflow" and starts nothing;
 * - `diesAfterAnswer`: it stores the execution and answers, then the process is killed before the
 *   execution ends (n8n lists it as crashed; nothing the execution wrote is saved). Continue with
 *   `restarted()`.
 */
export type N8nOutcome = 'runs' | 'failsToStore' | 'diesAfterAnswer';

export interface DeliverOptions {
	n8n?: N8nOutcome;
	/** Which order of n8n's: 2.x (the default: stores the execution, then answers) or 1.x. */
	line?: '2.x' | '1.x';
	/** Called the moment the sender gets its answer (to see what had happened by then). */
	onAnswer?: () => void;
	/**
	 * Where the execution runs: in the process that received the delivery (regular mode), or on a
	 * queue-mode worker, another process with its own memory (the node's modules loaded anew).
	 */
	executionOn?: 'main' | 'worker';
}

/** The trigger as another process loads it: its modules, and so their memory, its own. */
function workerNodeTypes(): TestNodeTypes {
	let loaded: typeof EformsignTrigger | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		loaded = (require('../../nodes/EformsignTrigger/EformsignTrigger.node') as { EformsignTrigger: typeof EformsignTrigger })
			.EformsignTrigger;
	});
	return new TestNodeTypes({ [TRIGGER_TYPE]: new loaded!() });
}

export interface WebhookRun {
	result: IWebhookResponseData;
	/**
	 * What webhook() threw. n8n then answers 500 and records a failed execution
	 * (n8n/dist/webhooks/webhook-helpers.js executeWebhook, the catch around runWebhook).
	 */
	failure?: Error;
	/** Whether n8n saved the static data of the request (in its response callback, before it answered). */
	savedStaticData: boolean;
	response: RecordedResponse;
	/** Who wrote the HTTP answer: the trigger itself, or n8n (then `response` holds n8n's answer). */
	answeredBy?: 'trigger' | 'n8n';
	/** The execution n8n stored for the delivery, if any. */
	execution?: {
		status: 'success' | 'error' | 'crashed';
		/** Whether n8n saved static data the execution changed (when it ended). */
		savedStaticData: boolean;
	};
	/**
	 * What the workflow got from the trigger: its output in the execution (empty when the delivery
	 * started nothing, or the execution never ran).
	 */
	items: INodeExecutionData[];
	/** Log lines at warn and error level, from the webhook and the execution. */
	warnings: string[];
	/** Every log line the node wrote in the webhook phase, at any level. */
	log: LogLine[];
}

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug' | 'verbose';
	message: string;
	meta?: unknown;
}

/** The HTTP status the sender got, from the trigger or from n8n. */
export function answeredStatus(run: WebhookRun): number | undefined {
	return run.response.statusCode;
}

/** Whether n8n stored an execution for this request (a failed one when webhook() threw). */
export function startedExecution(run: WebhookRun): boolean {
	return run.execution !== undefined;
}

// Node's http module keeps only the first of these when a request repeats them, and joins any
// other repeated header with ", " (node/lib/_http_incoming.js matchKnownFields).
const FIRST_ONLY = new Set([
	'age',
	'authorization',
	'content-length',
	'content-type',
	'etag',
	'expires',
	'from',
	'host',
	'if-modified-since',
	'if-unmodified-since',
	'last-modified',
	'location',
	'max-forwards',
	'proxy-authorization',
	'referer',
	'retry-after',
	'server',
	'user-agent',
]);

export function nodeHeaders(rawHeaders: string[]): Record<string, string> {
	const headers: Record<string, string> = {};
	for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
		const name = rawHeaders[index].toLowerCase();
		const value = rawHeaders[index + 1];
		if (headers[name] === undefined) headers[name] = value;
		else if (!FIRST_ONLY.has(name)) headers[name] = `${headers[name]}, ${value}`;
	}
	return headers;
}

function rawHeadersOf(headers: Record<string, string>): string[] {
	return Object.entries(headers).flatMap(([name, value]) => [name, value]);
}

/**
 * The request as n8n hands it to webhook() for a node of type version 1 (webhook-helpers.js
 * parseRequestBody, middlewares/body-parser.js): the bytes in rawBody, JSON parsed into body, the
 * bare media type in contentType. A multipart body is consumed by n8n's form parser instead: no
 * rawBody, and readRawBody() throws because the stream has been read. From type version 1.1 on,
 * n8n reads only the bodies it can parse (isParsableContentType); any other stays unread until
 * the node calls readRawBody().
 */
function requestFor(delivery: CapturedDelivery, typeVersion: number) {
	const headers = delivery.rawHeaders ? nodeHeaders(delivery.rawHeaders) : { ...delivery.headers };
	const rawHeaders = delivery.rawHeaders ?? rawHeadersOf(delivery.headers);
	const contentType = headers['content-type']?.split(';')[0].trim().toLowerCase();
	const multipart = contentType?.startsWith('multipart/') === true;
	let body: unknown = {};
	if (!multipart) {
		try {
			body = JSON.parse(delivery.rawBody.toString('utf8').replace(/^\uFEFF/, ''));
		} catch {
			body = {};
		}
	}
	const parsable =
		typeVersion === 1 ||
		/^(application\/json|text\/plain|application\/x-www-form-urlencoded)/.test(contentType ?? '') ||
		/[/+]xml$/.test(contentType ?? '');
	const request = {
		method: 'POST',
		body: parsable ? body : {},
		headers,
		rawHeaders,
		contentType,
		rawBody: multipart || !parsable ? undefined : delivery.rawBody,
		readRawBody: async () => {
			if (multipart) throw new Error('Request body stream was aborted or is not readable');
			request.rawBody = delivery.rawBody;
		},
		query: {},
		params: {},
		header: (name: string) => headers[name.toLowerCase()],
	};
	return request;
}

/**
 * n8n's answer for "onReceived" (n8n/dist/webhooks/webhook-on-received-response-extractor.js, the
 * same in 1.123 and 2.41): the trigger's webhookResponse is read only when the description's
 * responseData is empty; n8n evaluates a missing one to 'firstEntryJson' and sends that text.
 */
function onReceivedBody(responseData: unknown, result: IWebhookResponseData | undefined): unknown {
	const evaluated = responseData === undefined ? 'firstEntryJson' : responseData;
	if (evaluated === 'noData') return undefined;
	if (evaluated) return evaluated;
	return (result?.webhookResponse as unknown) ?? { message: 'Workflow was started' };
}

let workflowCount = 0;

/**
 * One eformsign Trigger node in one workflow, fed deliveries through n8n-core's real WebhookContext
 * (as n8n's webhook server does), followed, when n8n would start one, by the execution through
 * n8n-core's real WorkflowExecute with the trigger as its first node. Like n8n 2.41, every delivery
 * and every execution gets a Workflow built from the static data as last saved (the database), and
 * what they changed is kept only where n8n saves it: in the response callback when marked changed, and when
 * an execution ends. Copies delivered at once each start from the same saved data; the last save wins.
 */
export class TriggerHarness {
	readonly node: INode;
	readonly workflowId = `trigger-workflow-${++workflowCount}`;
	readonly credentials: TestCredentialsHelper;
	private readonly trigger = nodeTypes.getByName(TRIGGER_TYPE) as EformsignTrigger;
	/** One queue-mode worker per harness, so its memory lasts across deliveries as a worker's does. */
	private worker?: TestNodeTypes;
	/**
	 * The static data as n8n's database holds it: a plain copy, changed only by a save; null until
	 * the first save, as for a new workflow.
	 */
	private saved: IDataObject | null;

	constructor(
		private readonly parameters: INodeParameters,
		private readonly credentialData: TriggerCredentials,
		savedStaticData: IDataObject | null = null,
		typeVersion = 1,
	) {
		this.saved = structuredClone(savedStaticData);
		const credentials = credentialData;
		this.node = {
			id: 'trigger-node',
			name: 'eformsign Trigger',
			type: TRIGGER_TYPE,
			typeVersion,
			position: [0, 0],
			webhookId: '6f1c7e0a-9a51-4c1b-9f5e-0d7f0b7c2a11',
			parameters,
			credentials: {
				...(credentials.webhook
					? { eformsignWebhookApi: { id: 'cred-webhook', name: 'eformsign webhook' } }
					: {}),
				...(credentials.api ? { eformsignApi: { id: 'cred-api', name: 'eformsign account' } } : {}),
			},
		};
		this.credentials = new TestCredentialsHelper(
			{ eformsignApi: new EformsignApi(), eformsignWebhookApi: new EformsignWebhookApi() },
			{
				...(credentials.webhook ? { eformsignWebhookApi: credentials.webhook } : {}),
				...(credentials.api ? { eformsignApi: credentials.api } : {}),
			},
		);
	}

	/** The workflow as n8n builds it for one request: from the saved static data. */
	private loadWorkflow(): Workflow {
		return this.buildWorkflow(structuredClone(this.saved) ?? undefined);
	}

	private buildWorkflow(staticData: IDataObject | undefined): Workflow {
		return new Workflow({
			id: this.workflowId,
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
			staticData,
		});
	}

	/** The node's static data as saved (what the next delivery, or another process, will see). */
	get staticData(): IDataObject {
		return this.loadWorkflow().getStaticData('node', this.node);
	}

	/**
	 * The same workflow after n8n restarted: the saved static data survives, the memory of the
	 * process does not. The node keys that memory by workflow ID, so a workflow ID this process has
	 * never seen stands for the new process.
	 */
	restarted(): TriggerHarness {
		return new TriggerHarness(this.parameters, this.credentialData, this.saved, this.node.typeVersion);
	}

	private contextData(): IWorkflowExecuteAdditionalData {
		return additionalData(this.credentials);
	}

	async deliver(
		delivery: CapturedDelivery,
		{ n8n = 'runs', line = '2.x', onAnswer, executionOn = 'main' }: DeliverOptions = {},
	): Promise<WebhookRun> {
		const workflow = this.loadWorkflow();
		const neverSaved = this.saved === null;
		const data = this.contextData();
		const response = new RecordedResponse();
		if (onAnswer) response.once('finish', onAnswer);
		data.httpRequest = requestFor(delivery, this.node.typeVersion) as never;
		data.httpResponse = response as never;
		const description = this.trigger.description.webhooks![0];
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: data,
			webhookId: this.node.webhookId,
		};
		const context = new WebhookContext(workflow, this.node, data, 'webhook', webhookData, [], null);
		const { warnings, log } = captureLog(context);
		let result: IWebhookResponseData | undefined;
		let failure: Error | undefined;
		try {
			result = await this.trigger.webhook.call(context);
		} catch (error) {
			failure = error instanceof Error ? error : new Error(String(error));
		}
		const answeredByTrigger = response.ended;
		const run: WebhookRun = {
			result: result ?? {},
			failure,
			savedStaticData: false,
			response,
			answeredBy: answeredByTrigger ? 'trigger' : undefined,
			items: [],
			warnings,
			log,
		};
		const answer = (status: number, body?: unknown) => {
			if (response.ended) return;
			response.status(status).send(body);
			run.answeredBy = 'n8n';
		};
		inspectForSecrets('trigger log', log);

		if (failure) {
			// The callback rejects (no save), n8n answers 500 and records a failed execution.
			answer(500, { message: 'Error in workflow' });
			run.execution = { status: 'error', savedStaticData: false };
			return run;
		}
		// n8n/dist/webhooks/live-webhooks.js saves the request's static data in the response callback,
		// and only when it is marked changed (workflow-static-data.service.js saveStaticData).
		const save = () => {
			run.savedStaticData = workflow.staticData.__dataChanged === true;
			if (run.savedStaticData)
				this.saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		};
		const toStart = result?.workflowData?.[0];
		// What the execution starts from: n8n loads the saved static data again when it prepares it
		// (workflow-runner.js prepareNewExecution), before it answers.
		let executionStaticData: IDataObject | undefined;
		if (result?.noWebhookResponse === true || toStart === undefined) {
			// Answered by the trigger, or nothing to start: the callback runs before any execution.
			save();
			if (toStart === undefined) answer(200, { message: 'Webhook call received' });
		} else if (line === '1.x') {
			// n8n 1.123 answers "onReceived" first (its response callback saves the static data), in
			// the same turn of the event loop as webhook() returned, and only then runs
			// WorkflowRunner.run. Killed after the answer, it may never store the execution.
			const body = onReceivedBody(description.responseData, result);
			save();
			answer(200, body);
			if (n8n !== 'runs') return run;
		} else {
			// "onReceived" left to n8n 2.41 (webhook-helpers.js, shouldDeferOnReceivedResponse):
			// WorkflowRunner.run first. Its establishContextForPersistence builds another Workflow over
			// the request's static data object (n8n hands over the one it loaded; a workflow never saved
			// has null there, so each Workflow makes its own), which resets the "changed" mark.
			if (!neverSaved) this.buildWorkflow(workflow.staticData);
			executionStaticData = structuredClone(this.saved) ?? undefined;
			// Storing the execution takes round trips to the database (a few milliseconds).
			await sleep(5);
			if (n8n === 'failsToStore') {
				answer(500, { message: 'There was a problem executing the workflow' });
				return run;
			}
			// The execution is stored. n8n builds the answer (extractWebhookOnReceivedResponse reads
			// webhookResponse), then the response callback saves static data and answers.
			const body = onReceivedBody(description.responseData, result);
			save();
			answer(200, body);
		}
		if (toStart === undefined) return run;
		if (n8n === 'diesAfterAnswer') {
			run.execution = { status: 'crashed', savedStaticData: false };
			return run;
		}

		this.worker ??= executionOn === 'worker' ? workerNodeTypes() : undefined;
		const execution = await runWorkflow({
			nodes: [this.node],
			nodeTypes: executionOn === 'worker' ? this.worker! : nodeTypes,
			credentialsHelper: this.credentials,
			input: toStart,
			mode: 'webhook',
			staticData: executionStaticData ?? structuredClone(this.saved) ?? undefined,
			workflowId: this.workflowId,
		});
		if (execution.savedStaticData) this.saved = execution.savedStaticData;
		run.execution = {
			status: execution.error ? 'error' : 'success',
			savedStaticData: execution.savedStaticData !== undefined,
		};
		run.items = execution.output(this.node.name);
		for (const line of execution.log) {
			if (line.level === 'warn' || line.level === 'error') warnings.push(line.message);
		}
		if (execution.error) warnings.push(`execution failed: ${execution.error.message}`);
		inspectForSecrets('trigger output', run.items);
		inspectForSecrets('trigger response', { status: response.statusCode, sent: response.sent });
		return run;
	}

	/**
	 * Runs webhookMethods.default.create as n8n does on activation, and saves the static data it
	 * changed, as n8n does after it (n8n/dist/active-workflow-manager.js addWebhooks).
	 */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<boolean> {
		const workflow = this.loadWorkflow();
		const created = await this.runCreate(workflow, activation);
		if (workflow.staticData.__dataChanged === true)
			this.saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return created;
	}

	private async runCreate(workflow: Workflow, activation: WorkflowActivateMode): Promise<boolean> {
		const context = new HookContext(workflow, this.node, this.contextData(), 'trigger', activation);
		const methods = this.trigger.webhookMethods.default;
		if (await methods.checkExists.call(context)) return true;
		return await methods.create.call(context);
	}
}

/** Keeps the node's log lines so tests can check what it says, and what it does not. */
function captureLog(context: WebhookContext): { warnings: string[]; log: LogLine[] } {
	const warnings: string[] = [];
	const log: LogLine[] = [];
	const keep = (level: LogLine['level']) => (message: string, meta?: unknown) => {
		log.push(meta === undefined ? { level, message } : { level, message, meta });
		if (level === 'warn' || level === 'error') {
			warnings.push(meta === undefined ? message : `${message} ${JSON.stringify(meta)}`);
		}
	};
	Object.defineProperty(context, 'logger', {
		value: {
			warn: keep('warn'),
			error: keep('error'),
			info: keep('info'),
			debug: keep('debug'),
			verbose: keep('verbose'),
		},
	});
	return { warnings, log };
}
