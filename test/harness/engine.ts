/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from './n8n-internals';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { inspectForSecrets, registerSecrets } from './secret-guard';

// Every log line a node writes (this.logger) is scanned for secrets, even at the silent level,
// and kept for the run it belongs to (runWorkflow's `log`), also when runs overlap.
type LogLine = (level: string, message: string, metadata: unknown) => void;
const loggerPrototype = Logger.prototype as unknown as { log: LogLine };
const writeLogLine = loggerPrototype.log;
const runLog = new AsyncLocalStorage<Array<{ level: string; message: string }>>();
loggerPrototype.log = function (this: unknown, level, message, metadata) {
	inspectForSecrets(`log line (${level})`, { message, metadata });
	runLog.getStore()?.push({ level, message });
	writeLogLine.call(this, level, message, metadata);
};

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(type: string) {
		const found = this.types[type];
		if (!found) throw new Error(`Unknown node type ${type}`);
		return found;
	}

	getByNameAndVersion(type: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return Object.fromEntries(Object.keys(this.types).map((k) => [k, { className: k, sourcePath: '' }]));
	}
}

/** Credential fields whose values must never appear in outputs, errors or logs. */
const SECRET_FIELDS = ['apiKey', 'privateKey', 'bearerToken', 'basicPassword'];

/**
 * Mirrors n8n's CLI CredentialsHelper (packages/cli/src/credentials-helper.ts) for what a credential
 * with a function `authenticate` and an expirable `preAuthentication` needs:
 * - `store` is n8n's credentials table: every `getDecrypted` reads it again, with the defaults of
 *   the credential's properties filled in (an absent session is `''`), as `applyDefaultsAndOverwrites`;
 * - preAuthentication runs when the expirable field is `''`, when the caller says expired (n8n-core
 *   after a 401), or for a credential test; what it returns is merged into the stored record and
 *   saved, as n8n does (a plain update, last write wins).
 * Two helpers built on the same `store` object are two n8n processes sharing one database.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	preAuthenticationCalls = 0;

	/** How often preAuthentication's result was written to `store`. */
	saves = 0;

	constructor(
		private readonly types: Record<string, ICredentialType>,
		public store: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
		for (const data of Object.values(store)) {
			registerSecrets(...SECRET_FIELDS.map((field) => data[field]));
			if (data.basicId && data.basicPassword) registerSecrets(`${String(data.basicId)}:${String(data.basicPassword)}`);
			registerSessionSecrets(data.session);
		}
	}

	getParentTypes(name: string) {
		return this.types[name]?.extends ?? [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties(name: string) {
		return this.types[name].properties;
	}

	async getDecrypted(_a: IWorkflowExecuteAdditionalData, _n: unknown, name: string) {
		const stored = { ...this.store[name] } as INodeParameters;
		const withDefaults = NodeHelpers.getNodeParameters(this.types[name].properties, stored, true, false, null, null);
		return { ...withDefaults } as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the harness');
	}

	async updateCredentials(_n: unknown, name: string, data: ICredentialDataDecryptedObject) {
		this.store[name] = { ...data };
	}

	async updateCredentialsOauthTokenData() {}

	async runPreAuthentication() {
		return undefined;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		name: string,
		requestOptions: IHttpRequestOptions,
	) {
		const authenticate = this.types[name].authenticate;
		if (typeof authenticate !== 'function') throw new Error('the eformsign credential authenticates with a function');
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		name: string,
		node: INode,
		expired: boolean,
	) {
		const type = this.types[name];
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		const testing = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !expired && !testing) return undefined;
		this.preAuthenticationCalls++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		registerSessionSecrets(output[expirable.name]);
		if (!node.credentials) return undefined;
		this.saves++;
		this.store[name] = { ...this.store[name], ...(output as ICredentialDataDecryptedObject) };
		return Object.assign(credentials, output);
	}
}

function registerSessionSecrets(session: unknown): void {
	try {
		const parsed = JSON.parse(String(session)) as IDataObject;
		registerSecrets(parsed.accessToken, parsed.refreshToken);
	} catch {
		// not a session
	}
}

export function additionalData(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper,
		executionId: 'exec-1',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('executeWorkflow is not supported in the harness');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('the task runner is not supported in the harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	/** Nodes of the workflow; the first one receives `input`. */
	nodes: INode[];
	connections?: IWorkflowBase['connections'];
	nodeTypes: INodeTypes;
	credentialsHelper: ICredentialsHelper;
	input?: INodeExecutionData[];
	mode?: WorkflowExecuteMode;
	staticData?: IDataObject;
	/** The workflow's ID (it names the node's memory of deliveries); `test-workflow` by default. */
	workflowId?: string;
	/** Stops the execution once this settles, as n8n's Stop button and execution timeout do. */
	cancelWhen?: Promise<unknown>;
}

export interface RunResult {
	run: IRun;
	/** Items of the first output of a node's first run. */
	output(nodeName: string): INodeExecutionData[];
	error?: Error;
	/**
	 * The static data as n8n saves it when the execution ends (a plain copy), or undefined when
	 * nothing changed or the mode is manual (n8n/dist/execution-lifecycle/execution-lifecycle-hooks.js
	 * hookFunctionsSave: workflowExecuteAfter gets it from WorkflowExecute only when changed).
	 */
	savedStaticData?: IDataObject;
	/** What the nodes logged during the run, at any level. */
	log: Array<{ level: string; message: string }>;
}

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const log: RunResult['log'] = [];
	return await runLog.run(log, async () => await runLogged(options, log));
}

async function runLogged(options: RunOptions, log: RunResult['log']): Promise<RunResult> {
	const { nodes, nodeTypes, credentialsHelper } = options;
	const mode = options.mode ?? 'manual';
	const workflowId = options.workflowId ?? 'test-workflow';
	const workflow = new Workflow({
		id: workflowId,
		nodes,
		connections: options.connections ?? {},
		nodeTypes,
		active: false,
		settings: {},
		staticData: options.staticData,
	});
	const workflowData = {
		id: workflowId,
		name: 'test',
		active: false,
		nodes,
		connections: options.connections ?? {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, 'exec-1', workflowData);
	let newStaticData: IDataObject | undefined;
	const done = new Promise<IRun>((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run, staticData) => {
			newStaticData = staticData;
			resolve(run);
		}),
	);
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: nodes[0], data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;
	const execution = new WorkflowExecute(
		additionalData(credentialsHelper, hooks),
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);
	void options.cancelWhen?.then(() => execution.cancel());
	// After a cancel this settles only once the running node has returned, so a node that keeps
	// working after the Stop button keeps the test waiting too.
	await execution;
	const run = await done;
	const error = run.data.resultData.error as Error | undefined;
	inspectForSecrets('run output', run.data.resultData.runData);
	if (error) inspectForSecrets('run error', error);
	return {
		run,
		error,
		log,
		savedStaticData:
			newStaticData && mode !== 'manual'
				? (JSON.parse(JSON.stringify(newStaticData)) as IDataObject)
				: undefined,
		output(nodeName: string) {
			return run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
		},
	};
}
