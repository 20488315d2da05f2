/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Real runs of the two triggers against the sandbox, for their output schemas: n8n's editor asks
// for `/schemas/<node>/1.0.0.json` (no resource or operation), which n8n serves from
// `<node folder>/__schema__/v1.0.0.json` on 1.x and 2.x (docs/compatibility.md). The schema view
// and an AI tool's output description read them before the node has run once.
import { join } from 'node:path';
import type { INodeExecutionData } from 'n8n-workflow';

import { DOWNLOAD_FILES, FETCH_DOCUMENT } from '../../nodes/EformsignTrigger/enrichment';
import { ALL_DOCUMENT_EVENTS, PDF_READY } from '../../nodes/EformsignTrigger/events';
import { forgetAllSessions } from '../../nodes/shared/session';
import type { Sandbox } from '../../sandbox';
import { credentialData } from '../../test/harness/eformsign';
import { PollHarness } from '../../test/harness/poll';
import { startReceiver, TriggerHarness } from '../../test/harness/webhook';
import { SCHEMA_ROOT, SCHEMA_VERSION_DIR } from './cases';

const NODES_DIR = join(SCHEMA_ROOT, '..', '..', '..');

export const TRIGGER_SCHEMA_FILES = {
	webhook: join(NODES_DIR, 'EformsignTrigger', '__schema__', `${SCHEMA_VERSION_DIR}.json`),
	poll: join(NODES_DIR, 'EformsignPollTrigger', '__schema__', `${SCHEMA_VERSION_DIR}.json`),
};

/**
 * The webhook trigger's items for every kind of event eformsign sends (document events and "PDF
 * ready"), as they come plain and with everything Add to Output can add.
 */
export async function webhookTriggerItems(sandbox: Sandbox): Promise<INodeExecutionData[]> {
	forgetAllSessions();
	sandbox.reset();
	const receiver = await startReceiver();
	try {
		sandbox.setWebhook({ url: receiver.url, verification: 'signature' });
		await sandbox.advanceDocument(sandbox.demo.documentIds.secondStep);
		await sandbox.advanceDocument(sandbox.demo.documentIds.waitingExternal, 'reject');
		const credentials = {
			webhook: { verificationType: 'signature', publicKey: sandbox.demo.webhook.publicKeyHex },
			api: credentialData(sandbox),
		};
		const items: INodeExecutionData[] = [];
		for (const enrich of [[], [FETCH_DOCUMENT, DOWNLOAD_FILES]]) {
			const trigger = new TriggerHarness(
				{ verification: 'credential', events: [ALL_DOCUMENT_EVENTS, PDF_READY], enrich },
				credentials,
			);
			for (const delivery of receiver.deliveries)
				items.push(...(await trigger.deliver(delivery)).items);
		}
		if (items.length === 0) throw new Error('the webhook trigger emitted nothing');
		return items;
	} finally {
		sandbox.setWebhook(null);
		await receiver.close();
	}
}

/** The poll trigger's items: "Fetch Test Event" for the events the seeded sandbox has documents for. */
export async function pollTriggerItems(sandbox: Sandbox): Promise<INodeExecutionData[]> {
	forgetAllSessions();
	sandbox.reset();
	const items: INodeExecutionData[] = [];
	for (const event of ['anyUpdate', 'completed', 'created']) {
		const poll = new PollHarness({ event }, credentialData(sandbox));
		items.push(...(await poll.poll('manual')));
	}
	if (items.length === 0) throw new Error('the poll trigger emitted nothing');
	return items;
}
