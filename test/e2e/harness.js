// A small sequential test runner for the real-n8n suite: the steps share one n8n and one sandbox
// and depend on each other's order (CLI runs before the server starts), which a parallel runner
// would fight. Ends with the line CI reads: "N passed, N failed".
const assert = require('node:assert/strict');

const { FIRST_BOOT_SAFETY_NET_MS, N8N_BOOT, deadline, explain } = require('../../scripts/lib/pace');

const results = [];
let currentSuite = '';
/** The check that is running, and when a check last started or ended (run.js's stall watchdog). */
const activity = { running: undefined, changedAt: Date.now() };

/**
 * A check that runs longer than 20 boots of n8n in this run has hung: its own waits all have
 * deadlines, so this only catches what they cannot (a request that never answers).
 */
const HANG_GUARD = [N8N_BOOT, 20, 2 * FIRST_BOOT_SAFETY_NET_MS];

function now() {
	return Date.now();
}

/**
 * Runs one named check; a failure is recorded and the run goes on. Returns whether it passed.
 * `timeoutMs` is for the steps that come before n8n was ever started (a safety net); every other
 * check gets the hang guard above.
 */
async function test(name, fn, { timeoutMs } = {}) {
	const fullName = currentSuite ? `${currentSuite} › ${name}` : name;
	const started = now();
	const limitMs = timeoutMs ?? deadline(...HANG_GUARD);
	const limitText =
		timeoutMs === undefined
			? `${explain(...HANG_GUARD)}; a hang guard, the check's own waits have their own deadlines`
			: `${(timeoutMs / 1000).toFixed(0)} s, a safety net`;
	let timer;
	activity.running = fullName;
	activity.changedAt = now();
	try {
		await Promise.race([
			fn(),
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`the check did not finish within ${limitText}`)),
					limitMs,
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
		activity.running = undefined;
		activity.changedAt = now();
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

module.exports = { activity, assert, blocked, suite, summary, test };
