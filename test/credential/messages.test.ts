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

/** How often `phrase` occurs in `text`, ignoring case. */
function occurrences(text: string, phrase: string): number {
	return text.toLowerCase().split(phrase.toLowerCase()).length - 1;
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
	// What n8n shows, written out: the credential's "Test" text, then an operation's message and
	// the description under it. Each case says its problem once, then what to do.
	const MEMBER = 'minjun.kim@sandbox.eformsign.test';
	const NO_MEMBER = {
		shown: `eformsign has no member "${MEMBER}" in this company. Enter the e-mail the member signs in with, or leave Member ID empty for a company token.`,
		message: `eformsign has no member "${MEMBER}" in this company`,
		description: 'Enter the e-mail the member signs in with, or leave Member ID empty for a company token',
	};
	const tokenCodes: Array<[string, string, IDataObject, { shown: string; message: string; description: string }]> = [
		['4030004', 'The signature is invalid.', {}, {
			shown: 'eformsign rejected the signature. Check that the private key belongs to this API key, and that the key\'s verification type in eformsign is "eformsign signature".',
			message: 'eformsign rejected the signature',
			description: 'Check that the private key belongs to this API key, and that the key\'s verification type in eformsign is "eformsign signature"',
		}],
		['4030004', 'The signature is invalid.', { verificationType: 'bearer', apiKey: 'bearer-key', bearerToken: 'wrong' }, {
			shown: 'eformsign rejected the bearer token. Check the value set on this API key in eformsign, and that the key\'s verification type is "Bearer token".',
			message: 'eformsign rejected the bearer token',
			description: 'Check the value set on this API key in eformsign, and that the key\'s verification type is "Bearer token"',
		}],
		['4000003', 'The apiKey does not exist.', {}, {
			shown: 'eformsign does not know this API key. Copy it again from Integration > API / Webhook > Manage API key, and check the Token Host (public-sector tenants use https://www.gov-eformsign.com/Service).',
			message: 'eformsign does not know this API key',
			description: 'Copy it again from Integration > API / Webhook > Manage API key, and check the Token Host (public-sector tenants use https://www.gov-eformsign.com/Service).',
		}],
		['4030001', 'The apiKey is not active.', {}, {
			shown: 'The API key is inactive. Activate it under Integration > API / Webhook > Manage API key (the Status toggle).',
			message: 'eformsign: The API key is inactive',
			description: 'Activate it under Integration > API / Webhook > Manage API key (the Status toggle).',
		}],
		['4030039', 'The apiKey could not be read.', {}, {
			shown: 'eformsign could not read the API key. Copy it again from Integration > API / Webhook > Manage API key, without spaces.',
			message: 'eformsign could not read the API key',
			description: 'Copy it again from Integration > API / Webhook > Manage API key, without spaces.',
		}],
		['4000074', 'No such member exists.', {}, NO_MEMBER],
		['4000150', 'No such member exists.', {}, NO_MEMBER],
		['4000005', 'Invalid company.', {}, {
			shown: 'eformsign did not issue a token (HTTP 400: Invalid company.). Check the Token Host and the API key in the credential.',
			message: 'eformsign did not issue a token (HTTP 400: Invalid company.)',
			description: 'Check the Token Host and the API key in the credential',
		}],
		['4030034', "You don't have Open API permission.", {}, {
			shown: "eformsign did not issue a token (HTTP 403: You don't have Open API permission.). Check that the company's eformsign plan includes the Open API.",
			message: "eformsign did not issue a token (HTTP 403: You don't have Open API permission.)",
			description: "Check that the company's eformsign plan includes the Open API.",
		}],
	];

	it.each(tokenCodes)('when the token call answers %s (%s)', async (code, message, overrides, expected) => {
		tokenFault(code, message, 2);
		expect(await testMessage(overrides)).toBe(expected.shown);
		tokenFault(code, message, 2);
		expect(await operationError(overrides)).toEqual({
			message: `${expected.message} [code ${code}]`,
			description: expected.description,
		});
	});

	it.each([
		['a private key that is not hex', { privateKey: 'paste-error' }, {
			shown: 'The private key is neither hex nor PEM: it contains characters other than 0-9 and a-f. Paste the private key that eformsign shows under Integration > API / Webhook > Manage API key > View key: a hex string that starts with 30 (PKCS#8 DER on P-256), or a PEM block.',
			message: 'eformsign: The private key is neither hex nor PEM: it contains characters other than 0-9 and a-f',
			description: 'Paste the private key that eformsign shows under Integration > API / Webhook > Manage API key > View key: a hex string that starts with 30 (PKCS#8 DER on P-256), or a PEM block.',
		}],
		['an empty API key', { apiKey: '' }, {
			shown: 'The API key is empty. Copy it from Integration > API / Webhook > Manage API key.',
			message: 'eformsign: The API key is empty',
			description: 'Copy it from Integration > API / Webhook > Manage API key',
		}],
		['a Member ID that is not an e-mail', { memberId: 'kim' }, {
			shown: 'The Member ID "kim" is not an e-mail address. Enter the e-mail the member signs in to eformsign with, or leave it empty for a company token.',
			message: 'eformsign: The Member ID "kim" is not an e-mail address',
			description: 'Enter the e-mail the member signs in to eformsign with, or leave it empty for a company token',
		}],
		['a Token Host that is no URL', { tokenHostUrl: 'api.eformsign.com' }, {
			shown: 'The Token Host "api.eformsign.com" is not an http(s) URL. Use https://api.eformsign.com, https://www.gov-eformsign.com/Service, or the sandbox URL.',
			message: 'eformsign: The Token Host "api.eformsign.com" is not an http(s) URL',
			description: 'Use https://api.eformsign.com, https://www.gov-eformsign.com/Service, or the sandbox URL',
		}],
	])('when the credential holds %s', async (_name, overrides: IDataObject, expected) => {
		expect(await testMessage(overrides)).toBe(expected.shown);
		expect(await operationError(overrides)).toEqual({ message: expected.message, description: expected.description });
		expect(sandbox().tokenIssuances()).toBe(0);
	});

	// The worst case for each code the node explains: eformsign's own message is the first sentence
	// of the explanation. What n8n shows then holds that sentence once, and never "eformsign: eformsign".
	const apiCodes = Object.entries(ERROR_HINTS)
		.filter(([code]) => !code.startsWith('401'))
		.map(([code, hint]) => [code, hint.split(/(?<=[.!?])\s+/)[0]]);

	it.each(apiCodes)('when an API call answers %s', async (code, message) => {
		const sbx = sandbox();
		const documentPath = `/v2.0/api/documents/${sbx.demo.documentIds.completed}`;
		sbx.injectFault({ count: 4, match: { method: 'GET', path: documentPath }, code, message });
		const error = await operationError();
		expect(error.message).toContain(`[code ${code}]`);
		expect(error.message).not.toMatch(/^eformsign:\s*eformsign\b/i);
		expect(occurrences(`${error.message}\n${error.description ?? ''}`, message.replace(/[.!?]$/, ''))).toBe(1);
		expect(sbx.log.some((entry) => entry.path === documentPath)).toBe(true);
	});
});

