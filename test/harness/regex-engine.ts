/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// n8n-workflow validates resource-locator values with regular expressions run in a `node:vm`
// context under a 250 ms *wall-clock* limit (n8n-workflow/dist/cjs/safe-regex.js). That guards a
// server against catastrophic patterns; on this project's 2-core CI, with two test runs side by
// side, a worker descheduled for a quarter second trips it on patterns as simple as ^[0-9a-f]{32}$
// ("Regular expression execution timed out"). The tests keep n8n's engine, sandboxed the same way,
// with a limit a busy machine cannot reach by accident. Every pattern our nodes declare is linear
// (test/package/regex-patterns.test.ts proves each one runs far below n8n's own limit).
import { createContext, Script } from 'node:vm';
import { setSafeRegexEngine } from 'n8n-workflow';

const LIMIT_MS = 10_000;

const context = createContext({ flags: '', input: '', pattern: '', replacement: '', result: undefined as unknown });
const scripts = {
	exec: new Script('result = new RegExp(pattern, flags).exec(input)'),
	test: new Script('result = new RegExp(pattern, flags).test(input)'),
	replace: new Script('result = input.replace(new RegExp(pattern, flags), replacement)'),
	matchAll: new Script('result = Array.from(input.matchAll(new RegExp(pattern, flags)))'),
	split: new Script('result = input.split(new RegExp(pattern, flags))'),
};

function run(script: Script, pattern: string, input: string, flags = '', replacement = ''): never {
	Object.assign(context, { pattern, input, flags, replacement, result: undefined });
	script.runInContext(context, { timeout: LIMIT_MS });
	return context.result as never;
}

setSafeRegexEngine({
	exec: (pattern, input, flags) => run(scripts.exec, pattern, input, flags),
	test: (pattern, input, flags) => run(scripts.test, pattern, input, flags),
	replace: (pattern, input, flags, replacement) => run(scripts.replace, pattern, input, flags, replacement),
	matchAll: (pattern, input, flags) =>
		run(scripts.matchAll, pattern, input, flags?.includes('g') ? flags : `${flags ?? ''}g`),
	split: (pattern, input, flags) => run(scripts.split, pattern, input, flags),
});
