import { generateKeyPairSync } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { credentialData, credentialsHelperFor, runEformsign, useSandbox } from '../harness/eformsign';

const sandbox = useSandbox();

function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

const keyHex = (type: 'rsa' | 'ec', curve?: string) =>
	(type === 'rsa'
		? generateKeyPairSync('rsa', { modulusLength: 1024 })
		: generateKeyPairSync('ec', { namedCurve: curve ?? 'prime256v1' })
	).privateKey
		.export({ type: 'pkcs8', format: 'der' })
		.toString('hex');

const getDocument = (): INodeParameters => ({
	resource: 'document',
	operation: 'get',
	documentId: byId('={{ $json.id }}'),
	simplify: true,
});

interface Case {
	name: string;
	credential?: (sbx: Sandbox) => IDataObject;
	parameters: (sbx: Sandbox) => INodeParameters;
	input?: (sbx: Sandbox) => IDataObject;
	/** The message n8n shows, and the fix-it description next to it. */
	message: RegExp;
	description?: RegExp;
	/** Whether eformsign may be called at all (false: refused before anything is sent). */
	reachesApi?: boolean;
}

const cases: Case[] = [
	// Credential values
	{ name: 'private key: not hex', credential: () => ({ privateKey: 'my private key' }), parameters: getDocument, message: /private key is neither hex nor PEM/, description: /View key/ },
	{ name: 'private key: odd length', credential: (s) => ({ privateKey: s.demo.signature.privateKeyHex.slice(0, -1) }), parameters: getDocument, message: /odd number of hex digits/ },
	{ name: 'private key: an RSA key', credential: () => ({ privateKey: keyHex('rsa') }), parameters: getDocument, message: /RSA key, but eformsign uses ECDSA keys on the P-256 curve/ },
	{ name: 'private key: a P-384 key', credential: () => ({ privateKey: keyHex('ec', 'secp384r1') }), parameters: getDocument, message: /curve secp384r1, but eformsign uses P-256/ },
	{ name: 'private key: the public key pasted instead', credential: (s) => ({ privateKey: s.demo.signature.publicKeyHex }), parameters: getDocument, message: /public key, but the credential needs the private key/ },
	{ name: 'API key: empty', credential: () => ({ apiKey: '' }), parameters: getDocument, message: /API key is empty/, description: /Manage API key/ },
	{ name: 'API key: with spaces', credential: (s) => ({ apiKey: `${s.demo.signature.apiKey} x` }), parameters: getDocument, message: /API key contains spaces/ },
	{ name: 'Member ID: not an e-mail', credential: () => ({ memberId: 'minjun' }), parameters: getDocument, message: /Member ID "minjun" is not an e-mail address/ },
	// Document IDs mapped from earlier nodes
	{ name: 'document ID: empty', parameters: getDocument, input: () => ({ id: '' }), message: /document ID is empty/ },
	{ name: 'document ID: with a slash', parameters: getDocument, input: () => ({ id: 'abc/../../members' }), message: /is not a valid ID/, description: /32 hexadecimal characters/ },
	{ name: 'document ID: ..', parameters: getDocument, input: () => ({ id: '..' }), message: /is not a valid ID/ },
	// The ID of the console's Test event, mapped from the trigger into Document > Get.
	{ name: 'document ID: the console test event\'s test_doc_id', parameters: getDocument, input: () => ({ id: 'test_doc_id' }), message: /^The document ID "test_doc_id" in "Document" is not a valid ID$/, description: /32 hexadecimal characters, e\.g\. 61b05d369b2a4a10b5c4c8a1373abc0d\. .*comes from the console's test delivery/ },
	{ name: 'document ID: a dashed UUID', parameters: getDocument, input: () => ({ id: '61b05d36-9b2a-4a10-b5c4-c8a1373abc0d' }), message: /^The document ID "61b05d36-9b2a-4a10-b5c4-c8a1373abc0d" in "Document" is not a valid ID$/, description: /An eformsign document ID is 32 hexadecimal characters/ },
	// Dates, limits
	{
		name: 'Get Many: a date out of range',
		parameters: () => ({ resource: 'document', operation: 'getMany', box: '01', returnAll: false, limit: 5, filters: { startCreateDate: '1970-01-02T00:00:00Z' } }),
		message: /is out of range/,
		description: /between the years 2000 and 2099/,
	},
	{
		name: 'Get Many: a start date after the end date',
		parameters: () => ({ resource: 'document', operation: 'getMany', box: '01', returnAll: false, limit: 5, filters: { startCreateDate: '2025-05-01T00:00:00Z', endCreateDate: '2025-04-01T00:00:00Z' } }),
		message: /is later than/,
	},
	{ name: 'Get Many: a zero limit', parameters: () => ({ resource: 'document', operation: 'getMany', box: '01', returnAll: false, limit: '={{ 0 }}' }), message: /Limit is 0/ },
	{ name: 'Member Get Many: a zero limit', parameters: () => ({ resource: 'member', operation: 'getMany', returnAll: false, limit: '={{ 0 }}' }), message: /Limit is 0/ },
	{ name: 'Group Get Many: a negative limit', parameters: () => ({ resource: 'group', operation: 'getMany', returnAll: false, limit: '={{ -1 }}' }), message: /Limit is -1/ },
	{ name: 'Get Many: a negative limit', parameters: () => ({ resource: 'document', operation: 'getMany', box: '01', returnAll: false, limit: '={{ -5 }}' }), message: /Limit is -5/ },
	{ name: 'Usage: an invalid month', parameters: () => ({ resource: 'usage', operation: 'getUsage', term: 'monthly', month: '={{ "2025-13" }}' }), message: /is not a month/ },
	{ name: 'Usage: an invalid year', parameters: () => ({ resource: 'usage', operation: 'getUsage', term: 'yearly', year: '={{ "25" }}' }), message: /is not a year/ },
	// Field values
	{
		name: 'Create: a field value that is an object',
		parameters: (s) => ({
			resource: 'document',
			operation: 'create',
			templateId: byId(s.demo.templateIds.contract),
			fieldInput: 'pairs',
			fieldPairs: { field: [{ id: 'name', value: '={{ { first: "Kim" } }}' }] },
		}),
		message: /The value of field "name" is not text/,
	},
];

describe('bad input gives a clear message and sends nothing wrong', () => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
		const sbx = sandbox();
		const result = await runEformsign(
			credentialsHelperFor(credentialData(sbx, 'signature', testCase.credential?.(sbx) ?? {})),
			testCase.parameters(sbx),
			[{ json: testCase.input?.(sbx) ?? { id: sbx.demo.documentIds.completed } }],
		);
		expect(result.error?.message).toMatch(testCase.message);
		if (testCase.description) {
			expect((result.error as { description?: string }).description).toMatch(testCase.description);
		}
		// Refused before eformsign's API saw anything (a token may have been issued).
		expect(sbx.log.filter((entry) => entry.path.startsWith('/v2.0/api/'))).toEqual([]);
	});
});

