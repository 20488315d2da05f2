/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
// Writes the output schemas n8n's editor shows before a run (schema view, AI tools) to
// nodes/Eformsign/__schema__/v1.0.0/<resource>/<operation>.json and, for the two triggers,
// nodes/<Trigger>/__schema__/v1.0.0.json, inferred from real runs against the sandbox (the cases in
// scripts/schemas/cases.ts and scripts/schemas/triggerCases.ts).
//
//   npx tsc -p tsconfig.scripts.json && node .build/scripts/generate-schemas.js [--check]
//
// --check writes nothing and exits 1 when a committed schema differs from what a run gives.
import './schemas/env';

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

import { startSandbox } from '../sandbox';
import {
	nodeOperations,
	runFreshCase,
	SCHEMA_CASES,
	SCHEMA_ROOT,
	schemaPath,
} from './schemas/cases';
import { formatSchema, schemaOfItems } from './schemas/jsonSchema';
import {
	pollTriggerItems,
	TRIGGER_SCHEMA_FILES,
	WEBHOOK_TRIGGER_V1_1_SCHEMA_FILE,
	webhookTriggerItems,
} from './schemas/triggerCases';

async function main() {
	const check = process.argv.includes('--check');
	const missing = nodeOperations().filter(
		({ resource, operation }) =>
			!SCHEMA_CASES.some((c) => c.resource === resource && c.operation === operation),
	);
	if (missing.length > 0) {
		throw new Error(
			`no schema case for ${missing.map((m) => `${m.resource}/${m.operation}`).join(', ')}`,
		);
	}

	const sandbox = await startSandbox();
	const files = new Map<string, string>();
	try {
		for (const schemaCase of SCHEMA_CASES) {
			const run = await runFreshCase(sandbox, schemaCase);
			files.set(
				schemaPath(schemaCase.resource, schemaCase.operation),
				formatSchema(schemaOfItems(run.items)),
			);
		}
		const webhookSchema = formatSchema(schemaOfItems(await webhookTriggerItems(sandbox)));
		files.set(TRIGGER_SCHEMA_FILES.webhook, webhookSchema);
		files.set(WEBHOOK_TRIGGER_V1_1_SCHEMA_FILE, webhookSchema);
		files.set(
			TRIGGER_SCHEMA_FILES.poll,
			formatSchema(schemaOfItems(await pollTriggerItems(sandbox))),
		);
	} finally {
		await sandbox.close();
	}

	let stale = 0;
	if (!check) rmSync(SCHEMA_ROOT, { recursive: true, force: true });
	for (const [path, text] of files) {
		const name = relative(process.cwd(), path);
		if (check) {
			const same = existsSync(path) && readFileSync(path, 'utf8') === text;
			if (!same) stale++;
			console.log(`${same ? 'ok     ' : 'STALE  '} ${name}`);
			continue;
		}
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, text);
		console.log(`wrote ${name}`);
	}
	if (stale > 0) {
		console.error(`${stale} schema(s) out of date: run without --check to rewrite them`);
		process.exitCode = 1;
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
