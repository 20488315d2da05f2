/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/** Operations per second of `work`, run for at least `minMs` (and at least `minRuns` times). */
export async function opsPerSecond(work: () => unknown, minMs: number, minRuns = 5): Promise<number> {
	for (let i = 0; i < Math.min(minRuns, 3); i++) await work();
	let runs = 0;
	const start = process.hrtime.bigint();
	let elapsedMs = 0;
	while (elapsedMs < minMs || runs < minRuns) {
		await work();
		runs++;
		elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
	}
	return runs / (elapsedMs / 1000);
}

export async function seconds(work: () => Promise<unknown>): Promise<number> {
	const start = process.hrtime.bigint();
	await work();
	return Number(process.hrtime.bigint() - start) / 1e9;
}

export function round(value: number, digits = 2): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}
