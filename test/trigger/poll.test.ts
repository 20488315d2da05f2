import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MAX_DOCUMENTS_PER_POLL } from '../../nodes/EformsignPollTrigger/listing';
import type { Sandbox } from '../../sandbox';
import { credentialData, useSandbox } from '../harness/eformsign';
import { PollHarness } from '../harness/poll';

const sandbox = useSandbox();

function harness(parameters: INodeParameters) {
	return new PollHarness({ simplify: true, ...parameters }, credentialData(sandbox()));
}

/** The bodies of the list_document calls since the log was last cleared. */
function listCalls(sbx: Sandbox): IDataObject[] {
	return sbx.log
		.filter((entry) => entry.method === 'POST' && entry.path === '/v2.0/api/list_document')
		.map((entry) => entry.body as IDataObject);
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const ids = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.id);

describe('first activation', () => {
	it('starts from now and emits nothing that happened before', async () => {
		const sbx = sandbox();
		const trigger = harness({ event: 'anyUpdate' });
		expect(await trigger.poll()).toEqual([]);
		expect(listCalls(sbx)).toEqual([{ type: '04', limit: '100', skip: '0' }]);
		const cursor = trigger.staticData.cursor as IDataObject;
		const newest = Math.max(
			...[...sbx.state.documents.values()].map((document) => document.updated_date),
		);
		expect(cursor).toMatchObject({ date: newest });

		sbx.clearLog();
		expect(await trigger.poll()).toEqual([]);
		expect(listCalls(sbx)).toEqual([
			{ type: '04', limit: '100', skip: '0', start_update_date: newest },
		]);
	});

	it('a changed filter starts over for the new settings, looking back two poll intervals', async () => {
		const sbx = sandbox();
		const { contract, titleLocked } = sbx.demo.templateIds;
		const trigger = harness({ event: 'anyUpdate', templateId: byId(contract) });
		await trigger.poll();
		// The new template's other documents changed days ago, outside the window; this one just now.
		await sbx.advanceDocument(sbx.demo.documentIds.secondStep);
		expect(await trigger.poll()).toEqual([]);
		expect(ids(await trigger.update({ templateId: byId(titleLocked) }))).toEqual([
			sbx.demo.documentIds.secondStep,
		]);
		expect(await trigger.poll()).toEqual([]);
		expect((trigger.staticData.cursor as IDataObject).settings).toBe(
			JSON.stringify(['anyUpdate', '04', titleLocked]),
		);
	});
});

