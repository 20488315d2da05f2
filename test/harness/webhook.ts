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
 * The HTTP status the sender gets: the one the node wrote itself, or, when it left the answer to
 * n8n, the 200 that n8n's onReceived mode sends (webhook-helpers handleImmediateWebhookResponse).
 */
export function answeredStatus(run: WebhookRun): number | undefined {
	return run.result.noWebhookResponse ? run.response.statusCode : 200;
}

function requestFor(delivery: CapturedDelivery) {
	let body: unknown = {};
	try {
		body = JSON.parse(delivery.rawBody.toString('utf8'));
	} catch {
		body = {};
	}
	const headers = { ...delivery.headers };
	return {
		method: 'POST',
		body,
		headers,
		rawBody: delivery.rawBody,
		query: {},
		params: {},
		header: (name: string) => headers[name.toLowerCase()],
	};
}

/**
 * One eformsign Trigger node in one workflow, fed deliveries through n8n-core's real WebhookContext
 * (as n8n's webhook server does). Static data lives in the workflow between deliveries, like the
 * copy n8n saves after each execution.
 */
export class TriggerHarness {
	readonly node: INode;
	readonly workflow: Workflow;
	readonly credentials: TestCredentialsHelper;
	private readonly trigger = nodeTypes.getByName(TRIGGER_TYPE) as EformsignTrigger;

	constructor(parameters: INodeParameters, credentials: TriggerCredentials) {
		this.node = {
			id: 'trigger-node',
			name: 'eformsign Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
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
		this.workflow = new Workflow({
			id: 'trigger-workflow',
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
		});
		this.credentials = new TestCredentialsHelper(
			{ eformsignApi: new EformsignApi(), eformsignWebhookApi: new EformsignWebhookApi() },
			{
				...(credentials.webhook ? { eformsignWebhookApi: credentials.webhook } : {}),
				...(credentials.api ? { eformsignApi: credentials.api } : {}),
			},
		);
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	private contextData(): IWorkflowExecuteAdditionalData {
		return additionalData(this.credentials);
	}

	async deliver(delivery: CapturedDelivery): Promise<WebhookRun> {
		const data = this.contextData();
		const response = new RecordedResponse();
		data.httpRequest = requestFor(delivery) as never;
		data.httpResponse = response as never;
		const description = this.trigger.description.webhooks![0];
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: data,
			webhookId: this.node.webhookId,
		};
		const context = new WebhookContext(
			this.workflow,
			this.node,
			data,
			'webhook',
			webhookData,
			[],
			null,
		);
		const { warnings, log } = captureLog(context);
		const result = await this.trigger.webhook.call(context);
		const items = result.workflowData?.[0] ?? [];
		inspectForSecrets('trigger output', items);
		inspectForSecrets('trigger response', { status: response.statusCode, sent: response.sent });
		inspectForSecrets('trigger log', log);
		return { result, response, items, warnings, log };
	}

	/** Runs webhookMethods.default.create as n8n does on activation. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<boolean> {
		const context = new HookContext(
			this.workflow,
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
