// How long n8n takes on this machine, measured in the same run, so that waits grow with the
// machine's load instead of holding a suite to absolute seconds (CONTRIBUTING, "Tests on a busy
// machine"). A deadline is a generous multiple of a baseline measured earlier in the run; before
// that baseline exists it is a safety net, and either way its expiry says what it waited for.
//
// Baselines (the first measurement of each counts):
// - `n8nBoot`: the first n8n command of the run (a CLI import, or the first server start) from
//   spawn to done: loading n8n, its database and the community package. Every later n8n start,
//   CLI run and publication is a multiple of it.
// - others a suite records itself (for example the time one webhook execution takes).

const baselines = new Map();

/** Records `ms` as the baseline `name`, unless one was measured already. Returns the baseline. */
function measured(name, ms) {
	if (!baselines.has(name)) baselines.set(name, Math.max(ms, 1));
	return baselines.get(name);
}

function baseline(name) {
	return baselines.get(name);
}

/**
 * `multiple` × the baseline `name`, or `safetyNetMs` while it is not measured (the first time a
 * thing happens in a run). Never below `floorMs` (default 1 s): a tiny baseline times a multiple
 * is still no time for a busy machine to be late by.
 */
function deadline(name, multiple, safetyNetMs, floorMs = 1000) {
	const base = baselines.get(name);
	if (base === undefined) return safetyNetMs;
	return Math.max(Math.round(base * multiple), floorMs);
}

/** "12.3 s" or "2.1 min": how a deadline reads in a message. */
function readable(ms) {
	return ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
}

/** Says where a deadline came from, for the message of a wait that expired. */
function explain(name, multiple, safetyNetMs, floorMs) {
	const base = baselines.get(name);
	const ms = deadline(name, multiple, safetyNetMs, floorMs);
	return base === undefined
		? `${readable(ms)}, a safety net: ${name} was not measured yet in this run`
		: `${readable(ms)} = ${multiple} × ${name} (${readable(base)}, measured in this run)`;
}

/** Runs `fn` and records its duration as the baseline `name` if it succeeds. */
async function timedBaseline(name, fn) {
	const started = Date.now();
	const result = await fn();
	measured(name, Date.now() - started);
	return result;
}

const N8N_BOOT = 'n8nBoot';
/** The first n8n command of a run, before anything was measured: a cold cache, a busy machine. */
const FIRST_BOOT_SAFETY_NET_MS = 15 * 60 * 1000;

module.exports = {
	FIRST_BOOT_SAFETY_NET_MS,
	N8N_BOOT,
	baseline,
	deadline,
	explain,
	measured,
	readable,
	timedBaseline,
};
