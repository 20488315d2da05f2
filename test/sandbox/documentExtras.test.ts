/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// The sandbox's endpoints beyond the basic guide for documents (docs/api/eformsign-api-notes.md,
// "Download several documents", "Send a draft", "Send completed PDFs", "Extend completion tokens",
// "Integrated approval"), called the way any eformsign client would.
import { createServer } from 'node:http';
import type { Server } from 'node:http';

import type { Sandbox } from '../../sandbox';
import { useSandbox } from '../harness/eformsign';
import { readZip } from '../harness/zip';
import { api, token } from './helpers';

const sandbox = useSandbox();

const DAY_MS = 24 * 60 * 60 * 1000;
const MULTI = '/v2.0/api/documents/download_multi_files';

/** Document events the sandbox delivered, as `status` names, in order. */
const statuses: string[] = [];
let receiver: Server;
let receiverUrl = '';

beforeAll(async () => {
	receiver = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { document?: { id: string; status: string } };
			if (event.document) statuses.push(`${event.document.id}:${event.document.status}`);
			response.end('ok');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	const address = receiver.address();
	receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

beforeEach(() => {
	statuses.length = 0;
});

function listen(sbx: Sandbox) {
	sbx.setWebhook({ url: receiverUrl, verification: 'none' });
}

async function eventsOf(sbx: Sandbox, documentId: string): Promise<string[]> {
	await sbx.waitForDeliveries();
	return statuses.filter((entry) => entry.startsWith(`${documentId}:`)).map((entry) => entry.slice(documentId.length + 1));
}

async function memberToken(sbx: Sandbox, memberId = sbx.demo.memberId) {
	return (await token(sbx, memberId)).access;
}

function plainMember(sbx: Sandbox): string {
	return sbx.demo.members.find((member) => member.role.join() === 'member')!.account_id;
}

async function download(sbx: Sandbox, access: string, body: unknown) {
	const response = await fetch(`${sbx.url}${MULTI}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const bytes = Buffer.from(await response.arrayBuffer());
	return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) as Record<string, unknown> };
}

describe('download_multi_files ("Download several documents")', () => {
	it('answers one zip with the PDF and audit trail of each document, named after title and ID', async () => {
		const sbx = sandbox();
		const [second] = sbx.addDocuments(1, { status: '003', document_name: 'Lease 7' });
		const { completed } = sbx.demo.documentIds;
		const answer = await download(sbx, await memberToken(sbx), {
			document_ids: [completed, second],
			file_type: ['document', 'audit_trail'],
			zip_password: '',
			file_name: '계약서_2025',
			use_simple_file_name: false,
		});
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('application/zip');
		expect(answer.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('계약서_2025.zip')}`);
		expect(Number(answer.headers.get('content-length'))).toBe(answer.bytes.length);
		const entries = readZip(answer.bytes);
		expect(entries.map((entry) => entry.name)).toEqual([
			`근로계약서 - 홍길동_${completed}.pdf`,
			`근로계약서 - 홍길동_${completed}_audit_trail.pdf`,
			`Lease 7_${second}.pdf`,
			`Lease 7_${second}_audit_trail.pdf`,
		]);
		expect(entries.every((entry) => entry.content.subarray(0, 5).toString('latin1') === '%PDF-')).toBe(true);
		expect(entries[0].content.toString('latin1')).toContain(`Document ID: ${completed}`);
	});

	it('uses simple names on request, numbering titles that repeat', async () => {
		const sbx = sandbox();
		const ids = sbx.addDocuments(2, { status: '003', document_name: 'Same title' });
		const answer = await download(sbx, await memberToken(sbx), { document_ids: ids, file_type: ['document'], use_simple_file_name: true });
		expect(readZip(answer.bytes).map((entry) => entry.name)).toEqual(['Same title.pdf', 'Same title (2).pdf']);
		expect(answer.headers.get('content-disposition')).toContain('filename="documents.zip"');
	});

	it('encrypts every entry with the zip password (ZipCrypto, opened by any unzip tool)', async () => {
		const sbx = sandbox();
		const answer = await download(sbx, await memberToken(sbx), {
			document_ids: [sbx.demo.documentIds.completed],
			file_type: ['document'],
			zip_password: 'Secret-123',
		});
		expect(answer.status).toBe(200);
		expect(() => readZip(answer.bytes)).toThrow(/encrypted and no password/);
		expect(() => readZip(answer.bytes, 'wrong')).toThrow(/CRC mismatch/);
		const [entry] = readZip(answer.bytes, 'Secret-123');
		expect(entry.encrypted).toBe(true);
		expect(entry.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(Number(answer.headers.get('content-length'))).toBe(answer.bytes.length);
	});

	it('answers 4000222 above its limit, which a test can set', async () => {
		const sbx = sandbox();
		const ids = sbx.addDocuments(3, { status: '003' });
		const access = await memberToken(sbx);
		sbx.setMultiDownloadLimit(2);
		const refused = await download(sbx, access, { document_ids: ids, file_type: ['document'] });
		expect(refused.status).toBe(400);
		expect(refused.json()).toEqual({ code: '4000222', ErrorMessage: 'Document download limit exceeded.' });
		expect((await download(sbx, access, { document_ids: ids.slice(0, 2), file_type: ['document'] })).status).toBe(200);
		sbx.reset();
		const again = await download(sbx, await memberToken(sbx), { document_ids: sbx.addDocuments(3, { status: '003' }), file_type: ['document'] });
		expect(again.status).toBe(200);
	});

	it.each<[string, (sbx: Sandbox) => unknown, string]>([
		['no document_ids', () => ({ file_type: ['document'] }), '4000001'],
		['file_type as a comma string (it is an array here)', (sbx) => ({ document_ids: [sbx.demo.documentIds.completed], file_type: 'document,audit_trail' }), '4000070'],
		['an unknown file type', (sbx) => ({ document_ids: [sbx.demo.documentIds.completed], file_type: ['pdf'] }), '4000001'],
		['an unknown document', () => ({ document_ids: ['ffffffffffffffffffffffffffffffff'], file_type: ['document'] }), '4000004'],
		['a document in progress', (sbx) => ({ document_ids: [sbx.demo.documentIds.completed, sbx.demo.documentIds.waitingExternal], file_type: ['document'] }), '4000036'],
	])('refuses %s', async (_name, body, code) => {
		const sbx = sandbox();
		const answer = await download(sbx, await memberToken(sbx), body(sbx));
		expect(answer.json().code).toBe(code);
	});

	it('refuses a member without access to one of the documents (4030029) and a trashed one (4000006)', async () => {
		const sbx = sandbox();
		const { completed } = sbx.demo.documentIds;
		const denied = await download(sbx, await memberToken(sbx, plainMember(sbx)), { document_ids: [completed], file_type: ['document'] });
		expect(denied.json()).toMatchObject({ code: '4030029' });
		sbx.state.documents.get(completed)!.trashed = true;
		const trashed = await download(sbx, await memberToken(sbx), { document_ids: [completed], file_type: ['document'] });
		expect(trashed.json()).toMatchObject({ code: '4000006' });
	});
});

