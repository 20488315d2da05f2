/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';

// `npm test` builds before jest runs, so dist/ is what would be published.
const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	keywords: string[];
	license: string;
	n8n: { credentials: string[]; nodes: string[] };
};

describe('the published package', () => {
	it('ships only dist, README.md, LICENSE and package.json', () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
		) as Array<{ files: Array<{ path: string }> }>;
		const outside = packed.files.map((file) => file.path).filter((path) => !path.startsWith('dist/'));
		expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(packed.files.some((file) => file.path.endsWith('.tsbuildinfo'))).toBe(false);
		expect(packed.files.some((file) => /(^|\/)test\//.test(file.path))).toBe(false);
	});

	it('has no runtime dependencies and only n8n-workflow as peer', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.license).toBe('MIT');
	});

	it('registers files that exist, and n8n\'s own package loader loads them all', async () => {
		for (const path of [...manifest.n8n.credentials, ...manifest.n8n.nodes]) {
			expect(existsSync(join(root, path))).toBe(true);
		}
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		expect(Object.keys(loader.nodeTypes).sort()).toEqual(['eformsign', 'eformsignPollTrigger', 'eformsignTrigger']);
		expect(Object.keys(loader.credentialTypes).sort()).toEqual(['eformsignApi', 'eformsignWebhookApi']);
		expect(loader.getNode('eformsign').type.description.usableAsTool).toBe(true);
	});
});
