import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import {
	credentialData,
	credentialsHelperFor,
	eformsignNode,
	nodeTypes,
	runEformsign,
	type EformsignRun,
} from '../harness/eformsign';
import { additionalData, type TestCredentialsHelper } from '../harness/engine';
import { inspectForSecrets } from '../harness/secret-guard';

/** What the sandbox received, token calls left out: exactly the parts the API reference fixes. */
export function apiRequests(sandbox: Sandbox) {
	return sandbox.log
		.filter((entry) => !entry.path.startsWith('/v2.0/api_auth/'))
		.map(({ method, path, query, body }) => ({ method, path, query, body }));
}

/** Runs the eformsign node once, by default with a fresh demo signature credential. */
export async function runNode(
	sandbox: Sandbox,
	parameters: Record<string, unknown>,
	input?: INodeExecutionData[],
	options: { continueOnFail?: boolean; helper?: TestCredentialsHelper } = {},
): Promise<EformsignRun> {
	return await runEformsign(
		options.helper ?? credentialsHelperFor(credentialData(sandbox)),
		parameters as INodeParameters,
		input,
		options,
	);
}

/** A resource locator value as the editor stores it. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function fromList(value: string) {
	return { __rl: true, mode: 'list', value };
}

/**
 * The node's `methods` called the way the editor calls them: through n8n-core's LoadOptionsContext
 * for a node with these parameters (credential, requests and token handling all real).
 */
export async function callMethod<T>(
	sandbox: Sandbox,
	parameters: Record<string, unknown>,
	path: string,
	call: (context: LoadOptionsContext) => Promise<T>,
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
	const helper = credentialsHelperFor(credentialData(sandbox));
	const context = new LoadOptionsContext(workflow, node, additionalData(helper), path);
	const result = await call(context);
	inspectForSecrets(`method result for ${path}`, result);
	return result;
}
