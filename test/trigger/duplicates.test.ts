import { Workflow, type IDataObject } from 'n8n-workflow';

import { recordDelivery, TRACKED_TRIGGERS } from '../../nodes/EformsignTrigger/duplicates';
import { useSandbox } from '../harness/eformsign';
import {
	answeredStatus,
	startedExecution,
	TriggerHarness,
	type CapturedDelivery,
	type WebhookRun,
} from '../harness/webhook';
import { authentic, type Kit } from '../reliability/webhook-cases';
import { bodyOf, connectWebhook, findDelivery, useReceiver, webhookCredential } from './support';

/**
 * Issue 15: replays must not start the workflow in n8n itself. Issue 20: nor may a delivery n8n did
 * not run be held back. The harness saves static data only where n8n does and gives every delivery
 * and every execution a workflow built from the saved copy, so these tests see what n8n would keep.
 */

const sandbox = useSandbox();
const receiver = useReceiver();

async function signedKit(): Promise<Kit> {
	const sbx = sandbox();
	connectWebhook(sbx, receiver(), 'signature');
	await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
	return { sbx, mode: 'signature', original: findDelivery(receiver(), 'doc_complete') };
}

/** The genuine event as eformsign would report another change: a new history entry, signed. */
function event(kit: Kit, historyId: string): CapturedDelivery {
	const body = bodyOf(kit.original);
	const document = { ...(body.document as object), history_id: historyId };
	return authentic(kit, Buffer.from(JSON.stringify({ ...body, document })));
}

function trigger(kit: Kit): TriggerHarness {
	return new TriggerHarness(
		{ events: ['*'] },
		{ webhook: webhookCredential(kit.sbx, 'signature') },
	);
}

const started = (runs: WebhookRun[]) => runs.filter(startedExecution).length;

