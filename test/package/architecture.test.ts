/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

// The shape CONTRIBUTING.md ("How it works") describes, kept by a test:
// - no import circle in nodes/ or credentials/ (type-only imports count: they tie the files together
//   for a reader just the same);
// - in nodes/shared/ and credentials/, module-level state (a `let`/`var`, or a Map, Set, WeakMap or
//   WeakSet) lives only in the session module, apart from the signer's cache of parsed keys. What
//   must outlive one execution lives where n8n persists it; the session module is the one place
//   that decides what module memory may add to that.
const root = join(__dirname, '..', '..');

/** Where module-level state is allowed, by file; `*` for every name in it. */
const STATE_ALLOWED: Record<string, string[]> = {
	'nodes/shared/session/index.ts': ['*'],
	// A cache of parsed private/public keys, bounded; losing it costs one parse.
	'nodes/shared/signature.ts': ['parsedKeys'],
};
const STATE_CHECKED = ['nodes/shared/', 'credentials/'];
const COLLECTIONS = ['Map', 'Set', 'WeakMap', 'WeakSet'];

type Sources = Record<string, string>;

function sourcesUnder(...folders: string[]): Sources {
	const sources: Sources = {};
	for (const folder of folders) {
		for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
			if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
			const path = relative(root, join(entry.parentPath, entry.name)).split('\\').join('/');
			sources[path] = readFileSync(join(root, path), 'utf8');
		}
	}
	return sources;
}

function parse(path: string, text: string): ts.SourceFile {
	return ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
}

/** The files of `sources` that `path` imports or re-exports (relative specifiers only). */
function importsOf(path: string, text: string, sources: Sources): string[] {
	const found: string[] = [];
	for (const statement of parse(path, text).statements) {
		const specifier =
			(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
			statement.moduleSpecifier &&
			ts.isStringLiteral(statement.moduleSpecifier)
				? statement.moduleSpecifier.text
				: undefined;
		if (!specifier?.startsWith('.')) continue;
		const base = join(dirname(path), specifier).split('\\').join('/');
		const target = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => candidate in sources);
		if (target) found.push(target);
	}
	return found;
}

/** Every import circle, each as the files in order with the first repeated at the end. */
function importCycles(sources: Sources): string[][] {
	const graph = new Map(Object.entries(sources).map(([path, text]) => [path, importsOf(path, text, sources)]));
	const cycles: string[][] = [];
	const done = new Set<string>();
	const visit = (path: string, trail: string[]) => {
		const open = trail.indexOf(path);
		if (open >= 0) {
			// Told from its alphabetically first file, so a circle reads the same however it was reached.
			const circle = trail.slice(open);
			const first = circle.indexOf([...circle].sort()[0]);
			const rotated = [...circle.slice(first), ...circle.slice(0, first)];
			cycles.push([...rotated, rotated[0]]);
			return;
		}
		if (done.has(path)) return;
		for (const next of graph.get(path) ?? []) visit(next, [...trail, path]);
		done.add(path);
	};
	for (const path of [...graph.keys()].sort()) visit(path, []);
	return cycles;
}

/** `path: name` for each module-level `let`/`var` or collection outside the allowed places. */
function moduleState(sources: Sources): string[] {
	const found: string[] = [];
	for (const [path, text] of Object.entries(sources)) {
		if (!STATE_CHECKED.some((folder) => path.startsWith(folder))) continue;
		const allowed = STATE_ALLOWED[path] ?? [];
		for (const statement of parse(path, text).statements) {
			if (!ts.isVariableStatement(statement)) continue;
			const mutable = !(statement.declarationList.flags & ts.NodeFlags.Const);
			for (const declaration of statement.declarationList.declarations) {
				const name = declaration.name.getText();
				const initializer = declaration.initializer;
				const collection =
					initializer !== undefined &&
					ts.isNewExpression(initializer) &&
					COLLECTIONS.includes(initializer.expression.getText());
				if ((mutable || collection) && !allowed.includes('*') && !allowed.includes(name)) {
					found.push(`${path}: ${name}`);
				}
			}
		}
	}
	return found.sort();
}

describe('the package layout', () => {
	const sources = sourcesUnder('nodes', 'credentials');

	it('reads the sources it checks', () => {
		expect(Object.keys(sources)).toEqual(
			expect.arrayContaining(['nodes/shared/session/index.ts', 'nodes/shared/transport.ts', 'credentials/EformsignApi.credentials.ts']),
		);
		for (const path of Object.keys(STATE_ALLOWED)) expect(existsSync(join(root, path))).toBe(true);
	});

	it('has no import circle in nodes/ or credentials/', () => {
		expect(importCycles(sources)).toEqual([]);
	});

	it('keeps module-level state of nodes/shared/ and credentials/ in the session module (and the signer key cache)', () => {
		expect(moduleState(sources)).toEqual([]);
	});

	it('would see a circle, also through a type-only import or a re-export', () => {
		const planted = {
			...sources,
			'nodes/shared/planted.ts': "import type { Session } from './session';\nexport type Planted = Session;\n",
			'nodes/shared/session/planted.ts': "export * from '../planted';\n",
			'nodes/shared/session/index.ts': `${sources['nodes/shared/session/index.ts']}\nexport * from './planted';\n`,
		};
		expect(importCycles(planted)).toEqual([
			['nodes/shared/planted.ts', 'nodes/shared/session/index.ts', 'nodes/shared/session/planted.ts', 'nodes/shared/planted.ts'],
		]);
	});

	it('would see module-level state anywhere else in nodes/shared/ or credentials/', () => {
		const planted = {
			...sources,
			'nodes/shared/transport.ts': `${sources['nodes/shared/transport.ts']}\nconst lastSeen = new WeakMap<object, number>();\n`,
			'nodes/shared/api/planted.ts': 'let calls = 0;\nexport const count = () => ++calls;\n',
			'credentials/planted.ts': 'export const known = new Set<string>();\n',
			'nodes/shared/signature.ts': `${sources['nodes/shared/signature.ts']}\nconst otherCache = new Map<string, string>();\n`,
		};
		expect(moduleState(planted)).toEqual([
			'credentials/planted.ts: known',
			'nodes/shared/api/planted.ts: calls',
			'nodes/shared/signature.ts: otherCache',
			'nodes/shared/transport.ts: lastSeen',
		]);
	});
});
