/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { inflateSync } from 'node:zlib';

import { useSandbox } from '../harness/eformsign';
import { api, binary, token } from './helpers';

// The sandbox's templates beyond the list (docs/api/eformsign-api-notes.md, "Get one template",
// "Template permissions", "Template image").
const sandbox = useSandbox();

const JIHO = 'jiho.park@sandbox.eformsign.test';
const SEOYEON = 'seoyeon.lee@sandbox.eformsign.test';
const YUNA = 'yuna.choi@sandbox.eformsign.test';

function permissionsPath(formId: string): string {
	return `/v2.0/api/forms/${formId}/permissions`;
}

async function formIds(sbx: ReturnType<typeof sandbox>, accountId: string): Promise<string[]> {
	const { access } = await token(sbx, accountId);
	const list = await api(sbx, access, 'GET', '/v2.0/api/forms');
	return (list.json.templates as Array<{ form_id: string }>).map((template) => template.form_id);
}

describe('one template', () => {
	it('answers a company token too, with the image id and the retention period as number or object', async () => {
		const sbx = sandbox();
		const company = await token(sbx, '');
		const contract = await api(sbx, company.access, 'GET', `/v2.0/api/forms/${sbx.demo.templateIds.contract}`);
		const template = contract.json.template as { file: { form_image_id: string }; form_image_id?: string; form_doc_retention_period: unknown };
		expect(template.file.form_image_id).toBe(sbx.demo.templates[0].image_id);
		expect(template.form_image_id).toBeUndefined();
		expect(template.form_doc_retention_period).toEqual({ usePeriod: true, periodType: 'year', period: 5 });
		const nda = await api(sbx, company.access, 'GET', `/v2.0/api/forms/${sbx.demo.templateIds.titleLocked}`);
		expect((nda.json.template as Record<string, unknown>).form_doc_retention_period).toBe(0);
	});
});

describe('template permissions', () => {
	it('"use" decides which templates a plain member lists and may read', async () => {
		const sbx = sandbox();
		const { contract, urlCreation } = sbx.demo.templateIds;
		expect(await formIds(sbx, JIHO)).toContain(contract);
		const admin = await token(sbx, sbx.demo.adminId);
		const restrict = await api(sbx, admin.access, 'PATCH', permissionsPath(contract), {
			use_all_members: false,
			use: { members: { add: [SEOYEON] } },
		});
		expect(restrict.json).toEqual({ code: '-1', message: 'Completed.', status: '200' });
		expect(await formIds(sbx, JIHO)).not.toContain(contract);
		expect(await formIds(sbx, SEOYEON)).toContain(contract);
		const jiho = await token(sbx, JIHO);
		expect((await api(sbx, jiho.access, 'GET', `/v2.0/api/forms/${contract}`)).json.code).toBe('4030009');

		const engineering = sbx.demo.groups.find((group) => group.name === 'Engineering')!.id;
		await api(sbx, admin.access, 'PATCH', permissionsPath(contract), {
			use: { groups: { add: [engineering] }, members: { delete: [SEOYEON] } },
		});
		expect(await formIds(sbx, JIHO)).toContain(contract);
		expect(await formIds(sbx, SEOYEON)).not.toContain(contract);
		expect(sbx.state.templates.get(contract)!.permissions).toEqual({
			use_all_members: false,
			use: { members: [], groups: [engineering] },
			modify: { members: [], groups: [], managers: ['TEMPLATE_MANAGER'] },
		});
		expect(sbx.state.templates.get(urlCreation)!.permissions.use_all_members).toBe(true);
	});

	it('lets template managers change it while their role may; others get 4000044 or 4030009', async () => {
		const sbx = sandbox();
		const { contract } = sbx.demo.templateIds;
		const body = { modify: { managers: { delete: ['TEMPLATE_MANAGER'], add: ['DOCUMENT_MANAGER'] } } };
		const company = await token(sbx, '');
		expect((await api(sbx, company.access, 'PATCH', permissionsPath(contract), body)).json.code).toBe('4030009');
		const plain = await token(sbx, JIHO);
		const refused = await api(sbx, plain.access, 'PATCH', permissionsPath(contract), body);
		expect([refused.status, refused.json.code]).toEqual([403, '4030009']);
		const documentManager = await token(sbx, SEOYEON);
		expect((await api(sbx, documentManager.access, 'PATCH', permissionsPath(contract), body)).json.code).toBe('4000044');

		const templateManager = await token(sbx, YUNA);
		expect((await api(sbx, templateManager.access, 'PATCH', permissionsPath(contract), body)).status).toBe(200);
		expect(sbx.state.templates.get(contract)!.permissions.modify.managers).toEqual(['DOCUMENT_MANAGER']);
		// The change took the template manager's own right away; the document manager has it now.
		expect((await api(sbx, templateManager.access, 'PATCH', permissionsPath(contract), body)).json.code).toBe('4000044');
		expect((await api(sbx, documentManager.access, 'PATCH', permissionsPath(contract), { use_all_members: true })).status).toBe(200);
	});

	it('refuses an empty change, unknown members, groups, roles and templates', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx, sbx.demo.adminId);
		const path = permissionsPath(sbx.demo.templateIds.contract);
		const codeOf = async (body: unknown) => (await api(sbx, access, 'PATCH', path, body)).json.code;
		expect(await codeOf({})).toBe('4000001');
		expect(await codeOf({ use: { members: { add: [] } } })).toBe('4000001');
		expect(await codeOf({ use: { members: { add: ['nobody@example.com'] } } })).toBe('4000074');
		expect(await codeOf({ modify: { groups: { add: ['0'.repeat(32)] } } })).toBe('4000011');
		expect(await codeOf({ modify: { managers: { add: ['template_manager'] } } })).toBe('4000001');
		expect(await codeOf({ use_all_members: 'maybe' })).toBe('4000001');
		expect((await api(sbx, access, 'PATCH', path, '{"use_all_members":')).json.code).toBe('4000070');
		const unknown = await api(sbx, access, 'PATCH', permissionsPath('f'.repeat(32)), { use_all_members: true });
		expect(unknown.json.code).toBe('4000046');
		expect(sbx.state.templates.get(sbx.demo.templateIds.contract)!.permissions.use_all_members).toBe(true);
	});
});

describe('template image', () => {
	it('serves the preview as a PNG with output_type=1 and as base64 text otherwise', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx, '');
		const imageId = sbx.demo.templates[0].image_id;
		const png = await binary(sbx, access, `/v2.0/api/template_image/${imageId}?output_type=1`);
		expect(png.status).toBe(200);
		expect(png.headers.get('content-type')).toBe('image/png');
		expect(png.bytes.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
		// The image data inflates: a whole PNG, not a signature alone.
		const idat = png.bytes.indexOf('IDAT');
		expect(inflateSync(png.bytes.subarray(idat + 4, idat + 4 + png.bytes.readUInt32BE(idat - 4))).length).toBe(160 * (1 + 120 * 3));

		const base64 = await api(sbx, access, 'GET', `/v2.0/api/template_image/${imageId}?output_type=0`);
		expect(Buffer.from(base64.text, 'base64').equals(png.bytes)).toBe(true);
		const unknown = await api(sbx, access, 'GET', `/v2.0/api/template_image/${sbx.demo.templateIds.contract}?output_type=1`);
		expect(unknown.json.code).toBe('4000065');
	});
});
