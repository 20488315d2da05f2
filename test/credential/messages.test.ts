import { generateKeyPairSync } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { ERROR_HINTS } from '../../nodes/shared/errors';

import { credentialData, credentialsHelperFor, runEformsign, testCredential, useSandbox } from '../harness/eformsign';

// n8n shows a node error's message with its description under it, and the credential's "Test" only
// a message. Every such text has to read once: no sentence twice, no "eformsign: eformsign".
const sandbox = useSandbox();

const ISSUE_PATH = '/v2.0/api_auth/access_token';
const otherKeyHex = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
	.privateKey.export({ type: 'pkcs8', format: 'der' })
	.toString('hex');

function getDocument() {
	return {
		resource: 'document',
		operation: 'get',
		documentId: { __rl: true, mode: 'id', value: sandbox().demo.documentIds.completed },
		simplify: true,
	};
}

/** What n8n shows for an error raised by an operation: the message, the description under it. */
async function operationError(overrides: IDataObject = {}): Promise<{ message: string; description?: string }> {
	const result = await runEformsign(credentialsHelperFor(credentialData(sandbox(), 'signature', overrides)), getDocument());
	const error = result.error as { message: string; description?: string | null } | undefined;
	if (!error) throw new Error('the operation did not fail');
	return { message: error.message, description: error.description ?? undefined };
}

async function testMessage(overrides: IDataObject = {}): Promise<string> {
	const result = await testCredential(credentialData(sandbox(), 'signature', overrides));
	expect(result.status).toBe('Error');
	return result.message;
}

function sameWords(sentence: string): string {
	return sentence
		.replace(/^eformsign:\s*/i, '')
		.replace(/\s*\[code \d+\]$/, '')
		.replace(/[.!?\s]+$/, '')
		.replace(/\s+/g, ' ')
		.toLowerCase();
}

/** The problems a reader would see in these texts, shown one under the other. */
function readingProblems(...texts: Array<string | undefined>): string[] {
	const shown = texts.filter((text): text is string => Boolean(text));
	const problems: string[] = [];
	if (shown.some((text) => /^eformsign:\s*eformsign\b/i.test(text))) problems.push('starts "eformsign: eformsign"');
	const seen = new Set<string>();
	for (const sentence of shown.flatMap((text) => text.split(/(?<=[.!?])\s+|\n/))) {
		const words = sameWords(sentence);
		if (words === '') continue;
		if (seen.has(words)) problems.push(`says twice: "${sentence}"`);
		seen.add(words);
	}
	return problems;
}

function tokenFault(code: string, message: string, count = 1) {
	sandbox().injectFault({ count, match: { method: 'POST', path: ISSUE_PATH }, code, message });
}

describe('the three messages that used to repeat themselves', () => {
	it('a rejected signature says so once, in "Test" and in an operation', async () => {
		const sbx = sandbox();
		const overrides = { privateKey: otherKeyHex };
		expect(await testMessage(overrides)).toBe(
			'eformsign rejected the signature. Check that the private key belongs to this API key, and that the key\'s verification type in eformsign is "eformsign signature".',
		);
		const error = await operationError(overrides);
		expect(error.message).toBe('eformsign rejected the signature [code 4030004]');
		expect(error.description).toMatch(/^Check that the private key belongs to this API key/);
		// Both answers really came from the sandbox refusing the signature.
		expect(sbx.log.filter((entry) => entry.path === ISSUE_PATH).map((entry) => entry.status)).toEqual([403, 403]);
	});

	it('a token host that issues no token says so once', async () => {
		const sbx = sandbox();
		tokenFault('4000005', 'Invalid company.', 2);
		expect(await testMessage()).toBe(
			'eformsign did not issue a token (HTTP 400: Invalid company.). Check the Token Host and the API key in the credential.',
		);
		const error = await operationError();
		expect(error.message).toBe('eformsign did not issue a token (HTTP 400: Invalid company.) [code 4000005]');
		expect(error.description).toBe('Check the Token Host and the API key in the credential');
		expect(sbx.log.filter((entry) => entry.path === ISSUE_PATH).map((entry) => entry.status)).toEqual([400, 400]);
	});

	it('an inactive API key says so once, and then how to activate it', async () => {
		const sbx = sandbox();
		const overrides = { apiKey: sbx.demo.inactive.apiKey, privateKey: sbx.demo.inactive.privateKeyHex };
		expect(await testMessage(overrides)).toBe(
			'The API key is inactive. Activate it under Integration > API / Webhook > Manage API key (the Status toggle).',
		);
		const error = await operationError(overrides);
		expect(error.message).toBe('eformsign: The API key is inactive [code 4030001]');
		expect(error.description).toBe('Activate it under Integration > API / Webhook > Manage API key (the Status toggle).');
		expect(sbx.log.filter((entry) => entry.path === ISSUE_PATH).map((entry) => entry.status)).toEqual([403, 403]);
	});

	it('a description that would only repeat the message is left out', async () => {
		// 4000006 has no hint: NodeApiError would otherwise take the failure's own message as description.
		sandbox().injectFault({
			count: 1,
			match: { method: 'GET', path: `/v2.0/api/documents/${sandbox().demo.documentIds.completed}` },
			code: '4000006',
			message: 'The document has been deleted.',
		});
		const error = await operationError();
		expect(error.message).toBe('eformsign: The document has been deleted [code 4000006]');
		expect(error.description).toBeUndefined();
	});
});

