// Type version 1.1 of the eformsign Trigger: n8n evaluates an expression for every request to a
// version-1 webhook node (n8n/dist/webhooks/webhook-helpers.js, parseRequestBody) and, from 1.1 on,
// leaves bodies it cannot parse unread. The trigger must answer every request exactly as at 1.
import { EformsignTrigger } from '../../nodes/EformsignTrigger/EformsignTrigger.node';
import { useSandbox } from '../harness/eformsign';
import { TriggerHarness, type CapturedDelivery, type WebhookRun } from '../harness/webhook';
import { connectWebhook, findDelivery, useReceiver, webhookCredential } from './support';

const sandbox = useSandbox();
const receiver = useReceiver();

async function completionDelivery(): Promise<CapturedDelivery> {
	const sbx = sandbox();
	connectWebhook(sbx, receiver(), 'signature');
	await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
	return findDelivery(receiver(), 'doc_complete');
}

function withContentType(delivery: CapturedDelivery, contentType: string | undefined): CapturedDelivery {
	const headers = { ...delivery.headers };
	delete headers['content-type'];
	if (contentType !== undefined) headers['content-type'] = contentType;
	return { ...delivery, headers };
}

/** What the sender sees and what would start. */
function outcome(run: WebhookRun) {
	return {
		status: run.response.statusCode,
		started: run.items.map((item) => item.json.document_id),
		failure: run.failure?.message,
	};
}

async function deliverAt(typeVersion: number, delivery: CapturedDelivery) {
	const harness = new TriggerHarness(
		{ verification: 'credential', events: ['*'] },
		{ webhook: webhookCredential(sandbox(), 'signature') },
		{},
		typeVersion,
	);
	return outcome(await harness.deliver(delivery));
}

describe('type version 1.1', () => {
	it('is what a new node gets; version 1 stays valid for saved workflows', () => {
		const { version, defaultVersion } = new EformsignTrigger().description;
		expect(defaultVersion).toBe(1.1);
		expect(version).toEqual([1, 1.1]);
	});

	it.each<[string | undefined, string]>([
		['application/json', 'the genuine delivery'],
		['application/json; charset=utf-8', 'with a charset'],
		['application/octet-stream', 'a type n8n does not parse from 1.1 on'],
		['text/csv', 'another one'],
		[undefined, 'no content type at all'],
	])('%s (%s): answered as at version 1', async (contentType) => {
		const delivery = withContentType(await completionDelivery(), contentType);
		const atOne = await deliverAt(1, delivery);
		const atOneOne = await deliverAt(1.1, delivery);
		expect(atOneOne).toEqual(atOne);
		expect(atOneOne.failure).toBeUndefined();
		if (contentType?.startsWith('application/json')) {
			expect(atOneOne.status).toBe(200);
			expect(atOneOne.started).toHaveLength(1);
		} else {
			expect(atOneOne.started).toEqual([]);
		}
	});
});