/** Delivers all, `concurrency` at a time, like a sender with that many connections. */
async function deliverConcurrently(
	harness: TriggerHarness,
	deliveries: CapturedDelivery[],
	concurrency: number,
): Promise<WebhookRun[]> {
	const runs: WebhookRun[] = [];
	let next = 0;
	const worker = async () => {
		while (next < deliveries.length) runs.push(await harness.deliver(deliveries[next++]));
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return runs;
}

describe('replays in n8n (static data saved only where n8n saves it)', () => {
	it("starts one execution for a delivery sent 21 times in a row; the record is saved with n8n's answer", async () => {
		const kit = await signedKit();
		const harness = trigger(kit);
		const first = await harness.deliver(kit.original);
		expect(startedExecution(first)).toBe(true);
		// Saved before the 200, after n8n stored the execution; the execution has nothing to add.
		expect(first.savedStaticData).toBe(true);
		expect(harness.staticData.recentDeliveries).toHaveLength(1);
		expect(first.execution?.savedStaticData).toBe(false);
		const replays = [];
		for (let index = 0; index < 20; index++) replays.push(await harness.deliver(kit.original));
		expect(started(replays)).toBe(0);
		expect(replays.map(answeredStatus)).toEqual(Array(20).fill(200));
	});

	it('starts one execution for 20 copies of a new event arriving at once', async () => {
		const kit = await signedKit();
		const harness = trigger(kit);
		const copies = Array.from({ length: 20 }, () => event(kit, 'history-at-once'));
		const runs = await Promise.all(copies.map(async (copy) => await harness.deliver(copy)));
		expect(started(runs)).toBe(1);
		expect(runs.map(answeredStatus)).toEqual(Array(20).fill(200));
		// And a later copy, after all of them were saved, is still recognised.
		expect(startedExecution(await harness.deliver(copies[0]))).toBe(false);
	});

	it('starts 60 executions for 60 events at concurrency 10, and none when all 60 are replayed', async () => {
		const kit = await signedKit();
		const harness = trigger(kit);
		const events = Array.from({ length: 60 }, (_, index) => event(kit, `history-${index}`));
		expect(started(await deliverConcurrently(harness, events, 10))).toBe(60);
		expect(started(await deliverConcurrently(harness, events, 10))).toBe(0);
		// The saves of concurrent requests overwrite one another; the last one still holds every key.
		expect(harness.staticData.recentDeliveries).toHaveLength(60);
	});

	it('remembers across a restart of n8n: a replay afterwards starts nothing', async () => {
		const kit = await signedKit();
		const before = trigger(kit);
		const events = Array.from({ length: 30 }, (_, index) => event(kit, `history-${index}`));
		expect(started(await deliverConcurrently(before, events, 10))).toBe(30);
		const after = before.restarted();
		expect(started(await deliverConcurrently(after, events, 5))).toBe(0);
		expect(startedExecution(await after.deliver(event(kit, 'history-new')))).toBe(true);
	});

	it('keeps the memory of two workflows apart', async () => {
		const kit = await signedKit();
		expect(startedExecution(await trigger(kit).deliver(kit.original))).toBe(true);
		expect(startedExecution(await trigger(kit).deliver(kit.original))).toBe(true);
	});

	it(`keeps the memory of ${TRACKED_TRIGGERS} workflows in the process; older ones rely on their saved data`, async () => {
		const kit = await signedKit();
		const oldest = trigger(kit);
		expect(startedExecution(await oldest.deliver(kit.original))).toBe(true);
		for (let index = 0; index < TRACKED_TRIGGERS; index++) {
			await trigger(kit).deliver(event(kit, `history-${index}`));
		}
		// Dropped from the process memory, the first workflow still knows the delivery from its save.
		expect(startedExecution(await oldest.deliver(kit.original))).toBe(false);
	});
});

describe('nothing lost when n8n does not run a delivery (issue 20)', () => {
	it('leaves the answer to n8n, which gives it once the execution is stored', async () => {
		const kit = await signedKit();
		const run = await trigger(kit).deliver(kit.original);
		expect(run.answeredBy).toBe('n8n');
		expect(run.result.noWebhookResponse).toBeUndefined();
		expect(answeredStatus(run)).toBe(200);
		expect(run.execution?.status).toBe('success');
	});

	it('starts a re-send of a delivery n8n could not store (it answered 500)', async () => {
		const kit = await signedKit();
		const harness = trigger(kit);
		const failed = await harness.deliver(kit.original, { n8n: 'failsToStore' });
		expect(answeredStatus(failed)).toBe(500);
		expect(startedExecution(failed)).toBe(false);
		const resent = await harness.deliver(kit.original);
		expect(startedExecution(resent)).toBe(true);
		expect(answeredStatus(resent)).toBe(200);
		// Once it ran, it is a replay like any other.
		expect(startedExecution(await harness.deliver(kit.original))).toBe(false);
	});

	it('starts that re-send after a restart of n8n too', async () => {
		const kit = await signedKit();
		const before = trigger(kit);
		expect(answeredStatus(await before.deliver(kit.original, { n8n: 'failsToStore' }))).toBe(500);
		expect(startedExecution(await before.restarted().deliver(kit.original))).toBe(true);
	});

	it('holds a replay back across a crash once the execution of the delivery has ended', async () => {
		const kit = await signedKit();
		const before = trigger(kit);
		expect(startedExecution(await before.deliver(kit.original))).toBe(true);
		// n8n killed afterwards (as after any answer): the record was saved when the execution ended.
		expect(startedExecution(await before.restarted().deliver(kit.original))).toBe(false);
	});

	it('holds back a re-send after n8n died between its answer and the end of the execution: one execution in all', async () => {
		// n8n 2.x answered only after it stored the execution (listed as crashed after the kill) and
		// saved the record with that answer: a re-send after the restart starts nothing.
		const kit = await signedKit();
		const before = trigger(kit);
		const crashed = await before.deliver(kit.original, { n8n: 'diesAfterAnswer' });
		expect(answeredStatus(crashed)).toBe(200);
		expect(crashed.execution?.status).toBe('crashed');
		expect(crashed.savedStaticData).toBe(true);
		const after = before.restarted();
		const resent = await after.deliver(kit.original);
		expect(answeredStatus(resent)).toBe(200);
		expect(startedExecution(resent)).toBe(false);
	});

	it('on n8n 1.x (it answers, and saves, before it stores), records the delivery with the answer: a repeat starts nothing', async () => {
		const kit = await signedKit();
		const before = trigger(kit);
		const first = await before.deliver(kit.original, { line: '1.x' });
		expect(startedExecution(first)).toBe(true);
		expect(first.savedStaticData).toBe(true);
		expect(first.execution?.savedStaticData).toBe(false);
		expect(startedExecution(await before.restarted().deliver(kit.original, { line: '1.x' }))).toBe(
			false,
		);
		// The window n8n 1.x leaves (docs/triggers-security.md): killed after its 200 and before it
		// stored the execution, the event is recorded and a re-send starts nothing.
		const killed = await before.deliver(event(kit, 'history-killed'), {
			line: '1.x',
			n8n: 'diesAfterAnswer',
		});
		expect(answeredStatus(killed)).toBe(200);
		expect(killed.savedStaticData).toBe(true);
		const resent = await before.restarted().deliver(event(kit, 'history-killed'), { line: '1.x' });
		expect(startedExecution(resent)).toBe(false);
	});

	it('in queue mode on n8n 2.x, the worker running the execution saves nothing: its older copy would undo what main recorded', async () => {
		const kit = await signedKit();
		const main = trigger(kit);
		for (const historyId of ['history-a', 'history-b', 'history-c']) {
			const run = await main.deliver(event(kit, historyId), { executionOn: 'worker' });
			expect(startedExecution(run)).toBe(true);
			expect(run.savedStaticData).toBe(true);
			expect(run.execution?.savedStaticData).toBe(false);
		}
		const restarted = main.restarted();
		for (const historyId of ['history-a', 'history-b', 'history-c']) {
			expect(startedExecution(await restarted.deliver(event(kit, historyId)))).toBe(false);
		}
	});

	it('in queue mode on n8n 1.x too, main records the delivery with its answer and the worker saves nothing', async () => {
		const kit = await signedKit();
		const main = trigger(kit);
		for (const historyId of ['history-a', 'history-b']) {
			const run = await main.deliver(event(kit, historyId), { line: '1.x', executionOn: 'worker' });
			expect(startedExecution(run)).toBe(true);
			expect(run.savedStaticData).toBe(true);
			expect(run.execution?.savedStaticData).toBe(false);
		}
		const restarted = main.restarted();
		for (const historyId of ['history-a', 'history-b']) {
			expect(startedExecution(await restarted.deliver(event(kit, historyId), { line: '1.x' }))).toBe(false);
		}
	});

	it('writes one list that every request of the process saves, whichever saves last', () => {
		// Two requests load the same saved data; the one that came first saves last.
		const scope = `production:shared-list:${Math.random()}`;
		const saved: IDataObject = { 'node:eformsign Trigger': { recentDeliveries: ['old'] } };
		const load = () =>
			new Workflow({
				id: 'shared-list',
				nodes: [],
				connections: {},
				active: true,
				nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined } as never,
				staticData: structuredClone(saved),
			});
		const slow = load();
		const fast = load();
		const nodeData = (workflow: Workflow) =>
			workflow.staticData['node:eformsign Trigger'] as IDataObject;
		recordDelivery(nodeData(slow), scope, 'a');
		recordDelivery(nodeData(fast), scope, 'b');
		const fastSave = JSON.parse(JSON.stringify(fast.staticData)) as IDataObject;
		const slowSave = JSON.parse(JSON.stringify(slow.staticData)) as IDataObject;
		expect(slow.staticData.__dataChanged).toBe(true);
		expect(fastSave['node:eformsign Trigger']).toEqual({ recentDeliveries: ['old', 'a', 'b'] });
		expect(slowSave['node:eformsign Trigger']).toEqual({ recentDeliveries: ['old', 'a', 'b'] });
	});
});
