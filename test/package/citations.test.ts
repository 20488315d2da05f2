/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { citationProblems, citingFiles, repositoryAt, type Repository } from './citations';

// Every path, heading and section that README, docs/, CONTRIBUTING.md, the workflows, .ci/run,
// sandbox/README.md and the code comments cite must be there in the repository.
const root = join(__dirname, '..', '..');
const repository = repositoryAt(root);

// The section sign is written as an escape here, so that this file's own examples are no citations.
const SECTION = '\u00a7';

describe('citations in the repository', () => {
	it('checks the documents, workflows and code that cite', () => {
		const files = citingFiles(repository).map((entry) => entry.file);
		for (const file of [
			'README.md',
			'CONTRIBUTING.md',
			'docs/api/eformsign-api-notes.md',
			'.github/workflows/ci.yml',
			'.ci/run',
			'sandbox/README.md',
			'nodes/shared/errors.ts',
			'credentials/EformsignApi.credentials.ts',
			'sandbox/auth.ts',
			'test/harness/clock.ts',
			'scripts/lib/n8n.js',
			'bench/run.ts',
		]) {
			expect(files).toContain(file);
		}
	});

	it('lead somewhere: every cited path exists, every cited heading and section is there', () => {
		const problems = citingFiles(repository).flatMap(({ file, kind }) =>
			citationProblems(file, readFileSync(join(root, file), 'utf8'), kind, repository).map(
				(found) => `${found.file}:${found.line} ${found.problem}`,
			),
		);
		expect(problems).toEqual([]);
	});

	it('fail on a planted bad path and a planted bad heading in a real file', () => {
		const file = 'nodes/shared/codes.ts';
		const real = readFileSync(join(root, file), 'utf8');
		expect(citationProblems(file, real, 'code', repository)).toEqual([]);
		const planted = `${real}\n// Planted: nodes/shared/noSuchFile.ts and (docs/api/eformsign-api-notes.md, "No Such Heading").\n`;
		const line = planted.split('\n').length - 1;
		expect(citationProblems(file, planted, 'code', repository)).toEqual([
			{ file, line, problem: 'cites nodes/shared/noSuchFile.ts, which does not exist' },
			{ file, line, problem: 'cites "No Such Heading" in docs/api/eformsign-api-notes.md, which has no such heading' },
		]);
	});
});

describe('the citation rules, on written examples', () => {
	const notes = ['# Notes', '', '## Errors', '', '### Create document (external writer)', '', '## The `document` object', ''].join('\n');
	const numbered = ['# Reference', '', '## 2. Authentication', '', '### 2.4 Issue a token', ''].join('\n');
	const example: Repository = {
		paths: [
			'docs/',
			'docs/notes.md',
			'docs/reference.md',
			'nodes/',
			'nodes/Eformsign/',
			'nodes/Eformsign/actions/',
			'nodes/Eformsign/actions/document/',
			'nodes/Eformsign/actions/document/create.operation.ts',
			'nodes/shared/',
			'nodes/shared/errors.ts',
			'README.md',
		],
		markdown: (path) => ({ 'docs/notes.md': notes, 'docs/reference.md': numbered })[path],
	};
	const problemsIn = (text: string, kind: 'markdown' | 'code' | 'shell' = 'markdown', file = 'docs/page.md') =>
		citationProblems(file, text, kind, example).map((found) => found.problem);

	it('a path: a file, a folder, a placeholder or a wildcard that matches, else a problem', () => {
		expect(
			problemsIn(
				'See nodes/shared/errors.ts, nodes/shared/, nodes/Eformsign/actions/<resource>/<operation>.operation.ts, docs/*.md and README.md.',
			),
		).toEqual([]);
		expect(problemsIn('See nodes/shared/missing.ts and docs/*.txt.')).toEqual([
			'cites nodes/shared/missing.ts, which does not exist',
			'cites docs/*.txt, which does not exist',
		]);
	});

	it('not a path: part of a URL, of another path, or of a word', () => {
		expect(
			problemsIn(
				'https://github.com/n8n-io/n8n/tree/master/packages/nodes-base/nodes/Airtable, ../sandbox/missing.ts, dist/nodes/x.js, ~/.cache/test/x, subnodes/x',
			),
		).toEqual([]);
	});

	it('a heading, in both forms, with several headings, and across a comment line break', () => {
		expect(problemsIn('(docs/notes.md, "Errors") and "Create document (external writer)" in docs/notes.md')).toEqual([]);
		expect(problemsIn('docs/notes.md, "Errors", "The document object" and "Create document (external writer)"')).toEqual([]);
		expect(problemsIn('/**\n * Read the errors (docs/notes.md,\n * "Errors").\n */\nexport {};\n', 'code', 'nodes/x.ts')).toEqual([]);
		expect(problemsIn('docs/notes.md, "Errors" and "Warnings"; "Get" in docs/notes.md')).toEqual([
			'cites "Warnings" in docs/notes.md, which has no such heading',
			'cites "Get" in docs/notes.md, which has no such heading',
		]);
		expect(problemsIn('/** (docs/notes.md,\n * "Erors") */\nexport {};\n', 'code', 'nodes/x.ts')).toEqual([
			'cites "Erors" in docs/notes.md, which has no such heading',
		]);
		expect(problemsIn('docs/other.md, "Errors"')).toEqual([
			'cites docs/other.md, which does not exist',
			'cites headings of docs/other.md, which is not a Markdown file of the repository',
		]);
	});

	it('in code, only comments cite paths and headings; a section sign cites anywhere', () => {
		const code = `const path = 'nodes/missing.ts';\nconst title = 'docs/notes.md, "Nope"';\ndescribe('create (${SECTION}4.1)', () => {});\n`;
		expect(problemsIn(code, 'code', 'test/x.test.ts')).toEqual([
			`cites ${SECTION}4.1, which is no numbered heading of a Markdown file named with it`,
		]);
	});

	it(`a section sign resolves only to a numbered heading of a Markdown file on the same line`, () => {
		expect(problemsIn(`docs/reference.md ${SECTION}2.4 and ${SECTION}2 are there`)).toEqual([]);
		expect(problemsIn(`docs/reference.md ${SECTION}2.5\nan outside reference ${SECTION}2.4`)).toEqual([
			`cites ${SECTION}2.5, which is no numbered heading of a Markdown file named with it`,
			`cites ${SECTION}2.4, which is no numbered heading of a Markdown file named with it`,
		]);
	});

	it('in a workflow or shell script, comments and commands alike', () => {
		expect(problemsIn('# Release steps: docs/release.md.\nrun: node scripts/test.js\n', 'shell', '.github/workflows/x.yml')).toEqual([
			'cites docs/release.md, which does not exist',
			'cites scripts/test.js, which does not exist',
		]);
	});
});
