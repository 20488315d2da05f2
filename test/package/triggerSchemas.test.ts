/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadOutputSchema, PackageDirectoryLoader } from 'n8n-core';

import { schemaViolations, type JsonSchema } from '../../scripts/schemas/jsonSchema';
import {
	pollTriggerItems,
	TRIGGER_SCHEMA_FILES,
	webhookTriggerItems,
} from '../../scripts/schemas/triggerCases';
import { useSandbox } from '../harness/eformsign';

const sandbox = useSandbox();
const root = join(__dirname, '..', '..');
const TRIGGERS = [
	{ name: 'eformsignTrigger', file: TRIGGER_SCHEMA_FILES.webhook, items: webhookTriggerItems },
	{ name: 'eformsignPollTrigger', file: TRIGGER_SCHEMA_FILES.poll, items: pollTriggerItems },
];
const readSchema = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;

describe('output schemas of the triggers', () => {
	it('are where n8n 2.x and 1.x serve /schemas/<node>/1.0.0.json from, in the built package', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		for (const { name, file } of TRIGGERS) {
			const nodeDir = dirname(loader.known.nodes[name].sourcePath);
			expect(relative(root, nodeDir).startsWith('dist')).toBe(true);
			// n8n 2.x: n8n-core's resolver, with its version fallback.
			expect(loadOutputSchema({ nodeDir, version: 1, versionFallback: true })).toEqual(
				readSchema(file),
			);
			// n8n 1.x: the exact path, <node folder>/__schema__/v<version from the URL>.json
			// (packages/cli/src/load-nodes-and-credentials.ts, resolveSchema).
			const exact = resolve(nodeDir, '__schema__/v1.0.0.json');
			expect(existsSync(exact) && readSchema(exact)).toEqual(readSchema(file));
		}
		// The webhook trigger's version 1.1 (what a new node gets) at /schemas/eformsignTrigger/1.1.0.json.
		const nodeDir = dirname(loader.known.nodes.eformsignTrigger.sourcePath);
		const webhookSchema = readSchema(TRIGGER_SCHEMA_FILES.webhook);
		expect(loadOutputSchema({ nodeDir, version: 1.1, versionFallback: true })).toEqual(webhookSchema);
		const exact = resolve(nodeDir, '__schema__/v1.1.0.json');
		expect(existsSync(exact) && readSchema(exact)).toEqual(webhookSchema);
	});

	it.each(TRIGGERS.map((trigger) => [trigger.name, trigger] as const))(
		'%s: its output in real runs against the sandbox fits the schema',
		async (_name, trigger) => {
			const items = await trigger.items(sandbox());
			const schema = readSchema(trigger.file);
			expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(5);
			expect(
				items.flatMap((item, index) => schemaViolations(item.json, schema, `items[${index}].json`)),
			).toEqual([]);
		},
	);
});
