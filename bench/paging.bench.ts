import { forgetAllSessions } from '../nodes/shared/session';
import type { Sandbox } from '../sandbox';
import { credentialData, credentialsHelperFor, runEformsign } from '../test/harness/eformsign';
import { round, seconds } from './measure';

const DOCUMENTS = 10_000;
const TITLE = 'Paging benchmark';

/** Get Many with Return All over 10,000 documents: request count and time per 1,000. */
export async function pagingBenchmark(sandbox: Sandbox) {
	sandbox.reset();
	forgetAllSessions();
	sandbox.addDocuments(DOCUMENTS, { document_name: TITLE, status: '003' });
	const helper = credentialsHelperFor(credentialData(sandbox));
	const parameters = {
		resource: 'document',
		operation: 'getMany',
		box: '04',
		returnAll: true,
		filters: { title: TITLE },
		simplify: true,
	};
	await runEformsign(helper, { ...parameters, returnAll: false, limit: 1 });
	sandbox.clearLog();
	let count = 0;
	const elapsed = await seconds(async () => {
		const result = await runEformsign(helper, parameters);
		if (result.error) throw new Error(`Get Many failed: ${result.error.message}`);
		count = result.items.length;
	});
	if (count !== DOCUMENTS) throw new Error(`Get Many returned ${count} documents, expected ${DOCUMENTS}`);
	return {
		list_10000_requests: sandbox.count('POST', '/v2.0/api/list_document'),
		list_10000_expected_requests: Math.ceil(DOCUMENTS / 1000),
		list_10000_seconds_per_1000: round(elapsed / (DOCUMENTS / 1000), 3),
	};
}
