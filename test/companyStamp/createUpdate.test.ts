import type { INodeExecutionData } from 'n8n-workflow';

import { pngImage } from '../../sandbox/png';
import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, runNode } from '../harness/operations';

// Company Stamp > Create and Update (docs/api/eformsign-api-notes.md, "Company stamps").
const sandbox = useSandbox();

const JIHO = 'jiho.park@sandbox.eformsign.test';
const SEAL = pngImage(32, 32, [180, 20, 20]);

function withFile(bytes: Buffer, property = 'data', mimeType = 'image/png'): INodeExecutionData[] {
	return [{ json: {}, binary: { [property]: { data: bytes.toString('base64'), mimeType, fileName: 'seal.png' } } }];
}

function description(error: Error | undefined): string | undefined {
	return (error as { description?: string } | undefined)?.description;
}

const ADMIN_ONLY = 'eformsign: Only an administrator can add, change or delete company stamps [code 4030009]';

describe('Company Stamp > Create (POST /v2.0/api/company_stamp)', () => {
	it('sends the PNG of the binary field as a data URL with the chosen groups and members', async () => {
		const sbx = sandbox();
		const sales = sbx.demo.groups.find((group) => group.name === 'Sales')!.id;
		const result = await runNode(
			sbx,
			{
				resource: 'companyStamp',
				operation: 'create',
				name: 'Sales seal',
				binaryPropertyName: 'seal',
				permissions: 'selected',
				groups: [sales],
				members: [JIHO],
			},
			withFile(SEAL, 'seal'),
			{ credential: { memberId: sbx.demo.adminId } },
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: '/v2.0/api/company_stamp',
				query: {},
				body: {
					company_stamp: {
						name: 'Sales seal',
						description: '',
						stamp: { path: `data:image/png;base64,${SEAL.toString('base64')}` },
						auth: { allow_all_members: false, groups: [sales], members: [JIHO] },
					},
				},
			},
		]);
		const [item] = result.items;
		expect(item.json).toEqual({
			id: expect.stringMatching(/^[0-9a-f]{32}$/),
			name: 'Sales seal',
			description: '',
			allow_all_members: false,
			groups: [sales],
			members: [JIHO],
		});
		const stored = sbx.state.stamps.get(String(item.json.id))!;
		expect(stored.image.equals(SEAL)).toBe(true);
		expect(stored.auth).toEqual({ allow_all_members: false, groups: [sales], members: [JIHO] });
	});

	it('lets every member use it by default, and sends the description', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			{ resource: 'companyStamp', operation: 'create', name: 'Received', additionalFields: { description: 'Inbound mail' } },
			withFile(SEAL),
			{ credential: { memberId: sbx.demo.adminId } },
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].body).toMatchObject({
			company_stamp: { description: 'Inbound mail', auth: { allow_all_members: true, groups: [], members: [] } },
		});
	});

	it.each([
		['a JPEG image', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]), 'image/jpeg'],
		['text', Buffer.from('Company seal, please scan\n'), 'text/plain'],
		['a PDF document', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), 'application/pdf'],
		['text: a PNG encoded as base64, not the image itself', Buffer.from(SEAL.toString('base64')), 'text/plain'],
		['an empty file', Buffer.alloc(0), 'image/png'],
	])('refuses %s before sending, naming the binary field', async (found, bytes, mimeType) => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			{ resource: 'companyStamp', operation: 'create', name: 'Scan', binaryPropertyName: 'scan' },
			withFile(bytes, 'scan', mimeType),
			{ credential: { memberId: sbx.demo.adminId } },
		);
		expect(result.error?.message).toBe(`The binary field "scan" holds ${found}, not a PNG image`);
		expect(description(result.error)).toMatch(/^eformsign takes stamp images as PNG/);
		expect(apiEntries(sbx)).toEqual([]);
	});

	it('names the binary fields the item has when the one named is missing', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, { resource: 'companyStamp', operation: 'create', name: 'Scan' }, withFile(SEAL, 'image'));
		expect(result.error?.message).toBe('The input item has no binary field "data"');
		expect(description(result.error)).toBe('Its binary fields are: "image". Put the name of the one holding the PNG in "Input Binary Field".');
		expect(apiEntries(sbx)).toEqual([]);
	});

	it('explains a member who is not an administrator and a company token (4030009)', async () => {
		const sbx = sandbox();
		for (const memberId of [sbx.demo.memberId, '']) {
			const result = await runNode(sbx, { resource: 'companyStamp', operation: 'create', name: 'Seal' }, withFile(SEAL), {
				credential: { memberId },
			});
			expect(result.error?.message).toBe(ADMIN_ONLY);
		}
		expect(sbx.state.stamps.size).toBe(2);
	});

	it('explains a name in use (4000174), a damaged PNG (4000229) and a malformed group ID', async () => {
		const sbx = sandbox();
		const admin = { credential: { memberId: sbx.demo.adminId } };
		const taken = await runNode(sbx, { resource: 'companyStamp', operation: 'create', name: 'Approved' }, withFile(SEAL), admin);
		expect(taken.error?.message).toBe('eformsign: A company stamp named "Approved" already exists [code 4000174]');

		const damaged = Buffer.from(SEAL);
		damaged[40] ^= 0xff;
		const refused = await runNode(sbx, { resource: 'companyStamp', operation: 'create', name: 'Broken' }, withFile(damaged), admin);
		expect(refused.error?.message).toBe('eformsign: Failed to create online data in the stamp [code 4000229]');
		expect(description(refused.error)).toMatch(/^eformsign could not process the stamp image/);

		sbx.clearLog();
		const badGroup = await runNode(
			sbx,
			{ resource: 'companyStamp', operation: 'create', name: 'Seal', permissions: 'selected', groups: '={{ "Sales" }}' },
			withFile(SEAL),
			admin,
		);
		expect(badGroup.error?.message).toBe('The group ID "Sales" in "Group Names or IDs" is not a valid ID');
		expect(apiEntries(sbx)).toEqual([]);
	});
});

