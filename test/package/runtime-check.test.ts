/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// scripts/lib/runtime-check.js decides whether a cached n8n install is trusted. An install whose
// native build step was skipped printed its version and was trusted for good; the check must
// refuse it. The modules here are stand-ins for sqlite3 and isolated-vm, which is the point:
// the checker is the thing under test, and it must tell a working module from a broken one.
const checker = join(__dirname, '..', '..', 'scripts', 'lib', 'runtime-check.js');

const WORKING_SQLITE = `
class Database {
	constructor(file, callback) { this.rows = []; setImmediate(() => callback(null)); }
	serialize(fn) { fn(); }
	run(sql) { const match = /VALUES \\('(.*)'\\)/.exec(sql); if (match) this.rows.push({ value: match[1] }); }
	get(sql, callback) { setImmediate(() => callback(null, this.rows[0])); }
	close() {}
}
module.exports = { Database };`;
const WORKING_ISOLATED_VM = `
const vm = require('node:vm');
class Isolate {
	createContextSync() { const context = vm.createContext({}); return { evalSync: (code) => vm.runInContext(code, context) }; }
	dispose() {}
}
module.exports = { Isolate };`;
// What an install with skipped build scripts looks like: the JS is there, the binding is not.
const sqliteWithoutBinding = "module.exports = require('./build/Release/node_sqlite3.node');";
const isolatedVmWithoutBinding = "module.exports = require('./out/isolated_vm.node');";

let folders: string[] = [];
afterEach(() => {
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
	folders = [];
});

function fakeInstall(modules: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'runtime-check-test-'));
	folders.push(root);
	const files: Record<string, string> = {
		'node_modules/n8n/package.json': '{"name":"n8n","version":"0.0.0"}',
	};
	for (const [name, source] of Object.entries(modules)) {
		files[`node_modules/${name}/package.json`] = JSON.stringify({ name, main: 'index.js' });
		files[`node_modules/${name}/index.js`] = source;
	}
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), content);
	}
	return root;
}

function check(installDir: string) {
	const result = spawnSync(process.execPath, [checker, installDir], { encoding: 'utf8' });
	return { code: result.status, stderr: result.stderr };
}

describe('the n8n runtime check (scripts/lib/runtime-check.js)', () => {
	it('accepts an install whose SQLite opens and whose isolated-vm evaluates', () => {
		const result = check(fakeInstall({ sqlite3: WORKING_SQLITE, 'isolated-vm': WORKING_ISOLATED_VM }));
		expect(result).toEqual({ code: 0, stderr: '' });
	});

	it('refuses an install whose sqlite3 has no native binding, and says which module', () => {
		const result = check(fakeInstall({ sqlite3: sqliteWithoutBinding, 'isolated-vm': WORKING_ISOLATED_VM }));
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('SQLite (the sqlite3 module) cannot open a database');
		expect(result.stderr).toContain('node_sqlite3.node');
		expect(result.stderr).not.toContain('isolated-vm');
	});

	it('refuses an install whose isolated-vm has no native binding', () => {
		const result = check(fakeInstall({ sqlite3: WORKING_SQLITE, 'isolated-vm': isolatedVmWithoutBinding }));
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('isolated-vm cannot evaluate an expression');
		expect(result.stderr).not.toContain('SQLite');
	});

	it('refuses an install that lacks the modules altogether, and a folder with no install', () => {
		const missing = check(fakeInstall({}));
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/SQLite[^\n]*sqlite3/);
		expect(missing.stderr).toMatch(/isolated-vm cannot evaluate/);
		expect(check(join(tmpdir(), 'no-such-runtime-folder')).code).toBe(2);
	});
});