describe('every message reads once', () => {
	const tokenCodes: Array<[string, string, IDataObject]> = [
		['4030004', 'The signature is invalid.', {}],
		['4030004', 'The signature is invalid.', { verificationType: 'bearer', apiKey: 'bearer-key', bearerToken: 'wrong' }],
		['4000003', 'The apiKey does not exist.', {}],
		['4030001', 'The apiKey is not active.', {}],
		['4030039', 'The apiKey could not be read.', {}],
		['4000074', 'No such member exists.', {}],
		['4000150', 'No such member exists.', {}],
		['4000005', 'Invalid company.', {}],
		['4030034', "You don't have Open API permission.", {}],
	];

	it.each(tokenCodes)('when the token call answers %s (%s)', async (code, message, overrides) => {
		tokenFault(code, message, 2);
		const shown = await testMessage(overrides);
		expect(readingProblems(shown)).toEqual([]);
		tokenFault(code, message, 2);
		const error = await operationError(overrides);
		expect(error.message).toMatch(new RegExp(`\\[code ${code}\\]$`));
		expect(readingProblems(error.message, error.description)).toEqual([]);
	});

	it.each([
		['a private key that is not hex', { privateKey: 'paste-error' }],
		['an empty API key', { apiKey: '' }],
		['a Member ID that is not an e-mail', { memberId: 'kim' }],
		['a Token Host that is no URL', { tokenHostUrl: 'api.eformsign.com' }],
	])('when the credential holds %s', async (_name, overrides: IDataObject) => {
		expect(readingProblems(await testMessage(overrides))).toEqual([]);
		const error = await operationError(overrides);
		expect(readingProblems(error.message, error.description)).toEqual([]);
		expect(sandbox().tokenIssuances()).toBe(0);
	});

	// The worst case for each code the node explains: eformsign's own message says what the first
	// sentence of the explanation says.
	const apiCodes = Object.entries(ERROR_HINTS)
		.filter(([code]) => !code.startsWith('401'))
		.map(([code, hint]) => [code, hint.split(/(?<=[.!?])\s+/)[0]]);

	it.each(apiCodes)('when an API call answers %s', async (code, message) => {
		const sbx = sandbox();
		const documentPath = `/v2.0/api/documents/${sbx.demo.documentIds.completed}`;
		sbx.injectFault({ count: 4, match: { method: 'GET', path: documentPath }, code, message });
		const error = await operationError();
		expect(error.message).toContain(`[code ${code}]`);
		expect(readingProblems(error.message, error.description)).toEqual([]);
		expect(sbx.log.some((entry) => entry.path === documentPath)).toBe(true);
	});

	it('finds a repeated sentence and a doubled "eformsign"', () => {
		expect(readingProblems('The API key is inactive. The API key is inactive. Activate it.')).toEqual([
			'says twice: "The API key is inactive."',
		]);
		expect(readingProblems('eformsign: The document has been deleted [code 4000006]', 'The document has been deleted.')).toEqual([
			'says twice: "The document has been deleted."',
		]);
		expect(readingProblems('eformsign: eformsign rejected the signature [code 4030004]')).toEqual([
			'starts "eformsign: eformsign"',
		]);
	});
});
