import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { credentialData, useSandbox } from '../harness/eformsign';
import { PollHarness, type PollScheduling } from '../harness/poll';

// The poll trigger under each of n8n 2.41.1's ways of scheduling polls (test/harness/poll.ts), and
// what n8n keeps of its position in each (docs/triggers.md, "Restarts and n8n's schedulers").

const sandbox = useSandbox();
const MODES: PollScheduling[] = ['legacy', 'scheduler', 'durable'];
const MINUTE = 60 * 1000;
const NODE_KEY = 'node:eformsign Poll Trigger';

const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id);

function trigger(scheduling: PollScheduling, parameters: INodeParameters = {}) {
	return new PollHarness(
		{ simplify: true, event: 'completed', ...parameters },
		credentialData(sandbox()),
		scheduling,
	);
}

/** A document that reaches "completed" at `date` (now unless said otherwise). */
function completed(sbx: Sandbox, date = Date.now()): string {
	const [id] = sbx.addDocuments(1, {
		status: '003',
		updated_date: date,
		created_date: date - MINUTE,
	});
	return id;
}

describe.each(MODES)('%s scheduling', (scheduling) => {
	it('a document completed right after publication comes with the next poll, once', async () => {
		const poll = trigger(scheduling);
		expect(await poll.publish()).toEqual([]);
		const id = completed(sandbox());
		expect(ids(await poll.tick())).toEqual([id]);
		expect(await poll.tick()).toEqual([]);
		expect(poll.errors).toEqual([]);
	});

	it('n8n restarted before the first scheduled poll: the document completed meanwhile comes once', async () => {
		const poll = trigger(scheduling);
		await poll.publish();
		const id = completed(sandbox());
		const afterRestart = [...(await poll.restart()), ...(await poll.tick())];
		expect(ids(afterRestart)).toEqual([id]);
		expect(await poll.tick()).toEqual([]);
	});

	it('a document completed while n8n is down comes once after the restart', async () => {
		const poll = trigger(scheduling);
		await poll.publish();
		expect(await poll.tick()).toEqual([]);
		const first = completed(sandbox());
		expect(ids(await poll.tick())).toEqual([first]);
		expect(await poll.tick()).toEqual([]);
		const whileDown = completed(sandbox());
		const afterRestart = [...(await poll.restart()), ...(await poll.tick())];
		expect(ids(afterRestart)).toEqual([whileDown]);
		expect(await poll.tick()).toEqual([]);
		expect(poll.executions.flat().map((item) => item.json.id)).toEqual([first, whileDown]);
	});

	it('a first scheduled poll that fails is made up for by the next one', async () => {
		const sbx = sandbox();
		const poll = trigger(scheduling);
		await poll.publish();
		const id = completed(sbx);
		sbx.injectFault({
			match: { method: 'POST', path: '/v2.0/api/list_document' },
			status: 403,
			code: '4030009',
			message: 'You do not have access',
		});
		expect(await poll.tick()).toEqual([]);
		expect(poll.errors).toHaveLength(1);
		expect(ids(await poll.tick())).toEqual([id]);
		expect(await poll.tick()).toEqual([]);
	});

	it('a workflow published again resumes where it stopped: what completed meanwhile comes once', async () => {
		const poll = trigger(scheduling);
		await poll.publish();
		expect(await poll.tick()).toEqual([]);
		poll.unpublish();
		const meanwhile = completed(sandbox());
		const again = [...(await poll.publish()), ...(await poll.tick())];
		expect(ids(again)).toEqual([meanwhile]);
		expect(await poll.tick()).toEqual([]);
	});

	it('a changed event looks back two poll intervals: what matches it there comes once', async () => {
		const sbx = sandbox();
		const poll = trigger(scheduling, { event: 'anyUpdate' });
		await poll.publish();
		const recent = completed(sbx, Date.now() - MINUTE);
		const older = completed(sbx, Date.now() - 3 * MINUTE);
		expect(new Set(ids(await poll.tick()))).toEqual(new Set([older, recent]));
		const afterUpdate = [...(await poll.update({ event: 'completed' })), ...(await poll.tick())];
		expect(ids(afterUpdate)).toEqual([recent]);
		expect(await poll.tick()).toEqual([]);
	});
});

