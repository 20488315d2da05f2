import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INodeExecutionData,
	type INodeParameters,
} from 'n8n-workflow';

import type { RequestLogEntry, Sandbox } from '../../sandbox';
import {
	credentialData,
	credentialsHelperFor,
	eformsignNode,
	nodeTypes,
	runEformsign,
	type EformsignRun,
} from './eformsign';
import { additionalData, type TestCredentialsHelper } from './engine';
import { inspectForSecrets } from './secret-guard';

/** What the sandbox received, token calls left out: exactly the parts eformsign's API fixes. */
export function apiRequests(sandbox: Sandbox) {
	return apiEntries(sandbox).map(({ method, path, query, body }) => ({
		method,
		path,
		query,
		body,
	}));
}

export function apiEntries(sandbox: Sandbox): RequestLogEntry[] {
	return sandbox.log.filter((entry) => !entry.path.startsWith('/v2.0/api_auth/'));
}

export interface RunOptions {
	continueOnFail?: boolean;
	/** Credential fields to override, e.g. `{ memberId: sandbox.demo.adminId }`. */
	credential?: IDataObject;
	/** The credentials to run with, when the test reads what n8n stored in them afterwards. */
	helper?: TestCredentialsHelper;
	/** Stops the execution once this settles (n8n's Stop button). */
	cancelWhen?: Promise<unknown>;
}

/** Runs the eformsign node once, by default with a fresh demo signature credential (member minjun.kim). */
export async function runNode(
	sandbox: Sandbox,
	parameters: Record<string, unknown>,
	input?: INodeExecutionData[],
	options: RunOptions = {},
): Promise<EformsignRun> {
	return await runEformsign(
		options.helper ??
			credentialsHelperFor(credentialData(sandbox, 'signature', options.credential ?? {})),
		parameters as INodeParameters,
		input,
		{ continueOnFail: options.continueOnFail, cancelWhen: options.cancelWhen },
	);
}

/** A resource locator value as the editor stores it. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function fromList(value: string) {
	return { __rl: true, mode: 'list', value };
}

export function items(
	count: number,
	json: (index: number) => IDataObject = () => ({}),
): INodeExecutionData[] {
	return Array.from({ length: count }, (_, index) => ({ json: json(index) }));
}

/** The `item` of every output item's pairedItem, in output order. */
export function pairedItems(run: EformsignRun): number[] {
	return run.items.map((item) => (item.pairedItem as { item: number }).item);
}

export interface MethodOptions {
	/** The parameter the editor asks for, e.g. `parameters.memberId`. */
	path?: string;
	/** Credential fields to override, as in `runNode`. */
	credential?: IDataObject;
}

/**
 * The node's `methods` called the way the editor calls them: through n8n-core's LoadOptionsContext
 * for a node with these parameters (credential, requests and token handling all real).
 */
export async function callMethod<T>(
	sandbox: Sandbox,
	parameters: Record<string, unknown>,
	call: (context: LoadOptionsContext) => Promise<T>,
	{ path = 'parameters', credential = {} }: MethodOptions = {},
): Promise<T> {
	const node = eformsignNode(parameters as INodeParameters);
	const workflow = new Workflow({
		id: 'methods',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: {},
	});
	const helper = credentialsHelperFor(credentialData(sandbox, 'signature', credential));
	const context = new LoadOptionsContext(workflow, node, additionalData(helper), path);
	const result = await call(context);
	inspectForSecrets(`method result for ${path}`, result);
	return result;
}
