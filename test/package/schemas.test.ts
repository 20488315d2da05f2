/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { loadOutputSchema, PackageDirectoryLoader, resolveOutputSchemaPath } from 'n8n-core';

import {
	nodeOperations,
	runFreshCase,
	SCHEMA_CASES,
	SCHEMA_ROOT,
	schemaPath,
	type SchemaCase,
} from '../../scripts/schemas/cases';
import { schemaViolations, type JsonSchema } from '../../scripts/schemas/jsonSchema';
import { useSandbox } from '../harness/eformsign';

const sandbox = useSandbox();
const root = join(__dirname, '..', '..');
const operations = nodeOperations();

function readSchema(resource: string, operation: string): JsonSchema {
	return JSON.parse(readFileSync(schemaPath(resource, operation), 'utf8')) as JsonSchema;
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
	);
}

describe('output schemas (nodes/Eformsign/__schema__)', () => {
	it('has one schema per operation of every resource, and no other file', () => {
		expect(operations.length).toBe(37);
		const expected = operations
			.map(({ resource, operation }) => schemaPath(resource, operation))
			.sort();
		expect(filesUnder(SCHEMA_ROOT).sort()).toEqual(expected);
		for (const { resource, operation } of operations) {
			const schema = readSchema(resource, operation);
			expect(schema.type).toBe('object');
			expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
		}
	});

	it('are tab-indented, as scripts/generate-schemas.ts writes them', () => {
		for (const { resource, operation } of operations) {
			const text = readFileSync(schemaPath(resource, operation), 'utf8');
			expect(text).toBe(JSON.stringify(JSON.parse(text), null, '\t') + '\n');
		}
	});

	it('are where n8n looks for them in the built package (dist/), for the editor and for AI tools', async () => {
		// n8n's server answers GET /schemas/<node>/<version>/<resource>/<operation>.json with
		// resolveOutputSchemaPath({ nodeDir: dirname(sourcePath of the loaded node), version, ... }).
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		const nodeDir = dirname(loader.known.nodes.eformsign.sourcePath);
		expect(relative(root, nodeDir)).toBe(join('dist', 'nodes', 'Eformsign'));
		for (const { resource, operation } of operations) {
			const served = resolveOutputSchemaPath({ nodeDir, version: '1.0.0', resource, operation });
			expect(served && existsSync(served)).toBe(true);
			const loaded = loadOutputSchema({
				nodeDir,
				version: 1,
				resource,
				operation,
				versionFallback: true,
			});
			expect(loaded).toEqual(readSchema(resource, operation));
		}
	});
});

describe('the output of real runs against the sandbox fits the schema', () => {
	function expectConforms(resource: string, operation: string, items: Array<{ json: unknown }>) {
		const schema = readSchema(resource, operation);
		expect(items.length).toBeGreaterThan(0);
		expect(
			items.flatMap((item, index) => schemaViolations(item.json, schema, `items[${index}].json`)),
		).toEqual([]);
	}

	// The runs the schemas were generated from: a failure here means an operation's output changed,
	// and `npx tsc -p tsconfig.scripts.json && node .build/scripts/generate-schemas.js` updates them.
	it.each(SCHEMA_CASES.map((c) => [`${c.resource}/${c.operation}`, c] as [string, SchemaCase]))(
		'%s, as generated',
		async (_name, schemaCase) => {
			const run = await runFreshCase(sandbox(), schemaCase);
			expectConforms(schemaCase.resource, schemaCase.operation, run.items);
		},
	);

	// Other parameters and other data than the generator used.
	const others: SchemaCase[] = [
		{
			resource: 'document',
			operation: 'get',
			parameters: (s) => ({
				documentId: { __rl: true, mode: 'id', value: s.demo.documentIds.waitingExternal },
			}),
		},
		{ resource: 'document', operation: 'getMany', parameters: () => ({ box: '02', limit: 5 }) },
		{
			resource: 'member',
			operation: 'getMany',
			parameters: () => ({ returnAll: false, limit: 2 }),
		},
		{
			resource: 'usage',
			operation: 'getUsage',
			parameters: () => ({ term: 'monthly', month: '2024-09' }),
		},
		{
			resource: 'template',
			operation: 'updatePermissions',
			parameters: (s) => ({
				templateId: { __rl: true, mode: 'id', value: s.demo.templateIds.urlCreation },
				modify: { addManagers: ['DOCUMENT_MANAGER'] },
			}),
		},
		{
			resource: 'companyStamp',
			operation: 'get',
			parameters: (s) => ({ stampId: { __rl: true, mode: 'id', value: s.demo.stampIds.approved } }),
		},
	];
	it.each(others.map((c) => [`${c.resource}/${c.operation}`, c] as [string, SchemaCase]))(
		'%s, with other parameters',
		async (_name, schemaCase) => {
			const run = await runFreshCase(sandbox(), schemaCase);
			expectConforms(schemaCase.resource, schemaCase.operation, run.items);
		},
	);

	it('reports what does not fit', () => {
		const schema: JsonSchema = {
			type: 'object',
			properties: {
				id: { type: 'string' },
				total: { type: 'number' },
				tags: { type: 'array', items: { type: 'string' } },
			},
		};
		expect(schemaViolations({ id: 'a', total: 3, tags: ['x'] }, schema)).toEqual([]);
		expect(schemaViolations({ id: 1, extra: true, tags: ['x', null] }, schema)).toEqual([
			'$.id: integer where the schema allows string',
			'$.extra: not in the schema',
			'$.tags[1]: null where the schema allows string',
		]);
	});
});
