// CPU time used by the process groups a script started (user + system, from Linux's /proc), so a
// benchmark can say where the work of a delivery went (main, workers, Postgres…) in CPU
// milliseconds, which a busy machine stretches far less than wall-clock time.
const { readFileSync, readdirSync } = require('node:fs');

/** Linux reports process times in USER_HZ ticks, 100 per second on every supported platform. */
const TICKS_PER_SECOND = 100;

/** Map<process group id, CPU ms> over every live process, including what they reaped from children. */
function cpuMsByGroup(groups) {
	const wanted = new Set(groups);
	const totals = new Map(groups.map((group) => [group, 0]));
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // exited meanwhile
		}
		// The command name may hold spaces and parentheses: the fields start after the last ")".
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const group = Number(fields[2]);
		if (!wanted.has(group)) continue;
		const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
		totals.set(group, totals.get(group) + (ticks * 1000) / TICKS_PER_SECOND);
	}
	return totals;
}

/**
 * A meter over named roles, each one or more process handles (`{ pid }`: every ProcessGroup child
 * leads its own group). `read()` gives CPU ms per role since `start()`.
 */
function cpuMeter(roles) {
	const groupsOf = (handles) => handles.filter(Boolean).map((handle) => handle.pid);
	const snapshot = () => {
		const totals = cpuMsByGroup(Object.values(roles).flatMap(groupsOf));
		return Object.fromEntries(
			Object.entries(roles).map(([role, handles]) => [
				role,
				groupsOf(handles).reduce((sum, group) => sum + totals.get(group), 0),
			]),
		);
	};
	let before = snapshot();
	return {
		start() {
			before = snapshot();
		},
		read() {
			const now = snapshot();
			return Object.fromEntries(Object.keys(roles).map((role) => [role, now[role] - before[role]]));
		},
	};
}

module.exports = { cpuMeter, cpuMsByGroup };
