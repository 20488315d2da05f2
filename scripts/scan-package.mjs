#!/usr/bin/env node
// Runs the analyzer of n8n's verification scanner (@n8n/scan-community-package) offline, the way
// its CLI runs it on a published version (node_modules/@n8n/scan-community-package/scanner/scanner.mjs,
// analyzePackageByName): once on the sources (package.json, nodes/, credentials/) and once on the
// packed tarball (compiled .js and the packed package.json). The CLI first downloads the package
// and its attested source from the registry and GitHub; only those downloads are skipped here.
// The provenance check cannot run before publishing: the publish workflow
// (.github/workflows/publish.yml) is what gives the package its provenance.
// Needs a built dist/. Exits 1 and prints every finding when the scanner would reject the package.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const scannerPackage = dirname(require.resolve('@n8n/scan-community-package/package.json'));
const scannerModule = join(scannerPackage, 'scanner', 'scanner.mjs');

// scanner.mjs creates a temp folder when it is loaded; tmp only removes it at exit when asked to.
createRequire(scannerModule)('tmp').setGracefulCleanup();
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerModule).href);
const glob = createRequire(scannerModule)('fast-glob');

/** The version of `name` as `fromFile` loads it (its package.json is not always exported). */
function versionSeenFrom(fromFile, name) {
	let folder = dirname(createRequire(fromFile).resolve(name));
	for (;;) {
		const manifest = join(folder, 'package.json');
		if (existsSync(manifest)) {
			const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8'));
			if (found === name) return version;
		}
		folder = dirname(folder);
	}
}
const scannerVersion = require('@n8n/scan-community-package/package.json').version;
const pluginVersion = versionSeenFrom(scannerModule, '@n8n/eslint-plugin-community-nodes');

function packTarball(into) {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const packed = spawnSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', into], {
		cwd: root,
		encoding: 'utf8',
		shell: process.platform === 'win32',
	});
	if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
	const tarball = readdirSync(into).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack wrote no tarball');
	const extracted = join(into, 'package');
	const untar = spawnSync('tar', ['-xzf', join(into, tarball), '-C', into], { encoding: 'utf8' });
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	return extracted;
}

const workFolder = mkdtempSync(join(tmpdir(), 'eformsign-scan-'));
let failed = false;
try {
	process.stdout.write(
		`@n8n/scan-community-package ${scannerVersion} (@n8n/eslint-plugin-community-nodes ${pluginVersion})\n`,
	);
	const legs = [
		['sources (package.json, nodes/, credentials/)', root, SOURCE_FILE_PATTERNS],
		['packed tarball (compiled .js, package.json)', packTarball(workFolder), ['**/*.js', 'package.json']],
	];
	for (const [label, folder, patterns] of legs) {
		// The analyzer passes a folder where its patterns match nothing; that would prove nothing.
		const files = glob.sync(patterns, { cwd: folder, ignore: ['node_modules/**', '**/package-lock.json'] });
		if (files.length < 2) {
			failed = true;
			process.stdout.write(`  ${label}: only ${files.length} file(s) to scan, is dist/ built?\n`);
			continue;
		}
		const result = await analyzePackage(folder, patterns);
		if (result.passed) {
			process.stdout.write(`  ${label}: ${files.length} files, 0 findings\n`);
		} else {
			failed = true;
			process.stdout.write(`  ${label}: ${result.message}\n${result.details ?? ''}\n`);
		}
	}
} finally {
	rmSync(workFolder, { recursive: true, force: true });
}
process.stdout.write(failed ? 'The scanner rejects this package.\n' : 'The scanner accepts this package.\n');
process.exit(failed ? 1 : 0);