describe('send a draft ("Send a draft")', () => {
	const send = (sbx: Sandbox, access: string, documentId: string, body?: unknown) =>
		api(sbx, access, 'POST', `/v2.0/api/documents/${documentId}/send`, body);

	it('sends a "my file" draft to its saved recipient: doc_create, then doc_request_participant', async () => {
		const sbx = sandbox();
		listen(sbx);
		const { myFileDraft } = sbx.demo.documentIds;
		const answer = await send(sbx, await memberToken(sbx), myFileDraft, { comment: 'Please sign.', remove_company_stamp_mark: true });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ document_title: 'Consulting Agreement (my file)', document_status: 'doc_request_participant', document_id: myFileDraft });
		const stored = sbx.state.documents.get(myFileDraft)!;
		expect(stored).toMatchObject({ phase: 'in_progress', status_type: '060', current_seq: 1, comment: 'Please sign.', remove_company_stamp_mark: true });
		expect(stored.histories.map((history) => history.action_type)).toEqual(['001', '002', '060']);
		expect(await eventsOf(sbx, myFileDraft)).toEqual(['doc_create', 'doc_request_participant']);
		expect((await send(sbx, await memberToken(sbx), myFileDraft)).json).toMatchObject({ code: '4000180' });
	});

	it('creates more "my file" drafts through the control API, announced as doc_tempsave', async () => {
		const sbx = sandbox();
		listen(sbx);
		const created = (await (await fetch(`${sbx.url}/_sandbox/documents/my-file`, { method: 'POST', body: '{"document_name":"Draft B"}' })).json()) as { id: string };
		expect(sbx.state.documents.get(created.id)).toMatchObject({ unstructured: true, phase: 'draft', document_name: 'Draft B' });
		expect(await eventsOf(sbx, created.id)).toEqual(['doc_tempsave']);
		expect((await send(sbx, await memberToken(sbx), created.id)).status).toBe(200);
	});

	it.each<[string, (sbx: Sandbox) => [string, string], string, number]>([
		['a company token (no member)', (sbx) => ['', sbx.demo.documentIds.myFileDraft], '4030001', 403],
		['a member who did not create the draft', (sbx) => [plainMember(sbx), sbx.demo.documentIds.myFileDraft], '4030009', 403],
		['a draft made from a template', (sbx) => [sbx.demo.memberId, sbx.demo.documentIds.draft], '4000179', 400],
		['an unknown document', (sbx) => [sbx.demo.memberId, 'ffffffffffffffffffffffffffffffff'], '4000004', 400],
	])('refuses %s', async (_name, pick, code, status) => {
		const sbx = sandbox();
		const [memberId, documentId] = pick(sbx);
		const answer = await send(sbx, (await token(sbx, memberId)).access, documentId, {});
		expect(answer.status).toBe(status);
		expect(answer.json.code).toBe(code);
		expect(sbx.state.documents.get(sbx.demo.documentIds.myFileDraft)?.phase).toBe('draft');
	});
});

