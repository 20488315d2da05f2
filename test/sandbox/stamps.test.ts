/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { deflateSync } from 'node:zlib';

import { useSandbox } from '../harness/eformsign';
import { api, token } from './helpers';

const sandbox = useSandbox();

const STAMPS = '/v2.0/api/company_stamp';

/** A 1×1 PNG built here with its own encoder, so the sandbox's checks are tested from outside. */
function tinyPng(): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([length, body, crc]);
	};
	const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

function crc32(bytes: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of bytes) {
		crc ^= byte;
		for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

const pngUrl = (bytes: Buffer = tinyPng()) => `data:image/png;base64,${bytes.toString('base64')}`;

function stampBody(fields: Record<string, unknown>) {
	return { company_stamp: { name: 'Sales seal', description: '', stamp: { path: pngUrl() }, ...fields } };
}

// docs/api/eformsign-api-notes.md, "Company stamps"
describe('company stamps', () => {
	it('lists stamps with auth objects and reads one with auth id arrays', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const list = await api(sbx, access, 'GET', STAMPS);
		expect(list.status).toBe(200);
		expect(list.json.total_rows).toBe(2);
		const [ceo] = list.json.company_stamps as Array<{ id: string; stamp: { path: string }; auth: { allow_all_members: boolean; groups: unknown[]; members: unknown[] } }>;
		expect(ceo).toMatchObject({ id: sbx.demo.stampIds.ceo, name: '대표이사 직인', deleted: false });
		expect(ceo.stamp.path).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
		expect(ceo.auth.allow_all_members).toBe(false);
		expect(ceo.auth.groups).toEqual([expect.objectContaining({ _id: sbx.demo.stamps[0].groups[0], name: 'Management' })]);
		expect(ceo.auth.members).toEqual([expect.objectContaining({ account_id: sbx.demo.adminId })]);

		const detail = await api(sbx, access, 'GET', `${STAMPS}/${sbx.demo.stampIds.ceo}`);
		expect(detail.json.auth).toEqual({
			allow_all_members: false,
			groups: sbx.demo.stamps[0].groups,
			members: [sbx.demo.adminId],
		});
		expect((await api(sbx, access, 'GET', `${STAMPS}/${'f'.repeat(32)}`)).json.code).toBe('4000175');
	});

	it('answers the list of a company without stamps with 4000175', async () => {
		const sbx = sandbox();
		sbx.state.stamps.clear();
		const { access } = await token(sbx);
		const list = await api(sbx, access, 'GET', STAMPS);
		expect([list.status, list.json.code]).toEqual([400, '4000175']);
	});

	it('needs a member token, and an administrator for writes (4030009)', async () => {
		const sbx = sandbox();
		const company = await token(sbx, '');
		expect((await api(sbx, company.access, 'GET', STAMPS)).json.code).toBe('4030009');
		const manager = await token(sbx);
		const refused = await api(sbx, manager.access, 'POST', STAMPS, stampBody({}));
		expect([refused.status, refused.json.code]).toEqual([403, '4030009']);
		expect((await api(sbx, manager.access, 'DELETE', `${STAMPS}/${sbx.demo.stampIds.ceo}`)).json.code).toBe('4030009');
		expect(sbx.state.stamps.size).toBe(2);
	});

	it('adds a stamp, then refuses its name again (4000174)', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx, sbx.demo.adminId);
		const sales = sbx.demo.groups.find((group) => group.name === 'Sales')!.id;
		const added = await api(
			sbx,
			access,
			'POST',
			STAMPS,
			stampBody({ auth: { allow_all_members: false, groups: [sales], members: [sbx.demo.memberId] } }),
		);
		expect(added.status).toBe(200);
		const { id, name } = added.json.company_stamp as { id: string; name: string };
		expect(name).toBe('Sales seal');
		const stored = sbx.state.stamps.get(id)!;
		expect(stored.image.equals(tinyPng())).toBe(true);
		expect(stored.auth).toEqual({ allow_all_members: false, groups: [sales], members: [sbx.demo.memberId] });
		expect((await api(sbx, access, 'POST', STAMPS, stampBody({}))).json.code).toBe('4000174');
	});

	it('checks the image: not a PNG 4000231, a damaged PNG 4000229, too big 4130002', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx, sbx.demo.adminId);
		const post = async (path: string) =>
			(await api(sbx, access, 'POST', STAMPS, stampBody({ stamp: { path } }))).json.code;
		const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
		expect(await post(`data:image/jpg;base64,${jpeg.toString('base64')}`)).toBe('4000231');
		expect(await post(tinyPng().toString('base64'))).toBe('4000231');
		const damaged = tinyPng();
		damaged[damaged.length - 20] ^= 0xff;
		expect(await post(pngUrl(damaged))).toBe('4000229');
		expect(await post(pngUrl(tinyPng().subarray(0, 30)))).toBe('4000229');
		const big = Buffer.concat([tinyPng(), Buffer.alloc(2 * 1024 * 1024)]);
		expect(await post(pngUrl(big))).toBe('4130002');
		expect(await post(`data:image/ozdpi,300;${tinyPng().toString('base64')}`)).toBe(undefined);
		expect(sbx.state.stamps.size).toBe(3);
	});

	it('updates: "" keeps the image, and an update without auth resets it to every member', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx, sbx.demo.adminId);
		const id = sbx.demo.stampIds.ceo;
		const image = sbx.state.stamps.get(id)!.image;
		const auth = { allow_all_members: false, groups: sbx.demo.stamps[0].groups, members: [sbx.demo.adminId] };
		const kept = await api(sbx, access, 'PATCH', `${STAMPS}/${id}`, {
			company_stamp: { name: 'CEO seal', description: 'renamed', stamp: { path: '' }, auth },
		});
		expect(kept.json.company_stamp).toEqual({ id, name: 'CEO seal' });
		expect(sbx.state.stamps.get(id)).toMatchObject({ name: 'CEO seal', description: 'renamed', auth });
		expect(sbx.state.stamps.get(id)!.image.equals(image)).toBe(true);

		await api(sbx, access, 'PATCH', `${STAMPS}/${id}`, { company_stamp: { name: 'CEO seal', stamp: { path: '' } } });
		expect(sbx.state.stamps.get(id)!.auth).toEqual({ allow_all_members: true, groups: [], members: [] });
		expect(sbx.state.stamps.get(id)!.description).toBe('renamed');
	});

	it('refuses an update without a body (raw Spring error), without a name, or of an unknown stamp', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx, sbx.demo.adminId);
		const id = sbx.demo.stampIds.ceo;
		const empty = await api(sbx, access, 'PATCH', `${STAMPS}/${id}`);
		expect([empty.status, empty.json]).toEqual([400, { code: '400', ErrorMessage: 'Required request body is missing' }]);
		const nameless = await api(sbx, access, 'PATCH', `${STAMPS}/${id}`, { company_stamp: { stamp: { path: '' } } });
		expect(nameless.json.code).toBe('4000001');
		const unknown = await api(sbx, access, 'PATCH', `${STAMPS}/${'0'.repeat(32)}`, stampBody({}));
		expect(unknown.json.code).toBe('4000175');
		const badGroup = await api(sbx, access, 'PATCH', `${STAMPS}/${id}`, stampBody({ auth: { groups: ['0'.repeat(32)] } }));
		expect(badGroup.json.code).toBe('4000011');
		const badMember = await api(sbx, access, 'PATCH', `${STAMPS}/${id}`, stampBody({ auth: { members: ['nobody@example.com'] } }));
		expect(badMember.json.code).toBe('4000074');
		expect(sbx.state.stamps.get(id)!.name).toBe('대표이사 직인');
	});

	it('deletes a stamp once (4000175 afterwards)', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx, sbx.demo.adminId);
		const path = `${STAMPS}/${sbx.demo.stampIds.approved}`;
		expect((await api(sbx, access, 'DELETE', path)).json).toEqual({ code: '-1', message: 'Completed.', status: '200' });
		expect((await api(sbx, access, 'DELETE', path)).json.code).toBe('4000175');
		expect([...sbx.state.stamps.keys()]).toEqual([sbx.demo.stampIds.ceo]);
	});
});
