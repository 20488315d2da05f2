import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, items, pairedItems, runNode } from '../harness/operations';

const sandbox = useSandbox();

/** Recipient and field values mapped from each input item, the way a bulk workflow is built. */
const perItem: INodeParameters = {
	documentName: '={{ "근로계약서 - " + $json.name }}',
	recipients: {
		recipient: [
			{ stepType: '={{ $json.step ?? "05" }}', recipientType: 'member', name: '={{ $json.name }}', id: '={{ $json.email }}', useMail: true, useSms: false },
		],
	},
	fieldInput: 'pairs',
	fieldPairs: { field: [{ id: 'name', value: '={{ $json.name }}' }] },
};

function person(index: number) {
	return { name: `직원${index}`, email: `employee${index}@example.com` };
}

function expectedDocument(index: number, stepType = '05') {
	return {
		document_name: `근로계약서 - 직원${index}`,
		recipients: [
			{ step_type: stepType, use_mail: true, use_sms: false, member: { name: `직원${index}`, id: `employee${index}@example.com` } },
		],
		fields: [{ id: 'name', value: `직원${index}` }],
	};
}

// docs/api/eformsign-api-notes.md, "Bulk create"
describe('Document > Create Many (POST /v2.0/api/forms/mass_documents)', () => {
	it('sends 120 items as two requests (100 + 20) and maps every result back to its item', async () => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.contract;
		const result = await runNode(
			sbx,
			{ resource: 'document', operation: 'createMany', templateId: byId(templateId), comment: '계약서 서명 부탁드립니다.', ...perItem },
			items(120, person),
		);

		expect(result.error).toBeUndefined();
		const requests = apiRequests(sbx);
		expect(requests).toEqual([
			{
				method: 'POST',
				path: '/v2.0/api/forms/mass_documents',
				query: { template_id: templateId },
				body: { documents: Array.from({ length: 100 }, (_, index) => expectedDocument(index)), comment: '계약서 서명 부탁드립니다.' },
			},
			{
				method: 'POST',
				path: '/v2.0/api/forms/mass_documents',
				query: { template_id: templateId },
				body: { documents: Array.from({ length: 20 }, (_, index) => expectedDocument(100 + index)), comment: '계약서 서명 부탁드립니다.' },
			},
		]);
		expect(result.items).toHaveLength(120);
		expect(pairedItems(result)).toEqual(Array.from({ length: 120 }, (_, index) => index));
		const requestIds = [...new Set(result.items.map((item) => item.json.request_id))];
		expect(requestIds).toHaveLength(2);
		expect(result.items[0].json).toEqual({ request_id: requestIds[0], index_in_request: 0, template_id: templateId, success: true, document_name: '근로계약서 - 직원0' });
		// Item 119 is document 19 of the second request: named so that it is not read as the item number.
		expect(result.items[119].json).toMatchObject({ request_id: requestIds[1], index_in_request: 19, success: true });
		expect(result.items[119].json).not.toHaveProperty('index');
		const created = [...sbx.state.documents.values()].filter((document) => requestIds.includes(document.mass_job_request_id));
		expect(created).toHaveLength(120);
	});

	it('reports a document eformsign refused on its own item, and still creates the others', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			{ resource: 'document', operation: 'createMany', templateId: byId(sbx.demo.templateIds.contract), ...perItem },
			items(3, (index) => ({ ...person(index), step: index === 1 ? '06' : '05' })),
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toHaveLength(1);
		expect(result.items.map((item) => [item.pairedItem, item.json.success, item.json.code])).toEqual([
			[{ item: 0 }, true, undefined],
			[{ item: 1 }, false, '4000012'],
			[{ item: 2 }, true, undefined],
		]);
		expect(result.items[1].json.message).toMatch(/inconsistent with the template's workflow/);
		expect(result.items[1].json.hint).toMatch(/Add one recipient per step/);
	});

	it('continues on fail: an item with bad input becomes an error item and is not sent', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			{ resource: 'document', operation: 'createMany', templateId: byId(sbx.demo.templateIds.contract), ...perItem },
			items(3, (index) => ({ ...person(index), email: index === 1 ? 'not-an@email' : `employee${index}@example.com` })),
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect((apiRequests(sbx)[0].body as { documents: unknown[] }).documents).toEqual([expectedDocument(0), expectedDocument(2)]);
		expect(pairedItems(result)).toEqual([0, 1, 2]);
		expect(result.items[1].json).toEqual({
			error: 'Recipient 1: "not-an@email" is not a valid e-mail address',
			description: 'Check the e-mail address, for example name@example.com.',
		});
		expect(result.items[2].json).toMatchObject({ index_in_request: 1, success: true });
	});

	it('without continue on fail, names the item with bad input and sends nothing', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			{ resource: 'document', operation: 'createMany', templateId: byId(sbx.demo.templateIds.contract), ...perItem },
			items(3, (index) => ({ ...person(index), email: index === 2 ? '' : `employee${index}@example.com` })),
		);
		expect(result.error?.message).toBe('Recipient 1: the e-mail address is empty');
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(2);
		expect(apiEntries(sbx)).toEqual([]);
	});

	it('continues on fail when eformsign refuses the whole request: every item of it gets the error', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			{ resource: 'document', operation: 'createMany', templateId: byId(sbx.demo.templateIds.disabled), ...perItem },
			items(2, person),
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.pairedItem, item.json.code])).toEqual([
			[{ item: 0 }, '4000008'],
			[{ item: 1 }, '4000008'],
		]);
	});
});

// docs/api/eformsign-api-notes.md, "Bulk create"
describe('Document > Create Many with Multiple Templates (POST /v2.0/api/forms/mass_multi_documents)', () => {
	it('names the template in every document and sends no template_id query', async () => {
		const sbx = sandbox();
		const { contract, urlCreation } = sbx.demo.templateIds;
		const result = await runNode(
			sbx,
			{ resource: 'document', operation: 'createManyMultiTemplate', templateId: byId('={{ $json.template }}'), ...perItem },
			items(3, (index) => ({ ...person(index), template: index === 1 ? urlCreation : contract, step: index === 1 ? '06' : '05' })),
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: '/v2.0/api/forms/mass_multi_documents',
				query: {},
				body: {
					documents: [
						{ template_id: contract, ...expectedDocument(0) },
						{ template_id: urlCreation, ...expectedDocument(1, '06') },
						{ template_id: contract, ...expectedDocument(2) },
					],
				},
			},
		]);
		expect(result.items.map((item) => [item.pairedItem, item.json.template_id, item.json.success])).toEqual([
			[{ item: 0 }, contract, true],
			[{ item: 1 }, urlCreation, true],
			[{ item: 2 }, contract, true],
		]);
	});
});