describe('across polls', () => {
	it('emits each change once, none missed, over three polls with changes in between', async () => {
		const sbx = sandbox();
		const { waitingExternal, waitingMember, secondStep, completed } = sbx.demo.documentIds;
		const anyUpdate = harness({ event: 'anyUpdate' });
		const completions = harness({ event: 'completed' });
		const rejections = harness({ event: 'rejected' });
		const all = [anyUpdate, completions, rejections];
		for (const trigger of all) expect(await trigger.poll()).toEqual([]);

		await sbx.advanceDocument(waitingExternal);
		sbx.clearLog();
		expect(ids(await anyUpdate.poll())).toEqual([waitingExternal]);
		expect(ids(await completions.poll())).toEqual([waitingExternal]);
		expect(ids(await rejections.poll())).toEqual([]);
		const [anyBody, completedBody, rejectedBody] = listCalls(sbx);
		const since = sbx.state.documents.get(waitingExternal)!.updated_date;
		expect(anyBody).toEqual({
			type: '04',
			limit: '100',
			skip: '0',
			start_update_date: expect.any(Number),
		});
		expect(completedBody).toEqual({
			type: '03',
			limit: '100',
			skip: '0',
			start_update_date: expect.any(Number),
		});
		expect(rejectedBody).toEqual({
			type: '04',
			limit: '100',
			skip: '0',
			start_update_date: expect.any(Number),
		});
		expect(anyBody.start_update_date).toBeLessThanOrEqual(since);

		// Two documents change in the very millisecond of the last change seen: still new.
		const sameInstant = sbx.addDocuments(2, {
			status: '003',
			updated_date: since,
			created_date: since - 1000,
		});
		await sbx.advanceDocument(waitingMember);
		await sbx.advanceDocument(secondStep, 'reject');
		const third = await anyUpdate.poll();
		expect(new Set(ids(third))).toEqual(new Set([...sameInstant, waitingMember, secondStep]));
		expect(third).toHaveLength(4);
		expect(third.map((item) => item.json.updated_date)).toEqual(
			[...third.map((item) => item.json.updated_date as number)].sort((a, b) => a - b),
		);
		expect(new Set(ids(await completions.poll()))).toEqual(
			new Set([...sameInstant, waitingMember]),
		);
		expect(ids(await rejections.poll())).toEqual([secondStep]);
		expect((await rejections.poll()).length + (await completions.poll()).length).toBe(0);
		expect(await anyUpdate.poll()).toEqual([]);

		const item = third.find((entry) => entry.json.id === secondStep)!;
		expect(item.json).toMatchObject({
			document_name: 'Non-Disclosure Agreement',
			status_type: '061',
			status_name: 'rejected by participant',
		});
		expect(ids(third)).not.toContain(completed);
	});

	it('emits all 150 documents changed between two polls (it pages)', async () => {
		const sbx = sandbox();
		const changing = sbx.addDocuments(150, { status: '060' });
		const trigger = harness({ event: 'completed', box: '04' });
		expect(await trigger.poll()).toEqual([]);
		for (const id of changing) await sbx.advanceDocument(id);
		sbx.clearLog();

		const emitted = await trigger.poll();
		expect(emitted).toHaveLength(150);
		expect(new Set(ids(emitted))).toEqual(new Set(changing));
		expect(listCalls(sbx).map((body) => body.skip)).toEqual(['0', '95']);
		expect(listCalls(sbx).every((body) => body.limit === '100' && body.type === '04')).toBe(true);
		expect(await trigger.poll()).toEqual([]);
	});

	it(`takes more than ${MAX_DOCUMENTS_PER_POLL} changes oldest first, the rest in the next poll`, async () => {
		const sbx = sandbox();
		const trigger = harness({ event: 'anyUpdate' });
		await trigger.poll();
		const start = (trigger.staticData.cursor as IDataObject).date as number;
		const count = MAX_DOCUMENTS_PER_POLL + 60;
		const added = sbx.addDocuments(count, { status: '003' }).map((id, index) => {
			const document = sbx.state.documents.get(id)!;
			document.updated_date = start + 1 + index;
			return id;
		});
		const first = await trigger.poll();
		// The oldest page of the list also holds the document the cursor started at, seen already.
		expect(first.length).toBeGreaterThanOrEqual(MAX_DOCUMENTS_PER_POLL - 1);
		expect(first.length).toBeLessThan(count);
		expect(ids(first)).toEqual(added.slice(0, first.length));
		const second = await trigger.poll();
		expect(ids(second)).toEqual(added.slice(first.length));
		expect(await trigger.poll()).toEqual([]);
	});
});