describe('send_multiple_completed_document ("Send completed PDFs")', () => {
	const path = (sbx: Sandbox, companyId = sbx.demo.companyId) => `/v2.0/api/companies/${companyId}/send_multiple_completed_document`;
	const byMail = { name: '홍길동', method: 'email', method_info: 'hong.gildong@example.com', sms_option: {} };
	const bySms = { name: '홍길동', method: 'sms', method_info: '01012345678', code: '+82', sms_option: {}, is_use_alim_talk: false, send_pdf_option: { auth_pwd: '1234', auth_hint: '생일 4자리', attach_audit_pdf: true } };

	it('records each delivery, writes history 050, and reports every document', async () => {
		const sbx = sandbox();
		const { completed, waitingExternal } = sbx.demo.documentIds;
		const unknown = 'ffffffffffffffffffffffffffffffff';
		const answer = await api(sbx, await memberToken(sbx), 'POST', path(sbx), {
			input: {
				send_pdfs: [
					{ document_id: completed, pdf_send_infos: [byMail, bySms] },
					{ document_id: waitingExternal, pdf_send_infos: [byMail] },
					{ document_id: unknown, pdf_send_infos: [byMail] },
				],
			},
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			result: {
				success_result: [completed],
				fail_result: [
					{ document_id: waitingExternal, code: '4000081', message: 'Invalid document type.' },
					{ document_id: unknown, code: '4000004', message: 'The document does not exist.' },
				],
			},
			code: '-1',
			message: 'Completed.',
			status: '200',
		});
		const at = expect.any(Number) as number;
		expect(sbx.state.sentPdfs).toEqual([
			{ document_id: completed, name: '홍길동', method: 'email', method_info: 'hong.gildong@example.com', send_pdf_option: {}, is_use_alim_talk: false, at },
			{ document_id: completed, name: '홍길동', method: 'sms', method_info: '01012345678', code: '+82', send_pdf_option: bySms.send_pdf_option, is_use_alim_talk: false, at },
		]);
		const last = sbx.state.documents.get(completed)!.histories.at(-1)!;
		expect(last).toMatchObject({ action_type: '050', comment: 'PDF sent to hong.gildong@example.com, +82 01012345678' });
		const control = (await (await fetch(`${sbx.url}/_sandbox/sent-pdfs`)).json()) as unknown[];
		expect(control).toHaveLength(2);
	});

	it('fails a document the member may not read with 4030009, and sends the others', async () => {
		const sbx = sandbox();
		const answer = await api(sbx, await memberToken(sbx, plainMember(sbx)), 'POST', path(sbx), {
			input: { send_pdfs: [{ document_id: sbx.demo.documentIds.completed, pdf_send_infos: [byMail] }] },
		});
		expect((answer.json.result as { fail_result: unknown[] }).fail_result).toEqual([
			{ document_id: sbx.demo.documentIds.completed, code: '4030009', message: 'You do not have access.' },
		]);
		expect(sbx.state.sentPdfs).toEqual([]);
	});

	it.each<[string, unknown, string]>([
		['no input wrapper', { send_pdfs: [] }, '4000001'],
		['SMS without a country code', { input: { send_pdfs: [{ document_id: 'x', pdf_send_infos: [{ ...bySms, code: '' }] }] } }, '4000001'],
		['an unknown method', { input: { send_pdfs: [{ document_id: 'x', pdf_send_infos: [{ ...byMail, method: 'fax' }] }] } }, '4000001'],
		['a malformed e-mail address', { input: { send_pdfs: [{ document_id: 'x', pdf_send_infos: [{ ...byMail, method_info: 'hong@' }] }] } }, '4000137'],
	])('refuses the whole request for %s', async (_name, body, code) => {
		const sbx = sandbox();
		const answer = await api(sbx, await memberToken(sbx), 'POST', path(sbx), body);
		expect(answer.json.code).toBe(code);
		expect(sbx.state.sentPdfs).toEqual([]);
	});

	it('refuses another company in the path (4000005)', async () => {
		const sbx = sandbox();
		const answer = await api(sbx, await memberToken(sbx), 'POST', path(sbx, 'ffffffffffffffffffffffffffffffff'), { input: { send_pdfs: [] } });
		expect(answer.json.code).toBe('4000005');
	});
});