describe('Company Stamp > Update (PATCH /v2.0/api/company_stamp/{stamp_id})', () => {
	const admin = (sbx: ReturnType<typeof sandbox>) => ({ credential: { memberId: sbx.demo.adminId } });

	it('keeps the current permissions, description and image when only the name changes', async () => {
		const sbx = sandbox();
		const stampId = sbx.demo.stampIds.ceo;
		const before = structuredClone(sbx.state.stamps.get(stampId)!);
		const result = await runNode(
			sbx,
			{ resource: 'companyStamp', operation: 'update', stampId: byId(stampId), updateFields: { name: 'CEO seal' } },
			undefined,
			admin(sbx),
		);

		expect(result.error).toBeUndefined();
		const currentAuth = { allow_all_members: false, groups: sbx.demo.stamps[0].groups, members: [sbx.demo.adminId] };
		expect(apiRequests(sbx)).toEqual([
			{ method: 'GET', path: '/v2.0/api/company_stamp', query: {}, body: undefined },
			{
				method: 'PATCH',
				path: `/v2.0/api/company_stamp/${stampId}`,
				query: {},
				body: { company_stamp: { name: 'CEO seal', description: "The CEO's seal", stamp: { path: '' }, auth: currentAuth } },
			},
		]);
		const after = sbx.state.stamps.get(stampId)!;
		expect(after.name).toBe('CEO seal');
		expect(after.auth).toEqual(before.auth);
		expect(after.description).toBe(before.description);
		expect(after.image.equals(before.image)).toBe(true);
		expect(result.items[0].json).toEqual({ id: stampId, name: 'CEO seal', description: "The CEO's seal", ...currentAuth, changed: ['name'] });
	});

	it('replaces the image and the permissions when asked, reading the rest first', async () => {
		const sbx = sandbox();
		const stampId = sbx.demo.stampIds.ceo;
		const result = await runNode(
			sbx,
			{
				resource: 'companyStamp',
				operation: 'update',
				stampId: byId(stampId),
				updateFields: { binaryPropertyName: 'data' },
				permissions: 'all',
			},
			withFile(SEAL),
			admin(sbx),
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[1].body).toEqual({
			company_stamp: {
				name: '대표이사 직인',
				description: "The CEO's seal",
				stamp: { path: `data:image/png;base64,${SEAL.toString('base64')}` },
				auth: { allow_all_members: true, groups: [], members: [] },
			},
		});
		expect(sbx.state.stamps.get(stampId)!.image.equals(SEAL)).toBe(true);
		expect(result.items[0].json.changed).toEqual(['image', 'permissions']);
	});

	it('sends one request when name, description and permissions are all given', async () => {
		const sbx = sandbox();
		const stampId = sbx.demo.stampIds.approved;
		const management = sbx.demo.stamps[0].groups[0];
		const result = await runNode(
			sbx,
			{
				resource: 'companyStamp',
				operation: 'update',
				stampId: byId(stampId),
				updateFields: { name: 'Approved (managers)', description: '' },
				permissions: 'selected',
				groups: [management],
			},
			undefined,
			admin(sbx),
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx).map((request) => request.method)).toEqual(['PATCH']);
		expect(sbx.state.stamps.get(stampId)).toMatchObject({
			name: 'Approved (managers)',
			description: '',
			auth: { allow_all_members: false, groups: [management], members: [] },
		});
	});

	it('refuses nothing to update and an unknown stamp before writing', async () => {
		const sbx = sandbox();
		const nothing = await runNode(sbx, { resource: 'companyStamp', operation: 'update', stampId: byId(sbx.demo.stampIds.ceo) }, undefined, admin(sbx));
		expect(nothing.error?.message).toBe('Nothing to update');
		expect(apiEntries(sbx)).toEqual([]);

		const unknown = await runNode(
			sbx,
			{ resource: 'companyStamp', operation: 'update', stampId: byId('b'.repeat(32)), updateFields: { name: 'X' } },
			undefined,
			admin(sbx),
		);
		expect(unknown.error?.message).toBe(`No company stamp has the ID "${'b'.repeat(32)}"`);
		expect(apiRequests(sbx).map((request) => request.method)).toEqual(['GET']);
	});

	it('explains a member who is not an administrator (4030009) and leaves the stamp as it was', async () => {
		const sbx = sandbox();
		const stampId = sbx.demo.stampIds.ceo;
		const result = await runNode(sbx, {
			resource: 'companyStamp',
			operation: 'update',
			stampId: byId(stampId),
			updateFields: { name: 'Mine now' },
		});
		expect(result.error?.message).toBe(ADMIN_ONLY);
		expect(sbx.state.stamps.get(stampId)!.name).toBe('대표이사 직인');
	});
});