describe('what n8n keeps of the position', () => {
	it('legacy: saved at publication and when a poll emits; a poll that emits nothing stays in memory', async () => {
		const sbx = sandbox();
		const poll = trigger('legacy', { event: 'rejected' });
		await poll.publish();
		const saved = structuredClone(poll.database.staticData);
		expect(saved[NODE_KEY]).toMatchObject({ cursor: { date: expect.any(Number) } });
		// Listed but not rejected: the position moves and nothing is emitted.
		sbx.addDocuments(1, { status: '060', updated_date: Date.now() });
		expect(await poll.tick()).toEqual([]);
		expect(poll.staticData.cursor).not.toEqual((saved[NODE_KEY] as IDataObject).cursor);
		expect(poll.database.staticData).toEqual(saved);
		await sbx.advanceDocument(sbx.demo.documentIds.secondStep, 'reject');
		expect(ids(await poll.tick())).toEqual([sbx.demo.documentIds.secondStep]);
		expect(poll.database.staticData[NODE_KEY]).toEqual({ cursor: poll.staticData.cursor });
		expect(poll.database.pollerState).toBeUndefined();
	});

	it('scheduler: every poll loads the saved static data; a poll that emits nothing saves nothing', async () => {
		const sbx = sandbox();
		const poll = trigger('scheduler', { event: 'anyUpdate' });
		await poll.publish();
		const atPublication = structuredClone(poll.database.staticData);
		expect(atPublication[NODE_KEY]).toMatchObject({ cursor: { date: expect.any(Number) } });
		expect(await poll.tick()).toEqual([]);
		expect(poll.database.staticData).toEqual(atPublication);
		const id = completed(sbx);
		expect(ids(await poll.tick())).toEqual([id]);
		expect((poll.database.staticData[NODE_KEY] as IDataObject).cursor).toMatchObject({
			idsAtDate: [id],
		});
	});

	it('durable cursors: poller_state is {} after publication, then committed by every scheduled poll', async () => {
		const poll = trigger('durable');
		await poll.publish();
		// n8n 2.41 commits the poll at publication only when it emits: the position stays in the
		// workflow's global static data, which n8n saves after publishing.
		expect(poll.database.pollerState).toEqual({});
		const global = poll.database.staticData.global as IDataObject;
		expect(global.eformsignPollTriggerPositions).toMatchObject({
			'poll-node': { date: expect.any(Number) },
		});
		expect(await poll.tick()).toEqual([]);
		expect(poll.database.pollerState).toMatchObject({ cursor: { date: expect.any(Number) } });
		const id = completed(sandbox());
		expect(ids(await poll.tick())).toEqual([id]);
		expect(poll.database.pollerState).toMatchObject({
			cursor: { emitted: expect.arrayContaining([id]) },
		});
		// The note is dropped once the node has its own position, saved with that emission.
		expect(poll.database.staticData.global).toEqual({});
	});
});

function wipeCursorStore(poll: PollHarness): void {
	poll.database.pollerState = undefined;
}

function wipeStaticData(poll: PollHarness): void {
	poll.database.staticData = {};
}

describe('after a reset, the first poll looks back two poll intervals', () => {
	/** Emits two documents, one inside the look-back window and one before it, then wipes. */
	async function emitThenWipe(
		scheduling: PollScheduling,
		wipe: (poll: PollHarness) => void,
	): Promise<{ sbx: Sandbox; poll: PollHarness; recent: string }> {
		const sbx = sandbox();
		const poll = trigger(scheduling);
		await poll.publish();
		expect(await poll.tick()).toEqual([]);
		const older = completed(sbx, Date.now() - 5 * MINUTE);
		const recent = completed(sbx, Date.now() - MINUTE / 2);
		expect(ids(await poll.tick())).toEqual([older, recent]);
		wipe(poll);
		return { sbx, poll, recent };
	}

	it.each([
		['durable', 'poller_state deleted', wipeCursorStore],
		['scheduler', 'static data cleared', wipeStaticData],
	] as const)('%s, %s: re-emits only what came in that window', async (scheduling, _what, wipe) => {
		const { sbx, poll, recent } = await emitThenWipe(scheduling, wipe);
		expect(ids(await poll.tick())).toEqual([recent]);
		const next = completed(sbx);
		expect(ids(await poll.tick())).toEqual([next]);
		expect(await poll.tick()).toEqual([]);
	});

	it('legacy, static data cleared and n8n restarted: re-emits only what came in that window', async () => {
		const { sbx, poll, recent } = await emitThenWipe('legacy', wipeStaticData);
		expect(ids([...(await poll.restart()), ...(await poll.tick())])).toEqual([recent]);
		const next = completed(sbx);
		expect(ids(await poll.tick())).toEqual([next]);
	});

	it('the window follows Poll Times: every hour looks back two hours', async () => {
		const sbx = sandbox();
		const poll = trigger('scheduler', { pollTimes: { item: [{ mode: 'everyHour', minute: 5 }] } });
		await poll.publish();
		const inside = completed(sbx, Date.now() - 90 * MINUTE);
		const outside = completed(sbx, Date.now() - 150 * MINUTE);
		poll.database.staticData = {};
		expect(ids(await poll.tick())).toEqual([inside]);
		expect(await poll.tick()).toEqual([]);
		expect(sbx.state.documents.has(outside)).toBe(true);
	});
});