describe('refresh_complete_token ("Extend completion tokens")', () => {
	const refresh = async (sbx: Sandbox, documentId: string, body: unknown) =>
		await api(sbx, await memberToken(sbx), 'POST', `/v2.0/api/documents/${documentId}/refresh_complete_token`, body);

	it('extends the complete token of every step with one to 15 days from now', async () => {
		const sbx = sandbox();
		const { completed } = sbx.demo.documentIds;
		const before = Date.now();
		const answer = await refresh(sbx, completed, { step_seq: [] });
		expect(answer.status).toBe(200);
		const tokenId = sbx.state.documents.get(completed)!.steps[0].recipients[0].complete_token_id;
		const [extended] = answer.json.complete_tokens as Array<{ complete_token_id: string; step_seq: number; expired_date: number }>;
		expect(extended).toEqual({ complete_token_id: tokenId, step_seq: 1, expired_date: expect.any(Number) });
		expect(extended.expired_date).toBeGreaterThanOrEqual(before + 15 * DAY_MS);
		expect(extended.expired_date).toBeLessThanOrEqual(Date.now() + 15 * DAY_MS);
		expect((await refresh(sbx, completed, { step_seq: [1] })).json.complete_tokens).toHaveLength(1);
		expect((await refresh(sbx, completed, { step_seq: [''] })).json.complete_tokens).toHaveLength(1);
	});

	it.each<[string, (sbx: Sandbox) => string, unknown, string]>([
		['a document in progress', (sbx) => sbx.demo.documentIds.waitingExternal, { step_seq: [] }, '4000036'],
		['a step without a token', (sbx) => sbx.demo.documentIds.completed, { step_seq: [2] }, '4000074'],
		['an unknown document', () => 'ffffffffffffffffffffffffffffffff', { step_seq: [] }, '4000004'],
	])('refuses %s', async (_name, documentId, body, code) => {
		const sbx = sandbox();
		expect((await refresh(sbx, documentId(sbx), body)).json.code).toBe(code);
	});
});

