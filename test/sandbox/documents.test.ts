/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { request as httpRequest } from 'node:http';

import { useSandbox } from '../harness/eformsign';
import { api, encodedApiKey, recipient, token } from './helpers';

const sandbox = useSandbox();

async function memberToken(memberId?: string) {
	return (await token(sandbox(), memberId)).access;
}

function createPath(templateId: string) {
	return `/v2.0/api/documents?template_id=${templateId}`;
}

// docs/api/eformsign-api-notes.md, "Create document"
describe('create document', () => {
	it('creates an in-progress document and returns the recipients with tokens', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		const created = await api(sbx, access, 'POST', createPath(sbx.demo.templateIds.contract), {
			document: {
				document_name: 'Contract for Lee',
				recipients: [recipient('lee@example.com', 'Lee')],
				fields: [
					{ id: 'name', value: 'Lee' },
					{ id: 'amount', value: 1000 },
					{ id: 'not_a_field', value: 'x' },
				],
			},
		});
		expect(created.status).toBe(200);
		const document = created.json.document as { id: string; document_name: string; document_status: string };
		expect(created.json.template_id).toBe(sbx.demo.templateIds.contract);
		expect(document).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), document_name: 'Contract for Lee', document_status: 'doc_request_participant' });
		const recipients = created.json.recipients as Array<{ member: { id: string; token_id: string } }>;
		expect(recipients[0].member).toMatchObject({ id: 'lee@example.com', token_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		const stored = sbx.state.documents.get(document.id);
		expect(stored?.status_type).toBe('060');
		expect(stored?.fields.find((field) => field.id === 'amount')?.value).toBe('1000');
		expect(stored?.ignored_field_ids).toEqual(['not_a_field']);
	});

	it('saves a draft without recipients and accepts the legacy `receipients` key and "true" strings', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		const draft = await api(sbx, access, 'POST', createPath(sbx.demo.templateIds.contract), { document: {} });
		const draftId = (draft.json.document as { id: string; document_name: string }).id;
		expect(sbx.state.documents.get(draftId)).toMatchObject({ status_type: '001', document_name: 'Employment Contract' });
		const legacy = await api(sbx, access, 'POST', createPath(sbx.demo.templateIds.contract), {
			document: { receipients: [{ step_type: '05', use_mail: 'true', use_sms: 'false', member: { name: 'X', id: 'x@example.com' } }] },
		});
		expect(legacy.status).toBe(200);
	});

	it.each([
		['an unknown template', 'ffffffffffffffffffffffffffffffff', { document: {} }, 400, '4000046'],
		['a disabled template', 'disabled', { document: {} }, 400, '4000008'],
		['too many recipients', 'contract', { document: { recipients: [recipient('a@example.com'), recipient('b@example.com')] } }, 400, '4000012'],
		['a wrong step type', 'contract', { document: { recipients: [recipient('a@example.com', 'A', '06')] } }, 400, '4000012'],
		['no channel', 'contract', { document: { recipients: [{ step_type: '05', use_mail: false, use_sms: false, member: { id: 'a@example.com', name: 'A' } }] } }, 400, '4000001'],
		['an invalid e-mail', 'contract', { document: { recipients: [recipient('not-an-email')] } }, 400, '4000137'],
		['a changed title on a locked template', 'titleLocked', { document: { document_name: 'My NDA' } }, 400, '4000010'],
		['no document object', 'contract', {}, 400, '4000001'],
		['fields that are not an array', 'contract', { document: { fields: { name: 'x' } } }, 400, '4000001'],
		['bad referers', 'contract', { document: { referers: 'x' } }, 400, '4000190'],
	])('rejects %s', async (_label, template, body, status, code) => {
		const sbx = sandbox();
		const templateIds = sbx.demo.templateIds as Record<string, string>;
		const answer = await api(sbx, await memberToken(), 'POST', createPath(templateIds[template] ?? template), body);
		expect([answer.status, answer.json.code]).toEqual([status, code]);
	});

	it('rejects a missing template_id and malformed JSON', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		expect((await api(sbx, access, 'POST', '/v2.0/api/documents', { document: {} })).json.code).toBe('4000001');
		expect((await api(sbx, access, 'POST', createPath(sbx.demo.templateIds.contract), '{"document":')).json.code).toBe('4000070');
	});

	it('asks a creator in two groups to choose one', async () => {
		const sbx = sandbox();
		const access = await memberToken('jiho.park@sandbox.eformsign.test');
		const path = createPath(sbx.demo.templateIds.contract);
		expect((await api(sbx, access, 'POST', path, { document: {} })).json.code).toBe('4000001');
		expect((await api(sbx, access, 'POST', path, { document: { select_group_name: 'HR' } })).json.code).toBe('4000011');
		expect((await api(sbx, access, 'POST', path, { document: { select_group_name: 'Sales' } })).status).toBe(200);
	});
});

