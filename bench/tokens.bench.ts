import { signExecutionTime } from '../nodes/shared/signature';
import { forgetAllSessions } from '../nodes/shared/session';
import type { Sandbox } from '../sandbox';
import { credentialData, credentialsHelperFor, runEformsign } from '../test/harness/eformsign';

const EXECUTIONS = 10;
const ITEMS = 100;

function getDocument(documentId: string) {
	return {
		resource: 'document',
		operation: 'get',
		documentId: { __rl: true, mode: 'id', value: documentId },
		simplify: true,
	};
}

/** What a user builds without this package: each execution fetches a token, then calls the API. */
async function httpRecipeExecution(sandbox: Sandbox, documentId: string): Promise<void> {
	const executionTime = Date.now();
	const tokenResponse = await fetch(`${sandbox.url}/v2.0/api_auth/access_token`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Authorization: `Bearer ${Buffer.from(sandbox.demo.signature.apiKey).toString('base64')}`,
			eformsign_signature: signExecutionTime(executionTime, sandbox.demo.signature.privateKeyHex),
		},
		body: JSON.stringify({ execution_time: executionTime, member_id: sandbox.demo.memberId }),
	});
	const token = ((await tokenResponse.json()) as { oauth_token: { access_token: string } }).oauth_token.access_token;
	for (let i = 0; i < ITEMS; i++) {
		const response = await fetch(`${sandbox.url}/v2.0/api/documents/${documentId}`, {
			headers: { Authorization: `Bearer ${token}` },
		});
		await response.arrayBuffer();
	}
}

export async function tokenBenchmark(sandbox: Sandbox) {
	const documentId = sandbox.demo.documentIds.completed;
	sandbox.reset();
	forgetAllSessions();
	const helper = credentialsHelperFor(credentialData(sandbox));
	const input = Array.from({ length: ITEMS }, () => ({ json: {} }));
	for (let execution = 0; execution < EXECUTIONS; execution++) {
		const result = await runEformsign(helper, getDocument(documentId), input);
		if (result.error || result.items.length !== ITEMS) throw new Error(`execution ${execution} failed: ${result.error?.message}`);
	}
	const ours = sandbox.tokenIssuances();

	sandbox.reset();
	for (let execution = 0; execution < EXECUTIONS; execution++) await httpRecipeExecution(sandbox, documentId);
	const recipe = sandbox.tokenIssuances();
	return {
		token_issuances_per_10_executions: ours,
		token_issuances_per_10_executions_http_recipe: recipe,
	};
}
