#!/usr/bin/env node
// Proves that an n8n install can do what a user needs from it, not merely print its version:
// SQLite opens and writes a database file (n8n's default store), and isolated-vm evaluates an
// expression (n8n's default expression engine). Both are native modules; an install whose build
// step was skipped (npm's ignore-scripts, inherited from a caller under `npm run`) still prints
// its version but fails at the first real use.
//   node scripts/lib/runtime-check.js <n8n install folder>
// Exits 0 when both work; otherwise prints which module failed and why, and exits 1.
// Run it with the Node that runs n8n: native bindings are built for one Node ABI.
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const { createRequire } = require('node:module');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** The module as n8n itself would load it: resolved from n8n's packages, nested copies included. */
function requireFromInstall(installDir, name) {
	const modules = join(installDir, 'node_modules');
	const anchors = [
		join(modules, 'n8n', 'package.json'),
		join(modules, 'n8n-workflow', 'package.json'),
		join(modules, '@n8n', 'expression-runtime', 'package.json'),
		join(modules, 'n8n-core', 'package.json'),
	];
	const errors = [];
	for (const anchor of anchors.filter((path) => existsSync(path))) {
		try {
			return createRequire(anchor)(name);
		} catch (error) {
			errors.push(error);
			// A missing binding is the finding; a module that is simply not visible from this anchor
			// may still be visible from the next one.
			if (error.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes(`'${name}'`)) {
				throw error;
			}
		}
	}
	throw errors[0] ?? new Error(`${name} is not installed under ${modules}`);
}

function checkSqlite(installDir, folder) {
	const sqlite3 = requireFromInstall(installDir, 'sqlite3');
	return new Promise((resolve, reject) => {
		const db = new sqlite3.Database(join(folder, 'check.sqlite'), (openError) => {
			if (openError) return reject(openError);
			db.serialize(() => {
				db.run('CREATE TABLE probe (value TEXT)');
				db.run("INSERT INTO probe VALUES ('ok')");
				db.get('SELECT value FROM probe', (error, row) => {
					db.close();
					if (error) reject(error);
					else if (row?.value !== 'ok') reject(new Error(`read back ${JSON.stringify(row)}`));
					else resolve();
				});
			});
		});
	});
}

function checkIsolatedVm(installDir) {
	const ivm = requireFromInstall(installDir, 'isolated-vm');
	const isolate = new ivm.Isolate({ memoryLimit: 16 });
	try {
		const context = isolate.createContextSync();
		const value = context.evalSync('[1, 2, 3].map((n) => n * 2).join(",")');
		if (value !== '2,4,6') throw new Error(`evaluated to ${JSON.stringify(value)}`);
	} finally {
		isolate.dispose();
	}
}

async function main() {
	const installDir = process.argv[2];
	if (!installDir || !existsSync(join(installDir, 'node_modules'))) {
		process.stderr.write(`runtime-check: no node_modules under ${installDir ?? '(no folder given)'}\n`);
		process.exit(2);
	}
	const folder = mkdtempSync(join(tmpdir(), 'n8n-runtime-check-'));
	const failures = [];
	try {
		try {
			await checkSqlite(installDir, folder);
		} catch (error) {
			failures.push(`SQLite (the sqlite3 module) cannot open a database: ${firstLine(error)}`);
		}
		try {
			checkIsolatedVm(installDir);
		} catch (error) {
			failures.push(`isolated-vm cannot evaluate an expression: ${firstLine(error)}`);
		}
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
	if (failures.length > 0) {
		for (const failure of failures) process.stderr.write(`runtime-check: ${failure}\n`);
		process.exit(1);
	}
}

function firstLine(error) {
	return String(error?.message ?? error).split('\n')[0];
}

void main();
