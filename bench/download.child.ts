/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
// One 100 MB download into n8n binary data, in a fresh process so that its peak RSS is its own.
// The sandbox runs in a process of its own too: only the n8n side is measured.
// argv[2]: 'filesystem' (n8n-core's BinaryDataService, as production instances store files) or 'memory'.
// argv[3]: 'single' (Download, one 100 MB PDF; default) or 'many' (Download Many, a ZIP of two 50 MB PDFs).
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
		const many = process.argv[3] === 'many';
		const helper = credentialsHelperFor({
			tokenHostUrl: url,
			apiKey: demo.signature.apiKey,
			verificationType: 'signature',
			privateKey: demo.signature.privateKeyHex,
			memberId: demo.memberId,
			session: '',
		});
		const { ids } = many ? ((await control('documents/bulk', { n: 1, status: '003' })) as { ids: string[] }) : { ids: [] };
		const documentIds = [documentId, ...ids];
		const parameters = many
			? { resource: 'document', operation: 'downloadMany', documentId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, fileTypes: ['document'] }
			: { resource: 'document', operation: 'download', documentId: { __rl: true, mode: 'id', value: documentId }, fileType: 'document' };
		const input = documentIds.map((id) => ({ json: { id } }));
		// Warm up (token, modules) with small files, then measure from a settled baseline.
		await runEformsign(helper, parameters, input);
		for (const id of documentIds) await control(`documents/${id}/file-size`, { bytes: FILE_BYTES / documentIds.length });
		(global as { gc?: () => void }).gc?.();
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().rss);
		}, 2);
		const result = await runEformsign(helper, parameters, input);
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage().rss);
		const size = Number(result.items[0]?.json.file_size);
		// A ZIP adds its headers to the PDFs it stores.
		if (result.error || size < FILE_BYTES || size > FILE_BYTES + 4096) throw new Error(`download failed: ${result.error?.message ?? `size ${size}`}`);
		console.log(JSON.stringify({ mode, peakIncrease: peak - baseline, size }));
	} finally {
		stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