describe('input that is unusual but fine is accepted', () => {
	it('a private key wrapped in spaces and line breaks', async () => {
		const sbx = sandbox();
		const hex = sbx.demo.signature.privateKeyHex;
		const result = await runEformsign(
			credentialsHelperFor(credentialData(sbx, 'signature', { privateKey: `\n  ${hex.slice(0, 40)}\n  ${hex.slice(40)}  \n` })),
			getDocument(),
			[{ json: { id: sbx.demo.documentIds.completed } }],
		);
		expect(result.error).toBeUndefined();
	});

	it('numbers and booleans as field values are sent as text', async () => {
		const sbx = sandbox();
		const result = await runEformsign(credentialsHelperFor(credentialData(sbx)), {
			resource: 'document',
			operation: 'create',
			templateId: byId(sbx.demo.templateIds.contract),
			fieldInput: 'pairs',
			fieldPairs: { field: [{ id: 'amount', value: '={{ 42000000 }}' }, { id: 'name', value: '={{ true }}' }] },
		});
		expect(result.error).toBeUndefined();
		const create = sbx.log.find((entry) => entry.method === 'POST' && entry.path === '/v2.0/api/documents');
		expect((create?.body as { document: { fields: unknown[] } }).document.fields).toEqual([
			{ id: 'amount', value: '42000000' },
			{ id: 'name', value: 'true' },
		]);
	});

	it('no recipients: the document is created as a draft, and the output says so', async () => {
		const sbx = sandbox();
		const result = await runEformsign(credentialsHelperFor(credentialData(sbx)), {
			resource: 'document',
			operation: 'create',
			templateId: byId(sbx.demo.templateIds.contract),
		});
		expect(result.error).toBeUndefined();
		const create = sbx.log.find((entry) => entry.method === 'POST' && entry.path === '/v2.0/api/documents');
		expect((create?.body as { document: IDataObject }).document).not.toHaveProperty('recipients');
		expect(result.items[0].json).toMatchObject({ saved_as_draft: true, document: { document_status_name: 'draft' } });
	});

	it('bulk input over the batch size is split into batches of 100', async () => {
		const sbx = sandbox();
		const result = await runEformsign(
			credentialsHelperFor(credentialData(sbx)),
			{ resource: 'document', operation: 'createMany', templateId: byId(sbx.demo.templateIds.contract) },
			Array.from({ length: 250 }, () => ({ json: {} })),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		const batches = sbx.log.filter((entry) => entry.path === '/v2.0/api/forms/mass_documents');
		expect(batches.map((entry) => (entry.body as { documents: unknown[] }).documents.length)).toEqual([100, 100, 50]);
	});
});
