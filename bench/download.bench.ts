/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { round } from './measure';

function peakRatio(mode: 'filesystem' | 'memory', operation: 'single' | 'many' = 'single'): number {
	const output = execFileSync(process.execPath, ['--expose-gc', join(__dirname, 'download.child.js'), mode, operation], {
		encoding: 'utf8',
		env: process.env,
		maxBuffer: 1024 * 1024,
	});
	const line = output.trim().split('\n').pop() ?? '{}';
	const { peakIncrease, size } = JSON.parse(line) as { peakIncrease: number; size: number };
	return peakIncrease / size;
}

/**
 * Peak RSS increase while 100 MB are downloaded into n8n binary data, / file size: one PDF
 * (Download), and a ZIP of two 50 MB PDFs (Download Many).
 */
export async function downloadBenchmark() {
	return {
		download_100mb_peak_rss_ratio: round(peakRatio('filesystem'), 3),
		download_100mb_peak_rss_ratio_memory_mode: round(peakRatio('memory'), 3),
		download_many_100mb_peak_rss_ratio: round(peakRatio('filesystem', 'many'), 3),
		download_many_100mb_peak_rss_ratio_memory_mode: round(peakRatio('memory', 'many'), 3),
	};
}
