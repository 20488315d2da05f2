/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// The user documentation stays true to the code: every example output in README.md and docs/*.md fits the output
// schema of its operation (nodes/Eformsign/__schema__, generated from real runs by
// `npm run schemas`), the README stays short enough to read, and no relative link is dead.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { schemaViolations, typeOf, type JsonSchema } from '../../scripts/schemas/jsonSchema';
import { useSandbox } from '../harness/eformsign';
import { TriggerHarness } from '../harness/webhook';
import { connectWebhook, summaryOf, useReceiver, webhookCredential } from '../trigger/support';

const root = join(__dirname, '..', '..');
const docsDir = join(root, 'docs');
const schemaRoot = join(root, 'nodes', 'Eformsign', '__schema__', 'v1.0.0');

const docPages = readdirSync(docsDir)
	.filter((name) => name.endsWith('.md'))
	.map((name) => join(docsDir, name));
const markdownFiles = [join(root, 'README.md'), join(root, 'CONTRIBUTING.md'), ...docPages];

/**
 * A ```json block is an example output when the line before it is
 * `<!-- output: <resource>/<operation>[; adds: a, b][; omits: c, d.e, f[].g] -->`:
 * - `adds`: top-level fields an option adds that the default (schema) output does not have;
 * - `omits`: fields of the schema (with what is under them) the example leaves out on purpose.
 * Any other field of the schema must appear in the example, so a field the node starts returning
 * shows up here until the docs show it too.
 * Every other ```json block says what it is instead: `<!-- not an output: <why> -->`.
 */
interface Example {
	file: string;
	line: number;
	resource: string;
	operation: string;
	adds: string[];
	omits: string[];
	text: string;
}

interface JsonBlock {
	file: string;
	line: number;
	marker: string | undefined;
	text: string;
}

function jsonBlocks(file: string): JsonBlock[] {
	const lines = readFileSync(file, 'utf8').split('\n');
	const blocks: JsonBlock[] = [];
	for (let index = 0; index < lines.length; index++) {
		if (lines[index].trim() !== '```json') continue;
		const end = lines.findIndex((line, at) => at > index && line.trim() === '```');
		const previous = lines
			.slice(0, index)
			.reverse()
			.find((line) => line.trim() !== '');
		const marker = /^<!--\s*(.*?)\s*-->$/.exec(previous?.trim() ?? '')?.[1];
		blocks.push({
			file,
			line: index + 1,
			marker,
			text: lines.slice(index + 1, end).join('\n'),
		});
		index = end;
	}
	return blocks;
}

function namesAfter(parts: string[], label: string): string[] {
	const part = parts.find((p) => p.startsWith(`${label}:`));
	return part
		? part
				.slice(label.length + 1)
				.split(',')
				.map((name) => name.trim())
				.filter(Boolean)
		: [];
}

function parseExample(block: JsonBlock): Example | undefined {
	const match = /^output:\s*(.*)$/.exec(block.marker ?? '');
	if (!match || match[1].startsWith('trigger/')) return undefined;
	const parts = match[1].split(';').map((part) => part.trim());
	const [resource, operation] = parts[0].split('/');
	return {
		file: block.file,
		line: block.line,
		resource,
		operation,
		adds: namesAfter(parts, 'adds'),
		omits: namesAfter(parts, 'omits'),
		text: block.text,
	};
}

function schemaFor(resource: string, operation: string): JsonSchema | undefined {
	const path = join(schemaRoot, resource, `${operation}.json`);
	return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as JsonSchema) : undefined;
}

/** Every field path a schema describes: `document.id`, `recipients[].member.name`. */
function schemaPaths(schema: JsonSchema, path = ''): string[] {
	const paths: string[] = [];
	for (const [name, child] of Object.entries(schema.properties ?? {})) {
		const at = path ? `${path}.${name}` : name;
		paths.push(at, ...schemaPaths(child, at));
	}
	if (schema.items) paths.push(...schemaPaths(schema.items, `${path}[]`));
	return paths;
}

/** Every field path a value shows, in the same notation. */
function shownPaths(value: unknown, path = ''): string[] {
	if (Array.isArray(value)) return value.flatMap((item) => shownPaths(item, `${path}[]`));
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([name, child]) => {
		const at = path ? `${path}.${name}` : name;
		return [at, ...shownPaths(child, at)];
	});
}

