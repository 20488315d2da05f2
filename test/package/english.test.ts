/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// n8n's UX guidelines for community nodes ask for English in every display name, description,
// placeholder, codex alias and error message. Output schemas (`__schema__`) describe eformsign's
// data and may hold its Korean values.
const root = join(__dirname, '..', '..');

/** Hangul syllables and jamo, and the Japanese kana and CJK ideographs eformsign's console also uses. */
const NON_ENGLISH_SCRIPT = /[\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u4E00-\u9FFF\uAC00-\uD7A3]+/gu;

/**
 * Example data that has to stay as eformsign shows it (for instance a template field literally
 * named 이름), by file. Keep it small: UI text is never example data.
 */
const EXAMPLE_DATA: Record<string, string[]> = {};

function sourceFiles(folder: string): string[] {
	return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
		.filter((path) => !path.split('/').includes('__schema__'));
}

function nonEnglishIn(path: string): string[] {
	const text = readFileSync(join(root, path), 'utf8');
	const allowed = new Set(EXAMPLE_DATA[path] ?? []);
	return [...text.matchAll(NON_ENGLISH_SCRIPT)].map((match) => match[0]).filter((word) => !allowed.has(word));
}

describe('English only in nodes/ and credentials/', () => {
	const files = [...sourceFiles('nodes'), ...sourceFiles('credentials')];

	it('finds the sources it checks', () => {
		expect(files).toEqual(expect.arrayContaining(['credentials/EformsignApi.credentials.ts', 'nodes/Eformsign/Eformsign.node.json']));
	});

	it('has no Korean, Japanese or Chinese text outside output schemas and the example data', () => {
		const found = Object.fromEntries(
			files.map((path) => [path, nonEnglishIn(path)]).filter(([, words]) => words.length > 0),
		);
		expect(found).toEqual({});
	});

	it("names console menus as eformsign's English console does (Integration > API / Webhook)", () => {
		const koreanMenuNames = /Connect > API|API key management|Webhook management/;
		const found = files.filter((path) => koreanMenuNames.test(readFileSync(join(root, path), 'utf8')));
		expect(found).toEqual([]);
	});
});