// docs/api/eformsign-api-notes.md, "Create document (external writer)"
describe('create by an external writer', () => {
	const externalPath = (companyId: string, templateId: string) =>
		`/v2.0/api/documents/external?company_id=${companyId}&template_id=${templateId}`;

	it('needs a template that allows creation by URL', async () => {
		const sbx = sandbox();
		const key = encodedApiKey(sbx.demo.signature.apiKey);
		const body = { document: { recipients: [recipient(sbx.demo.memberId, 'Reviewer', '06')], send_external_pdf: { email: 'writer@example.com' } } };
		const refused = await api(sbx, key, 'POST', externalPath(sbx.demo.companyId, sbx.demo.templateIds.contract), body);
		expect([refused.status, refused.json.code]).toEqual([400, '4000115']);
		const wrongCompany = await api(sbx, key, 'POST', externalPath('0'.repeat(32), sbx.demo.templateIds.urlCreation), body);
		expect(wrongCompany.json.code).toBe('4000005');
		const created = await api(sbx, key, 'POST', externalPath(sbx.demo.companyId, sbx.demo.templateIds.urlCreation), body);
		expect(created.status).toBe(200);
		const id = (created.json.document as { id: string }).id;
		expect(sbx.state.documents.get(id)?.creator).toEqual({ recipient_type: '02', id: 'writer@example.com', name: 'writer@example.com' });
		expect(sbx.state.documents.get(id)?.status_type).toBe('070');
	});
});

// docs/api/eformsign-api-notes.md, "Get"
describe('get document', () => {
	it('fills optional parts only when their include flag is true', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		const id = sbx.demo.documentIds.secondStep;
		const plain = await api(sbx, access, 'GET', `/v2.0/api/documents/${id}`);
		expect(plain.json).toMatchObject({
			id,
			template: { id: sbx.demo.templateIds.titleLocked, name: 'Non-Disclosure Agreement' },
			current_status: { status_type: '060', step_type: '05', step_index: '2', step_name: '참여자 2' },
			fields: [],
			histories: [],
			previous_status: [],
			next_status: [],
			recipients: [],
			detail_template_info: [],
		});
		const flags = 'include_fields=true&include_histories=true&include_previous_status=true&include_next_status=true&include_external_token=true&include_detail_template_info=true';
		const full = await api(sbx, access, 'GET', `/v2.0/api/documents/${id}?${flags}`);
		expect((full.json.fields as unknown[]).length).toBe(4);
		expect((full.json.histories as Array<{ action_type: string }>).map((history) => history.action_type)).toEqual(['002', '060', '062', '060']);
		expect((full.json.previous_status as Array<{ action_type: string }>).map((status) => status.action_type)).toEqual(['002', '062']);
		expect(full.json.next_status).toEqual([expect.objectContaining({ step_type: '01', status_type: '03' })]);
		const recipients = full.json.recipients as Array<{ id: string; token_id: string }>;
		expect(recipients.map((entry) => entry.id)).toEqual(['bob@globex.example.com', 'carol@globex.example.com']);
		expect(recipients[1].token_id).toBe(sbx.demo.documents.find((document) => document.id === id)?.outside_token);
		expect((full.json.detail_template_info as unknown[]).length).toBe(1);
	});

	it('answers 4000004 for unknown, 4000006 for trashed and 4000034 without access', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		expect((await api(sbx, access, 'GET', `/v2.0/api/documents/${'0'.repeat(32)}`)).json.code).toBe('4000004');
		await api(sbx, access, 'DELETE', '/v2.0/api/documents', { document_ids: [sbx.demo.documentIds.draft] });
		expect((await api(sbx, access, 'GET', `/v2.0/api/documents/${sbx.demo.documentIds.draft}`)).json.code).toBe('4000006');
		const outsider = await memberToken('jiho.park@sandbox.eformsign.test');
		expect((await api(sbx, outsider, 'GET', `/v2.0/api/documents/${sbx.demo.documentIds.completed}`)).json.code).toBe('4000034');
	});
});

