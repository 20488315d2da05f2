/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
// One 100 MB download into n8n binary data, in a fresh process so that its peak RSS is its own.
// The sandbox runs in a process of its own too: only the n8n side is measured.
// argv[2]: 'filesystem' (n8n-core's BinaryDataService, as production instances store files) or 'memory'.
import './env';

import { BinaryDataService } from 'n8n-core';

import { forgetAllSessions } from '../nodes/shared/session';
import { credentialsHelperFor, runEformsign } from '../test/harness/eformsign';
import { Container } from '../test/harness/n8n-internals';
import { startSandboxProcess } from './sandboxProcess';

const FILE_BYTES = 100 * 1024 * 1024;

async function main() {
	const mode = process.argv[2] === 'memory' ? 'memory' : 'filesystem';
	if (mode === 'filesystem') await Container.get(BinaryDataService).init();
	const { url, demo, control, stop } = await startSandboxProcess();
	try {
		forgetAllSessions();
		const documentId = demo.documentIds.completed;
		const helper = credentialsHelperFor({
			tokenHostUrl: url,
			apiKey: demo.signature.apiKey,
			verificationType: 'signature',
			privateKey: demo.signature.privateKeyHex,
			memberId: demo.memberId,
			session: '',
		});
		const parameters = {
			resource: 'document',
			operation: 'download',
			documentId: { __rl: true, mode: 'id', value: documentId },
			fileType: 'document',
		};
		// Warm up (token, modules) with a small file, then measure from a settled baseline.
		await runEformsign(helper, parameters);
		await control(`documents/${documentId}/file-size`, { bytes: FILE_BYTES });
		(global as { gc?: () => void }).gc?.();
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().rss);
		}, 2);
		const result = await runEformsign(helper, parameters);
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage().rss);
		const size = Number(result.items[0]?.json.file_size);
		if (result.error || size !== FILE_BYTES) throw new Error(`download failed: ${result.error?.message ?? `size ${size}`}`);
		console.log(JSON.stringify({ mode, peakIncrease: peak - baseline, size }));
	} finally {
		stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