/** Where a documented example leaves what the code returns; empty when it matches. */
function exampleProblems(example: Omit<Example, 'file' | 'line'>): string[] {
	const schema = schemaFor(example.resource, example.operation);
	if (!schema) return [`no output schema for ${example.resource}/${example.operation}`];
	let parsed: unknown;
	try {
		parsed = JSON.parse(example.text);
	} catch (error) {
		return [`not valid JSON: ${(error as Error).message}`];
	}
	const items = Array.isArray(parsed) ? parsed : [parsed];
	const properties = schema.properties ?? {};
	const described = new Set(schemaPaths(schema));
	const problems: string[] = [];
	for (const name of example.adds) {
		if (properties[name]) problems.push(`"adds: ${name}" but the schema has ${name}`);
	}
	for (const path of example.omits) {
		if (!described.has(path)) problems.push(`"omits: ${path}" but the schema has no ${path}`);
	}
	const shown = new Set<string>();
	items.forEach((item: unknown, index) => {
		const at = items.length > 1 ? `$[${index}]` : '$';
		if (typeof item !== 'object' || item === null || Array.isArray(item)) {
			problems.push(`${at}: an output item is a JSON object`);
			return;
		}
		const own = { ...(item as Record<string, unknown>) };
		for (const name of example.adds) delete own[name];
		for (const path of shownPaths(own)) shown.add(path);
		problems.push(...schemaViolations(own, schema, at));
	});
	const omitted = (path: string) =>
		example.omits.some(
			(omit) => path === omit || path.startsWith(`${omit}.`) || path.startsWith(`${omit}[]`),
		);
	for (const path of described) {
		if (!shown.has(path) && !omitted(path)) {
			problems.push(`${path}: the node returns it, the example does not show it`);
		}
	}
	return problems;
}

const blocks = [join(root, 'README.md'), ...docPages].flatMap(jsonBlocks);
const examples = blocks.map(parseExample).filter((example): example is Example => !!example);

describe('example outputs in README.md and docs/*.md', () => {
	it('every ```json block is marked as an output of an operation or says what it is', () => {
		const unmarked = blocks
			.filter((block) => !/^(output:|not an output:)/.test(block.marker ?? ''))
			.map((block) => `${relative(root, block.file)}:${block.line}`);
		expect(unmarked).toEqual([]);
		expect(examples.length).toBeGreaterThanOrEqual(10);
	});

	it.each(
		examples.map((example) => [
			`${relative(root, example.file)}:${example.line} (${example.resource}/${example.operation})`,
			example,
		]),
	)('%s matches the output schema', (_name, example) => {
		expect(exampleProblems(example as Example)).toEqual([]);
	});

	it('catches the drift it was written for: the old Create example without its added fields', () => {
		// The Create example as the README showed it before docs/documents.md: the node also returns
		// document.document_status_name and saved_as_draft (nodes/Eformsign/actions/document/create.operation.ts).
		const oldCreateExample = JSON.stringify({
			template_id: '61b05d369b2a4a10b5c4c8a1373abc0d',
			document: {
				id: '0c2f5e7a9b1d4c3e8f6a2b4d6c8e0a1b',
				document_name: '근로계약서 - 김철수',
				document_status: 'doc_request_participant',
			},
			recipients: [{ member: { name: '김철수', id: 'chulsoo.kim@example.com', token_id: '…' } }],
		});
		expect(
			exampleProblems({
				resource: 'document',
				operation: 'create',
				adds: [],
				omits: [],
				text: oldCreateExample,
			}),
		).toEqual([
			'document.document_status_name: the node returns it, the example does not show it',
			'recipients[].member.sms: the node returns it, the example does not show it',
			'recipients[].member.sms.country_code: the node returns it, the example does not show it',
			'recipients[].member.sms.phone_number: the node returns it, the example does not show it',
			'recipients[].member.sms_template_index: the node returns it, the example does not show it',
			'saved_as_draft: the node returns it, the example does not show it',
		]);
		// A field the node does not return, or a value of another type, is reported too.
		expect(
			exampleProblems({
				resource: 'document',
				operation: 'get',
				adds: [],
				omits: [],
				text: '{ "id": 1, "documentName": "x" }',
			}),
		).toEqual(
			expect.arrayContaining([
				'$.id: integer where the schema allows string',
				'$.documentName: not in the schema',
				'status_name: the node returns it, the example does not show it',
			]),
		);
	});
});

/**
 * The eformsign Trigger has no output schema; its examples are marked `<!-- output: trigger/document -->`
 * or `<!-- output: trigger/ready_document_pdf -->` and compared with what the trigger outputs for the
 * sandbox's deliveries of a completed document: the same fields, with values of the same types.
 */