// docs/api/eformsign-api-notes.md, "List documents"
describe('list documents', () => {
	const list = async (body: unknown, query = '') => api(sandbox(), await memberToken(), 'POST', `/v2.0/api/list_document${query}`, body);

	it('returns an empty page without limit, pages with string or number limit/skip, newest first', async () => {
		const sbx = sandbox();
		const ids = sbx.addDocuments(25, { status: '003' });
		const noLimit = await list({ type: '03' });
		expect(noLimit.json).toEqual({ documents: [], total_rows: 26, limit: 0, skip: 0 });
		const first = await list({ type: '03', limit: '10', skip: '0' });
		expect(first.json.total_rows).toBe(26);
		const firstIds = (first.json.documents as Array<{ id: string }>).map((document) => document.id);
		expect(firstIds).toEqual(ids.slice(-10).reverse());
		const last = await list({ type: '03', limit: 10, skip: 20 });
		expect((last.json.documents as unknown[]).length).toBe(6);
		expect(last.json).toMatchObject({ limit: 10, skip: 20 });
	});

	it('caps limit at 1000', async () => {
		const sbx = sandbox();
		sbx.addDocuments(1005, { status: '003' });
		const page = await list({ type: '03', limit: '5000' });
		expect(page.json.limit).toBe(1000);
		expect((page.json.documents as unknown[]).length).toBe(1000);
		expect(page.json.total_rows).toBe(1006);
	});

	it('takes include flags from the query only', async () => {
		const fromBody = await list({ type: '03', limit: '1', include_fields: true });
		expect((fromBody.json.documents as Array<{ fields: unknown[] }>)[0].fields).toEqual([]);
		const fromQuery = await list({ type: '03', limit: '1' }, '?include_fields=true');
		expect((fromQuery.json.documents as Array<{ fields: unknown[] }>)[0].fields.length).toBeGreaterThan(0);
	});

	it('filters by box, title, content, templates and dates', async () => {
		const sbx = sandbox();
		const titles = async (body: Record<string, unknown>) =>
			((await list({ limit: '100', ...body })).json.documents as Array<{ document_name: string }>).map((document) => document.document_name).sort();
		expect(await titles({ type: '01' })).toEqual(['Employment Contract - 김민준', 'Employment Contract - 정하늘', 'Non-Disclosure Agreement', 'Service Agreement - Acme Corp']);
		expect(await titles({ type: '02' })).toEqual(['Employment Contract - 김민준']);
		expect(await titles({ type: '03' })).toEqual(['근로계약서 - 홍길동']);
		expect((await titles({ type: '04' })).length).toBe(8);
		expect(await titles({ type: '04', title: 'acme' })).toEqual(['Service Agreement - Acme Corp']);
		expect(await titles({ type: '04', content: 'globex' })).toEqual(['Non-Disclosure Agreement']);
		expect(await titles({ type: '04', title_and_content: '홍길동' })).toEqual(['근로계약서 - 홍길동']);
		expect((await titles({ type: '04', template_ids: [sbx.demo.templateIds.titleLocked] })).length).toBe(2);
		const since = Date.now() - 2.5 * 24 * 60 * 60 * 1000;
		expect(await titles({ type: '04', start_create_date: String(since) })).toEqual(['Employment Contract - 김민준', 'Offer Letter (draft)']);
	});

	it('rejects bad boxes and dates, and type 04 for plain members', async () => {
		expect((await list({ type: '05', limit: '1' })).json.code).toBe('5000089');
		expect((await list({ limit: '1' })).status).toBe(500);
		expect((await list({ type: '01', limit: '1', start_create_date: 'yesterday' })).json.code).toBe('4000013');
		const plain = await api(sandbox(), await memberToken('jiho.park@sandbox.eformsign.test'), 'POST', '/v2.0/api/list_document', { type: '04', limit: '1' });
		expect(plain.json.code).toBe('4030009');
	});

	it('serves GET /v2.0/api/documents with a JSON body too', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		const viaGet = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			// fetch refuses GET bodies; node:http sends them like the clients that use this form.
			const body = JSON.stringify({ type: '03', limit: '5' });
			const request = httpRequest(`${sbx.url}/v2.0/api/documents`, {
				method: 'GET',
				headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
			});
			request.on('response', (response) => {
				let text = '';
				response.on('data', (chunk: Buffer) => (text += chunk.toString()));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
			});
			request.on('error', reject);
			request.end(body);
		});
		expect(viaGet.status).toBe(200);
		expect((JSON.parse(viaGet.body) as { total_rows: number }).total_rows).toBe(1);
		expect((await api(sbx, access, 'GET', '/v2.0/api/documents')).json.code).toBe('4000001');
	});
});