describe('integrated approval ("Integrated approval")', () => {
	const decide = async (sbx: Sandbox, documentId: string, kind: 'send' | 'decline', body: unknown, memberId = sbx.demo.memberId) =>
		await api(sbx, (await token(sbx, memberId)).access, 'POST', `/v2.0/api/documents/${documentId}/${kind}_external_approval`, body);
	const approver = { executor_id: 'erp-4711', executor_name: '박결재', comment: '승인합니다' };

	it('approves from an `input` body: the next step is requested, with the approval events', async () => {
		const sbx = sandbox();
		listen(sbx);
		const { awaitingApproval } = sbx.demo.documentIds;
		expect(sbx.state.documents.get(awaitingApproval)).toMatchObject({ status_type: '010', current_seq: 1 });
		expect((await decide(sbx, awaitingApproval, 'send', approver)).json.code).toBe('4000001');
		const answer = await decide(sbx, awaitingApproval, 'send', { input: approver });
		expect(answer.json).toEqual({ document_title: 'Employment Contract - 정하늘', document_id: awaitingApproval });
		const stored = sbx.state.documents.get(awaitingApproval)!;
		expect(stored).toMatchObject({ status_type: '060', current_seq: 2, phase: 'in_progress' });
		expect(stored.histories.at(-2)).toMatchObject({ action_type: '012', comment: '승인합니다', executor: { recipient_type: '02', id: 'erp-4711', name: '박결재' } });
		expect(await eventsOf(sbx, awaitingApproval)).toEqual(['doc_accept_approval', 'doc_request_participant']);
		expect((await decide(sbx, awaitingApproval, 'send', { input: approver })).json.code).toBe('4000029');
	});

	it('declines from a flat body: the document goes back to its creator (011)', async () => {
		const sbx = sandbox();
		listen(sbx);
		const { awaitingApproval } = sbx.demo.documentIds;
		expect((await decide(sbx, awaitingApproval, 'decline', { input: approver })).json.code).toBe('4000001');
		const answer = await decide(sbx, awaitingApproval, 'decline', approver);
		expect(answer.json).toEqual({ document_title: 'Employment Contract - 정하늘', document_id: awaitingApproval });
		expect(sbx.state.documents.get(awaitingApproval)).toMatchObject({ status_type: '011', phase: 'rejected', current_seq: 0 });
		expect(await eventsOf(sbx, awaitingApproval)).toEqual(['doc_reject_approval']);
		expect((await decide(sbx, awaitingApproval, 'decline', approver)).json.code).toBe('5000071');
	});

	it('creates approval-waiting documents through the control API, announced with doc_request_approval', async () => {
		const sbx = sandbox();
		listen(sbx);
		const created = (await (await fetch(`${sbx.url}/_sandbox/documents/approval`, { method: 'POST', body: '{}' })).json()) as { id: string };
		expect(sbx.state.documents.get(created.id)).toMatchObject({ status_type: '010', current_seq: 1 });
		expect(await eventsOf(sbx, created.id)).toEqual(['doc_create', 'doc_request_approval']);
	});

	it.each<[string, (sbx: Sandbox) => [string, string], string]>([
		['a document at a participant step', (sbx) => [sbx.demo.memberId, sbx.demo.documentIds.waitingExternal], '4000029'],
		['a completed document', (sbx) => [sbx.demo.memberId, sbx.demo.documentIds.completed], '5000071'],
		['a member who may not decide', (sbx) => [plainMember(sbx), sbx.demo.documentIds.awaitingApproval], '4030009'],
		['an unknown document', (sbx) => [sbx.demo.memberId, 'ffffffffffffffffffffffffffffffff'], '4000004'],
	])('refuses %s', async (_name, pick, code) => {
		const sbx = sandbox();
		const [memberId, documentId] = pick(sbx);
		expect((await decide(sbx, documentId, 'send', { input: approver }, memberId)).json.code).toBe(code);
		expect((await decide(sbx, documentId, 'decline', approver, memberId)).json.code).toBe(code);
	});

	it('refuses to approve once the template is gone (4000046); declining still works', async () => {
		const sbx = sandbox();
		const { awaitingApproval } = sbx.demo.documentIds;
		sbx.state.templates.get(sbx.demo.templateIds.contract)!.deleted = true;
		expect((await decide(sbx, awaitingApproval, 'send', { input: approver })).json.code).toBe('4000046');
		expect((await decide(sbx, awaitingApproval, 'decline', approver)).status).toBe(200);
	});
});
