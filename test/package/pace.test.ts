/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { join } from 'node:path';

// scripts/lib/pace.js sizes every wait of the real-n8n suites from what the same run measured
// (issue 20): a deadline is a multiple of a baseline, a safety net only before the baseline exists,
// and its message says which of the two it was.

interface Pace {
	measured(name: string, ms: number): number;
	deadline(name: string, multiple: number, safetyNetMs: number, floorMs?: number): number;
	explain(name: string, multiple: number, safetyNetMs: number, floorMs?: number): string;
}

function freshPace(): Pace {
	const path = join(__dirname, '..', '..', 'scripts', 'lib', 'pace.js');
	let pace: Pace | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		pace = require(path) as Pace;
	});
	return pace!;
}

describe('deadlines from the same run (scripts/lib/pace.js)', () => {
	it('is the safety net until the baseline is measured, then a multiple of it', () => {
		const pace = freshPace();
		expect(pace.deadline('boot', 5, 900_000)).toBe(900_000);
		expect(pace.explain('boot', 5, 900_000)).toMatch(/safety net: boot was not measured yet/);
		pace.measured('boot', 40_000);
		expect(pace.deadline('boot', 5, 900_000)).toBe(200_000);
		expect(pace.explain('boot', 5, 900_000)).toBe(
			'3.3 min = 5 × boot (40.0 s, measured in this run)',
		);
	});

	it('keeps the first measurement: a later, slower one does not stretch the deadlines', () => {
		const pace = freshPace();
		pace.measured('boot', 20_000);
		pace.measured('boot', 90_000);
		expect(pace.deadline('boot', 3, 1)).toBe(60_000);
	});

	it('grows with a busier machine: the same multiple of a slower boot', () => {
		const idle = freshPace();
		const busy = freshPace();
		idle.measured('boot', 15_000);
		busy.measured('boot', 75_000);
		expect(busy.deadline('boot', 3, 1) / idle.deadline('boot', 3, 1)).toBe(5);
	});

	it('never goes below its floor', () => {
		const pace = freshPace();
		pace.measured('roundTrip', 3);
		expect(pace.deadline('roundTrip', 10, 60_000)).toBe(1000);
		expect(pace.deadline('roundTrip', 10, 60_000, 5000)).toBe(5000);
	});
});