// docs/api/eformsign-api-notes.md, "Delete" and "Cancel"
describe('delete and cancel', () => {
	it('reports per-id results', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		const { documentIds } = sbx.demo;
		const cancelled = await api(sbx, access, 'POST', '/v2.0/api/documents/cancel', {
			input: { document_ids: [documentIds.waitingExternal, documentIds.cancelled, documentIds.completed, 'nope'], comment: 'bye' },
		});
		expect(cancelled.json).toEqual({
			result: {
				success_result: [documentIds.waitingExternal],
				fail_result: [
					{ document_id: documentIds.cancelled, code: '4000166', message: expect.any(String) },
					{ document_id: documentIds.completed, code: '4000029', message: expect.any(String) },
					{ document_id: 'nope', code: '4000004', message: expect.any(String) },
				],
			},
		});
		expect(sbx.state.documents.get(documentIds.waitingExternal)?.status_type).toBe('042');
		const trashed = await api(sbx, access, 'DELETE', '/v2.0/api/documents', { document_ids: [documentIds.waitingExternal] });
		expect(trashed.json).toEqual({ result: { success_result: [documentIds.waitingExternal], fail_result: [] }, code: '-1', message: 'Completed.', status: '200' });
		expect(sbx.state.documents.get(documentIds.waitingExternal)?.trashed).toBe(true);
		const permanent = await api(sbx, access, 'DELETE', '/v2.0/api/documents?is_permanent=true', { document_ids: [documentIds.waitingExternal], comment: '' });
		expect((permanent.json.result as { success_result: string[] }).success_result).toEqual([documentIds.waitingExternal]);
		expect(sbx.state.documents.has(documentIds.waitingExternal)).toBe(false);
		expect((await api(sbx, access, 'DELETE', '/v2.0/api/documents', { comment: '' })).json.code).toBe('4000001');
	});
});

// docs/api/eformsign-api-notes.md, "Resend", "Decline" and "External decline"
describe('decline, external decline, re-request', () => {
	it('lets the asked member send a document back', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		const id = sbx.demo.documentIds.waitingMember;
		const declined = await api(sbx, access, 'POST', `/v2.0/api/documents/${id}/decline`, { previous_steps: '-1', comment: 'no' });
		expect(declined.json).toMatchObject({ document_id: id, document_status: 'doc_reject_participant', code: '-1' });
		expect(sbx.state.documents.get(id)?.phase).toBe('rejected');
		expect((await api(sbx, access, 'POST', `/v2.0/api/documents/${id}/decline`, { previous_steps: [-1] })).json.code).toBe('5000071');
		const notAsked = await api(sbx, access, 'POST', `/v2.0/api/documents/${sbx.demo.documentIds.secondStep}/decline`, { previous_steps: -1 });
		expect(notAsked.json.code).toBe('4000034');
	});

	it('lets an external recipient decline with the outside token', async () => {
		const sbx = sandbox();
		const key = encodedApiKey(sbx.demo.signature.apiKey);
		const seeded = sbx.demo.documents.find((document) => document.id === sbx.demo.documentIds.waitingExternal);
		const path = (outsideToken: string) =>
			`/v2.0/api/documents/${seeded?.id}/external_decline?company_id=${sbx.demo.companyId}&outside_token=${outsideToken}`;
		expect((await api(sbx, key, 'POST', path('wrong'), { comment: 'x' })).json.code).toBe('5000076');
		const declined = await api(sbx, key, 'POST', path(seeded?.outside_token ?? ''), { comment: 'x' });
		expect(declined.json).toMatchObject({ document_status: 'doc_reject_participant' });
		expect((await api(sbx, key, 'POST', path(seeded?.outside_token ?? ''), { comment: 'x' })).json.code).toBe('4000029');
	});

	it('re-requests the current step with new recipients', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		const id = sbx.demo.documentIds.waitingExternal;
		const rerequested = await api(sbx, access, 'POST', `/v2.0/api/documents/${id}/re_request_outsider`, {
			input: { next_steps: [{ step_type: '05', step_seq: '1', recipients: [{ member: { name: 'New', id: 'new@example.com' }, use_mail: 'true', use_sms: false }], comment: 'again' }] },
		});
		expect(rerequested.json).toMatchObject({ code: '-1', recipients: [{ step_seq: '1', id: 'new@example.com', token_id: expect.any(String) }] });
		const badStep = await api(sbx, access, 'POST', `/v2.0/api/documents/${id}/re_request_outsider`, {
			input: { next_steps: [{ step_seq: '3', recipients: [recipient('a@example.com')] }] },
		});
		expect(badStep.json.code).toBe('4000012');
	});
});

