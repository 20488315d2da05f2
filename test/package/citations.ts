/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Finds the citations a maintainer follows from one file to another and says which ones lead
// nowhere: a repository path that does not exist, a heading that a Markdown file does not have, a
// section sign that names no section of a file in the repository. Pure functions over a file's text
// and a Repository, so the rules are tested on written examples as well as on the whole tree
// (test/package/citations.test.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import * as ts from 'typescript';

export interface Repository {
	/** Every file and folder of the repository, relative to its root, with `/` separators; folders end with `/`. */
	paths: string[];
	/** The text of a Markdown file of the repository, or undefined when there is none at that path. */
	markdown(path: string): string | undefined;
}

export type SourceKind = 'markdown' | 'code' | 'shell';

export interface CitationProblem {
	file: string;
	line: number;
	problem: string;
}

/** Folders and files at the top of the repository that a citation can start with. */
const ROOT_FOLDERS = ['nodes', 'credentials', 'sandbox', 'test', 'scripts', 'bench', 'docs', 'examples', 'icons', '.github', '.ci'];
const ROOT_FILES = [
	'README.md',
	'CONTRIBUTING.md',
	'LICENSE',
	'package.json',
	'package-lock.json',
	'jest.config.js',
	'gulpfile.js',
	'eslint.config.mjs',
	'tsconfig.json',
	'tsconfig.bench.json',
	'tsconfig.sandbox.json',
	'tsconfig.scripts.json',
	'tsconfig.test.json',
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A repository path in running text: one of the root folders followed by `/` and path characters,
 * or one of the root files. Not when it continues another path or a URL (`../sandbox`,
 * `n8n/packages/nodes-base/nodes/…`, `dist/nodes/…`), and not inside a word.
 */
const PATH = new RegExp(
	`(?<![\\w./@~\\-])(?:(?:${ROOT_FOLDERS.map(escape).join('|')})/[\\w.\\-/<>*]*|(?:${ROOT_FILES.map(escape).join('|')})(?![\\w\\-]))`,
	'g',
);

/**
 * A Markdown path, a comma and quoted headings, more of them after `,` or `and`:
 * `docs/api/eformsign-api-notes.md, "Delete" and "Cancel"`.
 */
const QUOTED = '"([^"\\n]+)"';
const MORE_QUOTED = `(?:\\s*(?:,|and|,\\s*and)\\s*"[^"\\n]+")*`;
const PATH_THEN_HEADINGS = new RegExp(`([\\w./\\-]+\\.md),\\s*(${QUOTED}${MORE_QUOTED})`, 'g');
/** Quoted headings, then `in` and a Markdown path: `"Bulk create" in docs/api/eformsign-api-notes.md`. */
const HEADINGS_THEN_PATH = new RegExp(`("[^"\\n]+"${MORE_QUOTED})\\s+in\\s+([\\w./\\-]+\\.md)\\b`, 'g');
/** A section sign and a section number, such as 2.4, 8 or 5c. */
const SECTION = /§\s*(\d+(?:\.\d+)*[a-z]?)/g;

function lineAt(text: string, index: number): number {
	return text.slice(0, index).split('\n').length;
}

/**
 * The comments of a TypeScript or JavaScript file, each with its offset. The parser tells comments
 * from strings, template literals and regular expressions; every comment sits in the trivia at the
 * start or the end of some node, which is where they are looked for.
 */
export function commentsOf(fileName: string, text: string): Array<{ start: number; text: string }> {
	const kind = fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
	const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
	const seen = new Map<number, string>();
	const collectAt = (position: number) => {
		for (const ranges of [ts.getLeadingCommentRanges(text, position), ts.getTrailingCommentRanges(text, position)]) {
			for (const range of ranges ?? []) seen.set(range.pos, text.slice(range.pos, range.end));
		}
	};
	const visit = (node: ts.Node) => {
		collectAt(node.pos);
		collectAt(node.end);
		ts.forEachChild(node, visit);
	};
	collectAt(0);
	visit(source);
	return [...seen.entries()].sort(([a], [b]) => a - b).map(([start, comment]) => ({ start, text: comment }));
}

/**
 * A comment (or a shell script) as prose: comment marks at line starts are blanked out, keeping
 * every offset, so a citation that a line break splits after its comma reads as one.
 */
function asProse(comment: string): string {
	return comment
		.replace(/^(\s*)(\/\*\*?|\*\/|\*|\/\/|#)/gm, (_, space: string, mark: string) => space + ' '.repeat(mark.length))
		.replace(/\*\/$/, '  ');
}

/** The headings of a Markdown text (outside fenced code), with and without their inline-code marks. */
export function headingsOf(markdown: string): Set<string> {
	const headings = new Set<string>();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		if (fenced) continue;
		const match = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
		if (!match) continue;
		headings.add(match[1]);
		headings.add(match[1].replace(/`/g, ''));
	}
	return headings;
}

/** A cited path, with `<placeholder>` and `*` standing for any name, as a test over repository paths. */
function pathMatcher(cited: string): (path: string) => boolean {
	if (!/[<>*]/.test(cited)) return (path) => path === cited || path === cited.replace(/\/?$/, '/');
	const pattern = cited
		.split(/(<[^>]*>|\*+)/)
		.map((part) => (part.startsWith('<') || part.startsWith('*') ? '[^/]+' : escape(part)))
		.join('');
	const regex = new RegExp(`^${pattern}/?$`);
	return (path) => regex.test(path);
}

function cleanPath(raw: string): string {
	return raw.replace(/[.,:;]+$/, '').replace(/#.*$/, '');
}

function quotedIn(list: string): string[] {
	return [...list.matchAll(/"([^"\n]+)"/g)].map((match) => match[1]);
}

/** Problems with the citations in `text`, which is the content of `file`. */
export function citationProblems(file: string, text: string, kind: SourceKind, repository: Repository): CitationProblem[] {
	const problems: CitationProblem[] = [];
	const report = (index: number, problem: string) => problems.push({ file, line: lineAt(text, index), problem });
	const pieces =
		kind === 'markdown'
			? [{ start: 0, text }]
			: kind === 'shell'
				? [{ start: 0, text: asProse(text) }]
				: commentsOf(file, text).map((comment) => ({ start: comment.start, text: asProse(comment.text) }));

	const resolveMarkdown = (cited: string): { path: string; markdown: string } | undefined => {
		for (const path of [cited, posix.join(posix.dirname(file), cited)]) {
			const markdown = repository.markdown(path);
			if (markdown !== undefined) return { path, markdown };
		}
		return undefined;
	};
	const checkHeadings = (index: number, cited: string, headings: string[]) => {
		const target = resolveMarkdown(cited);
		if (!target) {
			report(index, `cites headings of ${cited}, which is not a Markdown file of the repository`);
			return;
		}
		const known = headingsOf(target.markdown);
		for (const heading of headings) {
			if (!known.has(heading)) report(index, `cites "${heading}" in ${target.path}, which has no such heading`);
		}
	};

	for (const piece of pieces) {
		for (const match of piece.text.matchAll(PATH)) {
			const cited = cleanPath(match[0]);
			const matches = pathMatcher(cited);
			if (!repository.paths.some(matches)) report(piece.start + (match.index ?? 0), `cites ${cited}, which does not exist`);
		}
		for (const match of piece.text.matchAll(PATH_THEN_HEADINGS)) {
			checkHeadings(piece.start + (match.index ?? 0), match[1], quotedIn(match[2]));
		}
		for (const match of piece.text.matchAll(HEADINGS_THEN_PATH)) {
			checkHeadings(piece.start + (match.index ?? 0), match[2], quotedIn(match[1]));
		}
	}

	// A "§" is a citation wherever it stands (comments, strings, prose). It resolves only to a
	// numbered heading of a Markdown file named on the same line.
	text.split('\n').forEach((line, lineIndex) => {
		for (const match of line.matchAll(SECTION)) {
			const files = [...line.matchAll(/([\w./-]+\.md)\b/g)].map((found) => resolveMarkdown(found[1])).filter((found) => found !== undefined);
			const numbered = (heading: string) => new RegExp(`^${escape(match[1])}[.\\s]`).test(heading);
			const resolved = files.some((target) => [...headingsOf(target.markdown)].some(numbered));
			if (!resolved) problems.push({ file, line: lineIndex + 1, problem: `cites §${match[1]}, which is no numbered heading of a Markdown file named with it` });
		}
	});
	return problems;
}

/** Folders that hold what the repository produces or installs, not what it is. */
const NOT_THE_REPOSITORY = new Set(['node_modules', '.git', 'dist', '.build', '.tmp', '.dev', 'coverage']);

/** The repository as it is on disk under `root`. */
export function repositoryAt(root: string): Repository {
	const paths: string[] = [];
	const walk = (relative: string) => {
		for (const name of readdirSync(join(root, relative))) {
			if (NOT_THE_REPOSITORY.has(name)) continue;
			const path = relative ? `${relative}/${name}` : name;
			if (statSync(join(root, path)).isDirectory()) {
				paths.push(`${path}/`);
				walk(path);
			} else paths.push(path);
		}
	};
	walk('');
	const files = new Set(paths);
	return {
		paths,
		markdown: (path) => {
			const normalized = posix.normalize(path);
			return normalized.endsWith('.md') && files.has(normalized) ? readFileSync(join(root, normalized), 'utf8') : undefined;
		},
	};
}

/** Which files are checked, and how each is read. */
export function citingFiles(repository: Repository): Array<{ file: string; kind: SourceKind }> {
	const files: Array<{ file: string; kind: SourceKind }> = [];
	for (const path of repository.paths) {
		if (path.endsWith('/')) continue;
		if (['README.md', 'CONTRIBUTING.md', 'sandbox/README.md'].includes(path) || /^docs\/.*\.md$/.test(path)) {
			files.push({ file: path, kind: 'markdown' });
		} else if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) || path === '.ci/run' || /^scripts\/.*\.sh$/.test(path)) {
			files.push({ file: path, kind: 'shell' });
		} else if (/^(nodes|credentials|sandbox|test|scripts|bench)\/.*\.(ts|js|mjs|cjs)$/.test(path)) {
			files.push({ file: path, kind: 'code' });
		}
	}
	return files;
}
