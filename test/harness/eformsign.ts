import {
	NodeConnectionTypes,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';

import { EformsignApi } from '../../credentials/EformsignApi.credentials';
import { Eformsign } from '../../nodes/Eformsign/Eformsign.node';
import { forgetAllSessions } from '../../nodes/shared/session';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { runWorkflow, TestCredentialsHelper, TestNodeTypes, type RunResult } from './engine';
import { registerBasicSecret, registerSecrets } from './secret-guard';

export const NODE_TYPE = 'n8n-nodes-eformsign.eformsign';
export const CREDENTIAL_TYPE = 'eformsignApi';

export type Verification = 'signature' | 'bearer' | 'basic';

/** Credential values as a user would enter them for the sandbox's demo API keys. */
export function credentialData(
	sandbox: Sandbox,
	verification: Verification = 'signature',
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	const { demo } = sandbox;
	const base = { tokenHostUrl: sandbox.url, memberId: demo.memberId, session: '' };
	const byType: Record<Verification, ICredentialDataDecryptedObject> = {
		signature: { ...base, verificationType: 'signature', apiKey: demo.signature.apiKey, privateKey: demo.signature.privateKeyHex },
		bearer: { ...base, verificationType: 'bearer', apiKey: demo.bearer.apiKey, bearerToken: demo.bearer.token },
		basic: { ...base, verificationType: 'basic', apiKey: demo.basic.apiKey, basicId: demo.basic.id, basicPassword: demo.basic.password },
	};
	registerBasicSecret(demo.basic.id, demo.basic.password);
	registerSecrets(demo.bearer.token, demo.inactive.privateKeyHex);
	return { ...byType[verification], ...overrides } as ICredentialDataDecryptedObject;
}

export function credentialsHelperFor(data: ICredentialDataDecryptedObject): TestCredentialsHelper {
	return new TestCredentialsHelper({ [CREDENTIAL_TYPE]: new EformsignApi() }, { [CREDENTIAL_TYPE]: data });
}

export function eformsignNode(parameters: INodeParameters, name = 'eformsign'): INode {
	return {
		id: `node-${name}`,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'eformsign account' } },
	};
}

export const nodeTypes = new TestNodeTypes({ [NODE_TYPE]: new Eformsign() });

/** The node types of the process a credentials helper belongs to (the first process by default). */
const processNodeTypes = new WeakMap<TestCredentialsHelper, TestNodeTypes>();

/**
 * Another n8n process (a queue worker, or n8n after a restart) on the same database: the package's
 * modules are loaded again, so nothing this process remembers in module memory (sessions, renewals
 * in flight, refused tokens) is there; the returned helper reads and writes the very same `store`.
 * n8n-workflow stays shared, as the peer dependency that n8n itself provides.
 */
export function anotherProcess(sameDatabase: TestCredentialsHelper): TestCredentialsHelper {
	const workflow = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
	let loaded: { credential: EformsignApi; node: Eformsign } | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => workflow);
		/* eslint-disable @typescript-eslint/no-require-imports -- a fresh copy of the package's modules */
		const credentialModule = require('../../credentials/EformsignApi.credentials') as typeof import('../../credentials/EformsignApi.credentials');
		const nodeModule = require('../../nodes/Eformsign/Eformsign.node') as typeof import('../../nodes/Eformsign/Eformsign.node');
		/* eslint-enable @typescript-eslint/no-require-imports */
		loaded = { credential: new credentialModule.EformsignApi(), node: new nodeModule.Eformsign() };
	});
	jest.dontMock('n8n-workflow');
	if (!loaded) throw new Error('the second process did not load');
	if (loaded.credential.preAuthentication === new EformsignApi().preAuthentication) {
		throw new Error('the second process shares the first one\'s modules');
	}
	const helper = new TestCredentialsHelper({ [CREDENTIAL_TYPE]: loaded.credential }, sameDatabase.store);
	processNodeTypes.set(helper, new TestNodeTypes({ [NODE_TYPE]: loaded.node }));
	return helper;
}

export interface EformsignRun extends RunResult {
	items: INodeExecutionData[];
}

/** Runs the eformsign node once through n8n-core's WorkflowExecute, fed with `input`. */
export async function runEformsign(
	credentials: TestCredentialsHelper,
	parameters: INodeParameters,
	input: INodeExecutionData[] = [{ json: {} }],
	options: { continueOnFail?: boolean; cancelWhen?: Promise<unknown> } = {},
): Promise<EformsignRun> {
	const node = eformsignNode(parameters);
	if (options.continueOnFail) node.onError = 'continueRegularOutput';
	const result = await runWorkflow({
		nodes: [node],
		nodeTypes: processNodeTypes.get(credentials) ?? nodeTypes,
		credentialsHelper: credentials,
		input,
		cancelWhen: options.cancelWhen,
	});
	return { ...result, items: result.output(node.name) };
}

/**
 * "Test" in the credential dialog, the way n8n 2.41's CredentialsTester runs it
 * (packages/cli/src/services/credentials-tester.service.ts): a mock NoOp node without parameters,
 * whose only property `temp` carries the credential's test request, run through the declarative
 * engine (RoutingNode) with the credential data being tested; its answer is mapped the same way.
 */
export async function testCredential(
	data: ICredentialDataDecryptedObject,
	helper: TestCredentialsHelper = credentialsHelperFor(data),
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const credentialType = new EformsignApi();
	const testNodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			requestDefaults: {},
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credentialType.test.request },
				},
			],
		},
	};
	helper.store[CREDENTIAL_TYPE] = { ...data };
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'eformsign account' } },
	};
	const result = await runWorkflow({
		nodes: [node],
		nodeTypes: new TestNodeTypes({ 'n8n-nodes-base.noOp': testNodeType }),
		credentialsHelper: helper,
	});
	const error = result.error as (Error & { cause?: { response?: { status: number; statusText?: string }; code?: string } }) | undefined;
	if (!error) return { status: 'OK', message: 'Connection successful!' };
	if (error.cause?.response) {
		const { status, statusText } = error.cause.response;
		return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
	}
	if (error.cause?.code) return { status: 'Error', message: error.cause.code };
	return { status: 'Error', message: error.message };
}

/** One sandbox per test file; every test starts from the seeded state with no cached token. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	beforeEach(() => {
		sandbox?.reset();
		forgetAllSessions();
	});
	return () => {
		if (!sandbox) throw new Error('the sandbox is not running');
		return sandbox;
	};
}

/** The requests the sandbox received, without the token calls, as "METHOD /path". */
export function apiCalls(sandbox: Sandbox): string[] {
	return sandbox.log
		.filter((entry) => !entry.path.startsWith('/v2.0/api_auth/'))
		.map((entry) => `${entry.method} ${entry.path}`);
}
