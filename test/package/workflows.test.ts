/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// n8n lists verified community nodes only when they were published from a GitHub Action with an npm
// provenance statement (docs.n8n.io, "Community node verification guidelines"). These workflows are
// what makes that true, and nothing runs them before a release: this test is their only check.
const root = join(__dirname, '..', '..');

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, string>;
	env?: Record<string, string>;
}
interface Job {
	permissions?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

function workflow(file: string): Workflow {
	return parse(readFileSync(join(root, '.github', 'workflows', file), 'utf8')) as Workflow;
}

function onlyJob(file: string): Job {
	const jobs = Object.values(workflow(file).jobs);
	expect(jobs).toHaveLength(1);
	return jobs[0];
}

/** Index of the first step whose command line matches, or -1. */
function stepIndex(job: Job, command: RegExp): number {
	return job.steps.findIndex((step) => (step.run ?? '').split('\n').some((line) => command.test(line.trim())));
}

/** GitHub's filter pattern for tags, reduced to the parts these workflows use (`*` and literals). */
function tagFilterMatches(pattern: string, tag: string): boolean {
	const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
	return new RegExp(`^${source}$`).test(tag);
}

describe('.github/workflows/ci.yml', () => {
	it('runs on every push and pull request', () => {
		const { on } = workflow('ci.yml');
		expect(Object.keys(on).sort()).toEqual(['pull_request', 'push']);
		expect(on.push?.branches).toEqual(['**']);
	});

	it('installs with npm ci on Node 20, then runs npm test (lint, build, scanner, jest)', () => {
		const job = onlyJob('ci.yml');
		const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with?.['node-version']).toBe('20');
		const install = stepIndex(job, /^npm ci$/);
		const test = stepIndex(job, /^npm test$/);
		expect(install).toBeGreaterThan(-1);
		expect(test).toBeGreaterThan(install);
		const script = readFileSync(join(root, 'scripts', 'test.js'), 'utf8');
		for (const step of ["'lint'", "'build'", 'scan-package.mjs', "'jest'"]) expect(script).toContain(step);
	});
});

describe('.github/workflows/publish.yml', () => {
	it('runs only when a version tag is pushed', () => {
		const { on } = workflow('publish.yml');
		expect(Object.keys(on)).toEqual(['push']);
		expect(on.push?.branches).toBeUndefined();
		const tags = on.push?.tags ?? [];
		expect(tags).toEqual(['v*.*.*']);
		const matches = (tag: string) => tags.some((pattern) => tagFilterMatches(pattern, tag));
		expect(matches('v0.1.0')).toBe(true);
		expect(matches('v12.3.4')).toBe(true);
		expect(matches('0.1.0')).toBe(false);
		expect(matches('v1')).toBe(false);
	});

	it('may mint the OIDC token provenance needs, and may not write to the repository', () => {
		const { permissions } = workflow('publish.yml');
		const job = onlyJob('publish.yml');
		const granted = { ...permissions, ...job.permissions };
		expect(granted).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('publishes with provenance, publicly, with the token from a secret, after npm ci and npm test', () => {
		const job = onlyJob('publish.yml');
		const install = stepIndex(job, /^npm ci$/);
		const test = stepIndex(job, /^npm test$/);
		const publish = stepIndex(job, /^npm publish\b/);
		expect(install).toBeGreaterThan(-1);
		expect(test).toBeGreaterThan(install);
		expect(publish).toBeGreaterThan(test);

		const command = job.steps[publish].run?.trim().split(/\s+/) ?? [];
		expect(command).toEqual(expect.arrayContaining(['--provenance', '--access', 'public']));
		expect(command[command.indexOf('--access') + 1]).toBe('public');
		expect(job.steps[publish].env?.NODE_AUTH_TOKEN).toMatch(/^\$\{\{\s*secrets\.[A-Z_]+\s*\}\}$/);

		// setup-node writes the .npmrc line that hands NODE_AUTH_TOKEN to npm only when given a registry.
		const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with?.['registry-url']).toBe('https://registry.npmjs.org');
		expect(setupNode?.with?.['node-version']).toBe('20');
	});

	it('refuses a tag that does not match the version in package.json', () => {
		const job = onlyJob('publish.yml');
		const check = job.steps.findIndex((step) => /GITHUB_REF_NAME/.test(step.run ?? ''));
		expect(check).toBeGreaterThan(-1);
		expect(check).toBeLessThan(stepIndex(job, /^npm publish\b/));
		expect(job.steps[check].run).toMatch(/require\('\.\/package\.json'\)\.version/);
		expect(job.steps[check].run).toMatch(/exit 1/);
	});

	it('publishes from the GitHub repository that package.json names, as provenance requires', () => {
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
			repository: { type: string; url: string };
		};
		expect(manifest.repository.type).toBe('git');
		expect(manifest.repository.url).toMatch(/^(git\+)?https:\/\/github\.com\/[^/]+\/[^/]+?(\.git)?$/);
	});
});

describe('what CI runs, as docs/release.md tells it', () => {
	/** The row of the table under "What CI runs" whose first cell names `where`, as its commands in backticks. */
	function documented(where: string): string[] {
		const text = readFileSync(join(root, 'docs', 'release.md'), 'utf8');
		const section = text.split(/^## /m).find((part) => part.startsWith('What CI runs\n')) ?? '';
		const row = section.split('\n').find((line) => line.startsWith(`| \`${where}\``));
		expect(row).toBeDefined();
		const cells = (row ?? '').split(' | ');
		return [...cells[cells.length - 1].matchAll(/`([^`]+)`/g)].map((match) => match[1]).filter((command) => command.startsWith('npm '));
	}

	function workflowCommands(file: string): string[] {
		return onlyJob(file).steps.flatMap((step) => (step.run ?? '').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('npm ')));
	}

	it('.ci/run: npm ci, then every suite it sums up, in that order', () => {
		const script = readFileSync(join(root, '.ci', 'run'), 'utf8');
		const suites = [...script.matchAll(/^run_suite (.+)$/gm)].map((match) => match[1].trim());
		expect(script).toMatch(/^if ! npm ci; then$/m);
		expect(suites).toEqual([
			'npm test',
			'npm run bench -- --quick',
			'npm run test:e2e',
			'npm run test:e2e -- --n8n 1.123.81',
			'npm run test:queue',
		]);
		expect(documented('.ci/run')).toEqual(['npm ci', ...suites]);
	});

	it('the GitHub workflows: what their steps run', () => {
		expect(workflowCommands('ci.yml')).toEqual(documented('.github/workflows/ci.yml'));
		expect(workflowCommands('publish.yml')).toEqual(documented('.github/workflows/publish.yml'));
	});
});