// docs/api/eformsign-api-notes.md, "Bulk create"
describe('bulk creation', () => {
	it('creates what it can and reports failures by index', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		const answer = await api(sbx, access, 'POST', `/v2.0/api/forms/mass_documents?template_id=${sbx.demo.templateIds.contract}`, {
			documents: [{ recipients: [recipient('a@example.com')] }, { recipients: [recipient('bad')] }, { document_name: 'third', recipients: [recipient('c@example.com')] }],
			comment: 'please sign',
		});
		const result = (answer.json as { result: { success_result: number[]; fail_result: Array<{ index: number; code: string }>; request_id: string } }).result;
		expect(result.success_result).toEqual([0, 2]);
		expect(result.fail_result).toEqual([{ index: 1, code: '4000137', message: expect.any(String) }]);
		const created = [...sbx.state.documents.values()].filter((document) => document.mass_job_request_id === result.request_id);
		expect(created).toHaveLength(2);
		expect(created[0].comment).toBe('please sign');
	});

	it('caps a request at 100 documents', async () => {
		const sbx = sandbox();
		const documents = Array.from({ length: 101 }, () => ({ recipients: [recipient('a@example.com')] }));
		const answer = await api(sbx, await memberToken(), 'POST', `/v2.0/api/forms/mass_documents?template_id=${sbx.demo.templateIds.contract}`, { documents });
		expect([answer.status, answer.json.code]).toEqual([400, '4000001']);
	});

	it('needs template_id in every document of mass_multi_documents', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		const missing = await api(sbx, access, 'POST', '/v2.0/api/forms/mass_multi_documents', { documents: [{ recipients: [] }] });
		expect([missing.status, missing.json.code]).toEqual([400, '400']);
		const ok = await api(sbx, access, 'POST', '/v2.0/api/forms/mass_multi_documents', {
			documents: [
				{ template_id: sbx.demo.templateIds.contract, recipients: [recipient('a@example.com')] },
				{ template_id: sbx.demo.templateIds.disabled, recipients: [recipient('a@example.com')] },
			],
		});
		expect((ok.json.result as { fail_result: Array<{ code: string }> }).fail_result.map((failure) => failure.code)).toEqual(['4000008']);
	});
});

// docs/api/eformsign-api-notes.md, "Usage"
describe('usage status', () => {
	it('counts documents per month and validates the date', async () => {
		const sbx = sandbox();
		const access = await memberToken();
		const now = new Date(Date.now() + 9 * 3600 * 1000);
		const month = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
		const usage = await api(sbx, access, 'GET', `/v2.0/api/companies/${sbx.demo.companyId}/use_status?term=monthly&date=${month}`);
		expect(usage.status).toBe(200);
		expect(usage.json).toMatchObject({ term: [{ month, count: expect.any(Number) }], auth: { sms: 0 } });
		const yearly = await api(sbx, access, 'GET', `/v2.0/api/companies/${sbx.demo.companyId}/use_status?term=yearly&date=${month.slice(0, 4)}`);
		expect((yearly.json.term as unknown[]).length).toBe(12);
		expect((await api(sbx, access, 'GET', `/v2.0/api/companies/${sbx.demo.companyId}/use_status?date=2024-09`)).json.code).toBe('4000013');
		expect((await api(sbx, access, 'GET', `/v2.0/api/companies/${'0'.repeat(32)}/use_status`)).json.code).toBe('4000005');
	});
});