describe('filters and output', () => {
	it('sends the template filter and the box, and the include flags in the query', async () => {
		const sbx = sandbox();
		const { titleLocked } = sbx.demo.templateIds;
		const trigger = new PollHarness(
			{
				event: 'anyUpdate',
				box: '01',
				templateId: { __rl: true, mode: 'list', value: titleLocked },
				simplify: false,
				options: { include_fields: true },
			},
			credentialData(sbx),
		);
		await trigger.poll();
		await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
		await sbx.advanceDocument(sbx.demo.documentIds.secondStep, 'reject');
		sbx.clearLog();
		const items = await trigger.poll();
		expect(ids(items)).toEqual([sbx.demo.documentIds.secondStep]);
		const [call] = sbx.log.filter((entry) => entry.path === '/v2.0/api/list_document');
		expect(call.query).toEqual({ include_fields: 'true' });
		expect(call.body).toEqual({
			type: '01',
			limit: '100',
			skip: '0',
			template_ids: [titleLocked],
			start_update_date: expect.any(Number),
		});
		expect(items[0].json).toMatchObject({
			template: { id: titleLocked },
			current_status: { status_type: '061', status_name: 'rejected by participant' },
			fields: expect.arrayContaining([expect.objectContaining({ id: 'company' })]),
		});
	});

	it('counts new documents by creation date for "Created"', async () => {
		const sbx = sandbox();
		const trigger = harness({ event: 'created' });
		await trigger.poll();
		const since = (trigger.staticData.cursor as IDataObject).date as number;
		await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
		const [fresh] = sbx.addDocuments(1, {
			status: '060',
			created_date: since + 5,
			updated_date: since + 5,
		});
		sbx.clearLog();
		expect(ids(await trigger.poll())).toEqual([fresh]);
		expect(listCalls(sbx)).toEqual([
			{ type: '04', limit: '100', skip: '0', start_create_date: since },
		]);
	});
});

describe('manual test run', () => {
	it('returns the most recent matching document and leaves the cursor alone', async () => {
		const sbx = sandbox();
		const trigger = harness({ event: 'completed' });
		expect(ids(await trigger.poll('manual'))).toEqual([sbx.demo.documentIds.completed]);
		await sbx.advanceDocument(sbx.demo.documentIds.waitingExternal);
		const [latest] = await trigger.poll('manual');
		expect(latest.json).toMatchObject({
			id: sbx.demo.documentIds.waitingExternal,
			status_name: 'completed',
		});
		expect(trigger.staticData.cursor).toBeUndefined();
	});

	it('says so when nothing matches yet', async () => {
		const trigger = harness({ event: 'rejected' });
		await expect(trigger.poll('manual')).rejects.toThrow(
			'No document in eformsign matches this trigger yet',
		);
	});
});

describe('an ordinary member (no document manager role)', () => {
	const plainMember = (sbx: Sandbox) => sbx.demo.members.find((member) => member.role.join() === 'member')!;

	it.each(['trigger', 'manual'] as const)(
		'is told which permission Automatic needs for Rejected, on activation and Fetch Test Event (%s)',
		async (mode) => {
			const sbx = sandbox();
			const trigger = new PollHarness(
				{ simplify: true, event: 'rejected' },
				credentialData(sbx, 'signature', { memberId: plainMember(sbx).account_id }),
			);
			const failure = await trigger.poll(mode).then(
				() => undefined,
				(error: unknown) => error as { message: string; description?: string },
			);

			expect(listCalls(sbx)).toEqual([{ type: '04', limit: '100', skip: '0' }]);
			expect(failure?.message).toBe('eformsign: You do not have access [code 4030009]');
			expect(failure?.description).toBe(
				'Document Box "Automatic" watches the Document Management box for this event. Only administrators and document managers may list the Document Management box, which holds every document of the company. Choose In Progress, Action Required or Completed as the box, or use a credential whose Member ID is an administrator or a document manager.',
			);
			// The Member ID is set: the generic hint for 4030009 would send the user looking for it.
			expect(failure?.description).not.toMatch(/need the Member ID set/);
		},
	);

	it('polls a box the member may read once one is chosen', async () => {
		const sbx = sandbox();
		const trigger = new PollHarness(
			{ simplify: true, event: 'rejected', box: '01' },
			credentialData(sbx, 'signature', { memberId: plainMember(sbx).account_id }),
		);
		expect(await trigger.poll()).toEqual([]);
		expect(listCalls(sbx)).toEqual([{ type: '01', limit: '100', skip: '0' }]);
	});
});