describe('example outputs of the eformsign Trigger', () => {
	const sandbox = useSandbox();
	const receiver = useReceiver();
	const triggerExamples = blocks.filter((block) => /^output:\s*trigger\//.test(block.marker ?? ''));

	function fieldTypes(value: Record<string, unknown>): Record<string, string> {
		return Object.fromEntries(
			Object.entries(value)
				.map(([name, child]) => [name, typeOf(child)])
				.sort(([a], [b]) => a.localeCompare(b)),
		);
	}

	it('document and PDF-ready events are both documented', () => {
		expect(triggerExamples.map((block) => block.marker).sort()).toEqual([
			'output: trigger/document',
			'output: trigger/ready_document_pdf',
		]);
	});

	it('show the fields the trigger outputs, with values of the same types', async () => {
		const sbx = sandbox();
		connectWebhook(sbx, receiver(), 'signature');
		await sbx.advanceDocument(sbx.demo.documentIds.secondStep);
		const deliveries = receiver().deliveries;
		const completed = deliveries.find((delivery) => summaryOf(delivery) === 'doc_complete');
		const pdfReady = deliveries.find((delivery) => summaryOf(delivery).startsWith('pdf:'));
		const trigger = new TriggerHarness({ events: ['*', 'ready_document_pdf'] } as never, {
			webhook: webhookCredential(sbx, 'signature'),
		});
		const actual = {
			'trigger/document': (await trigger.deliver(completed!)).items[0].json,
			'trigger/ready_document_pdf': (await trigger.deliver(pdfReady!)).items[0].json,
		};
		for (const block of triggerExamples) {
			const kind = block.marker!.replace(/^output:\s*/, '') as keyof typeof actual;
			const documented = JSON.parse(block.text) as Record<string, unknown>;
			expect({ [kind]: fieldTypes(documented) }).toEqual({ [kind]: fieldTypes(actual[kind]) });
		}
	});
});

describe('README.md', () => {
	it('is at most 20 KB', () => {
		expect(statSync(join(root, 'README.md')).size).toBeLessThanOrEqual(20 * 1024);
	});
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsIn(text: string): Set<string> {
	const anchors = new Set<string>();
	const counts = new Map<string, number>();
	let fenced = false;
	for (const line of text.split('\n')) {
		if (line.trim().startsWith('```')) fenced = !fenced;
		const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (heading) {
			const slug = heading[1]
				.replace(/<[^>]*>/g, '')
				.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
				.toLowerCase()
				.replace(/[^\p{L}\p{N}\s_-]/gu, '')
				.replace(/\s/g, '-');
			const seen = counts.get(slug) ?? 0;
			anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
			counts.set(slug, seen + 1);
		}
		for (const id of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id[1]);
	}
	return anchors;
}

function anchorsOf(file: string): Set<string> {
	return anchorsIn(readFileSync(file, 'utf8'));
}

function relativeLinks(text: string): Array<{ target: string; line: number }> {
	const links: Array<{ target: string; line: number }> = [];
	let fenced = false;
	text.split('\n').forEach((line, index) => {
		if (line.trim().startsWith('```')) fenced = !fenced;
		if (fenced) return;
		const withoutCode = line.replace(/`[^`]*`/g, '');
		for (const match of withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
			const target = match[1];
			if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
			links.push({ target, line: index + 1 });
		}
	});
	return links;
}

function sourceFilesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? sourceFilesUnder(join(dir, entry.name))
			: /\.(ts|json)$/.test(entry.name)
				? [join(dir, entry.name)]
				: [],
	);
}

/** Links in `text` (the content of `file`) to files or headings that do not exist. */
function deadLinks(file: string, text = readFileSync(file, 'utf8')): string[] {
	const dead: string[] = [];
	for (const { target, line } of relativeLinks(text)) {
		const [path, anchor] = target.split('#');
		const linked = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
		if (!existsSync(linked)) {
			dead.push(`${line}: ${target} (no such file)`);
		} else if (anchor) {
			const anchors = linked === file ? anchorsIn(text) : anchorsOf(linked);
			if (linked.endsWith('.md') && !anchors.has(anchor))
				dead.push(`${line}: ${target} (no such heading)`);
		}
	}
	return dead;
}

describe('relative links in README.md, CONTRIBUTING.md and docs/*.md', () => {
	it.each(markdownFiles.map((file) => [relative(root, file), file]))(
		'%s links only to files and headings that exist',
		(_name, file) => {
			expect(existsSync(file)).toBe(true);
			expect(deadLinks(file)).toEqual([]);
		},
	);

	it('reports a missing file and a missing heading, with heading anchors made as GitHub makes them', () => {
		const text = [
			'## Document > Create Many (Bulk)',
			'## End-to-end tests in a real n8n: `npm run test:e2e`',
			'## Output',
			'## Output',
			'[a](#document--create-many-bulk) [b](#end-to-end-tests-in-a-real-n8n-npm-run-teste2e)',
			'[c](#output-1) [d](docs/triggers.md#security) [e](https://example.com/x#y) `[f](nowhere.md)`',
			'[g](docs/nowhere.md) [h](docs/triggers.md#no-such-heading) [i](#output-2)',
		].join('\n');
		expect(deadLinks(join(root, 'README.md'), text)).toEqual([
			'7: docs/nowhere.md (no such file)',
			'7: docs/triggers.md#no-such-heading (no such heading)',
			'7: #output-2 (no such heading)',
		]);
	});

	it('the README has every heading the nodes and credentials link to for their documentation', () => {
		// documentationUrl and the codex resource URLs point at README headings on GitHub.
		const sources = [join(root, 'nodes'), join(root, 'credentials')].flatMap(sourceFilesUnder);
		const linked = new Set(
			sources.flatMap((file) =>
				[
					...readFileSync(file, 'utf8').matchAll(
						/github\.com\/n8n-nodes-eformsign\/n8n-nodes-eformsign#([\w-]+)/g,
					),
				].map((match) => match[1]),
			),
		);
		expect(linked.size).toBeGreaterThan(0);
		const readme = anchorsOf(join(root, 'README.md'));
		expect([...linked].filter((anchor) => !readme.has(anchor))).toEqual([]);
	});
});