describe('what counts as saying the same thing', () => {
	const hint = 'No document has this ID. Check the document ID (the "Document ID" column in any document box).';
	async function shownFor(eformsignMessage: string) {
		const sbx = sandbox();
		sbx.injectFault({
			count: 1,
			match: { method: 'GET', path: `/v2.0/api/documents/${sbx.demo.documentIds.completed}` },
			code: '4000004',
			message: eformsignMessage,
		});
		return await operationError();
	}

	it('the same words in another case, spacing or end mark: the description goes on from there', async () => {
		expect(ERROR_HINTS['4000004']).toBe(hint);
		expect(await shownFor('no  DOCUMENT has\tthis id!')).toEqual({
			message: 'eformsign: no  DOCUMENT has\tthis id! [code 4000004]',
			description: 'Check the document ID (the "Document ID" column in any document box).',
		});
	});

	it('other words: the whole explanation stays', async () => {
		expect(await shownFor('The document does not exist.')).toEqual({
			message: 'eformsign: The document does not exist [code 4000004]',
			description: hint,
		});
	});

	it('a sentence that only starts the same: the whole explanation stays', async () => {
		expect(await shownFor('No document has this ID yet.')).toEqual({
			message: 'eformsign: No document has this ID yet [code 4000004]',
			description: hint,
		});
	});

	it('the whole explanation: nothing is left to add', async () => {
		expect(await shownFor(hint)).toEqual({
			message: `eformsign: ${hint.replace(/\.$/, '')} [code 4000004]`,
			description: undefined,
		});
	});
});
