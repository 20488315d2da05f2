/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import {
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
import { additionalData, TestCredentialsHelper, TestNodeTypes } from './engine';
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

/** Records what the node writes to the HTTP response, with express's chainable surface. */
export class RecordedResponse {
	statusCode?: number;
	sent?: unknown;
	ended = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	send(body?: unknown) {
		this.sent = body;
		this.ended = true;
		return this;
	}

	end() {
		this.ended = true;
		return this;
	}
}

export const TRIGGER_TYPE = 'n8n-nodes-eformsign.eformsignTrigger';
const nodeTypes = new TestNodeTypes({ [TRIGGER_TYPE]: new EformsignTrigger() });

export interface TriggerCredentials {
	webhook?: ICredentialDataDecryptedObject;
	api?: ICredentialDataDecryptedObject;
}

export interface WebhookRun {
	result: IWebhookResponseData;
	/**
	 * What webhook() threw. n8n then answers 500 and records a failed execution
	 * (n8n/dist/webhooks/webhook-helpers.js executeWebhook, the catch around runWebhook).
	 */
	failure?: Error;
	/** Whether n8n saved the workflow's static data after this request (see saveModel). */
	savedStaticData: boolean;
	response: RecordedResponse;
	/** The items the workflow would start with (empty when the delivery started nothing). */
	items: INodeExecutionData[];
	/** Log lines at warn and error level. */
	warnings: string[];
	/** Every log line the node wrote, at any level. */
	log: LogLine[];
}

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug' | 'verbose';
	message: string;
	meta?: unknown;
}

/**
 * The HTTP status the sender gets: 500 when webhook() threw, the one the node wrote itself, or,
 * when it left the answer to n8n, the 200 that n8n's onReceived mode sends (webhook-helpers.js).
 */
export function answeredStatus(run: WebhookRun): number | undefined {
	if (run.failure) return 500;
	return run.result.noWebhookResponse ? run.response.statusCode : 200;
}

/** Whether n8n records an execution for this request (a failed one when webhook() threw). */
export function startedExecution(run: WebhookRun): boolean {
	return run.failure !== undefined || run.result.workflowData !== undefined;
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
 * Whether n8n saves the static data webhook() changed. n8n/dist/webhooks/live-webhooks.js saves it
 * in the response callback; webhook-helpers.js executeWebhook calls that before the execution starts
 * when webhook() answered itself (noWebhookResponse) or returned no workflowData. In the default
 * "onReceived" path it is called after WorkflowRunner.run, whose new Workflow over the same object
 * resets the "changed" flag (n8n-workflow observable-object.js), so nothing is saved. A webhook()
 * that threw makes the callback reject: nothing is saved either.
 */
function saveModel(result: IWebhookResponseData | undefined): boolean {
	if (result === undefined) return false;
	return result.noWebhookResponse === true || result.workflowData === undefined;
}

let workflowCount = 0;

/**
 * One eformsign Trigger node in one workflow, fed deliveries through n8n-core's real WebhookContext
 * (as n8n's webhook server does). Like n8n, every delivery gets a Workflow built from the static data
 * as last saved (the database), and what webhook() changed is kept only on the paths n8n saves it
 * (saveModel). Copies delivered at once each start from the same saved data; the last save wins.
 */
export class TriggerHarness {
	readonly node: INode;
	readonly workflowId = `trigger-workflow-${++workflowCount}`;
	readonly credentials: TestCredentialsHelper;
	private readonly trigger = nodeTypes.getByName(TRIGGER_TYPE) as EformsignTrigger;
	/** The static data as n8n's database holds it: a plain copy, changed only by a save. */
	private saved: IDataObject;

	constructor(
		private readonly parameters: INodeParameters,
		private readonly credentialData: TriggerCredentials,
		savedStaticData: IDataObject = {},
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
		return new Workflow({
			id: this.workflowId,
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
			staticData: structuredClone(this.saved),
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

	async deliver(delivery: CapturedDelivery): Promise<WebhookRun> {
		const workflow = this.loadWorkflow();
		const data = this.contextData();
		const response = new RecordedResponse();
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
		const savedStaticData = saveModel(result) && workflow.staticData.__dataChanged === true;
		if (savedStaticData)
			this.saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		const items = result?.workflowData?.[0] ?? [];
		inspectForSecrets('trigger output', items);
		inspectForSecrets('trigger response', { status: response.statusCode, sent: response.sent });
		inspectForSecrets('trigger log', log);
		return { result: result ?? {}, failure, savedStaticData, response, items, warnings, log };
	}

	/** Runs webhookMethods.default.create as n8n does on activation. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<boolean> {
		const context = new HookContext(
			this.loadWorkflow(),
			this.node,
			this.contextData(),
			'trigger',
			activation,
		);
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
