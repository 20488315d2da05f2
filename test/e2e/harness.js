// A small sequential test runner for the real-n8n suite: the steps share one n8n and one sandbox
// and depend on each other's order (CLI runs before the server starts), which a parallel runner
// would fight. Ends with the line CI reads: "N passed, N failed".
const assert = require('node:assert/strict');

const results = [];
let currentSuite = '';

function now() {
	return Date.now();
}

/** Runs one named check; a failure is recorded and the run goes on. Returns whether it passed. */
async function test(name, fn, { timeoutMs = 120_000 } = {}) {
	const fullName = currentSuite ? `${currentSuite} › ${name}` : name;
	const started = now();
	let timer;
	try {
		await Promise.race([
			fn(),
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)),
					timeoutMs,
				);
			}),
		]);
		results.push({ name: fullName, ok: true, ms: now() - started });
		process.stdout.write(`  ✓ ${fullName} (${((now() - started) / 1000).toFixed(1)} s)\n`);
		return true;
	} catch (error) {
		results.push({ name: fullName, ok: false, ms: now() - started, error });
		process.stdout.write(`  ✗ ${fullName} (${((now() - started) / 1000).toFixed(1)} s)\n`);
		process.stdout.write(`${indent(error && error.stack ? error.stack : String(error))}\n`);
		return false;
	} finally {
		clearTimeout(timer);
	}
}

/** Records a check that could not run because what it needs failed earlier (counts as failed). */
function blocked(name, reason) {
	const fullName = currentSuite ? `${currentSuite} › ${name}` : name;
	results.push({ name: fullName, ok: false, ms: 0, error: new Error(reason) });
	process.stdout.write(`  ✗ ${fullName} (not run: ${reason})\n`);
}

function suite(name) {
	currentSuite = name;
	process.stdout.write(`\n${name}\n`);
}

function indent(text) {
	return text
		.split('\n')
		.slice(0, 30)
		.map((line) => `      ${line}`)
		.join('\n');
}

function summary() {
	const passed = results.filter((result) => result.ok).length;
	const failed = results.length - passed;
	if (failed > 0) {
		process.stdout.write('\nFailed:\n');
		for (const result of results.filter((entry) => !entry.ok)) {
			process.stdout.write(
				`  ✗ ${result.name}: ${String(result.error?.message ?? result.error).split('\n')[0]}\n`,
			);
		}
	}
	return { passed, failed, line: `${passed} passed, ${failed} failed` };
}

module.exports = { assert, blocked, suite, summary, test };
