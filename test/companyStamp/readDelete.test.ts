import { getGroups } from '../../nodes/Eformsign/methods/loadOptions/groups';
import { searchStamps } from '../../nodes/Eformsign/methods/listSearch/stamps';
import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, callMethod, fromList, runNode } from '../harness/operations';

// Company Stamp > Get Many, Get, Delete and the stamp picker (docs/api/eformsign-api-notes.md,
// "Company stamps").
const sandbox = useSandbox();

function description(error: Error | undefined): string | undefined {
	return (error as { description?: string } | undefined)?.description;
}

const LIST = { method: 'GET', path: '/v2.0/api/company_stamp', query: {}, body: undefined };

describe('Company Stamp > Get Many (GET /v2.0/api/company_stamp)', () => {
	it('returns each stamp simplified: IDs for groups and members, no image', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, { resource: 'companyStamp', operation: 'getMany', returnAll: true });

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([LIST]);
		const [ceo, approved] = sbx.demo.stamps;
		expect(result.items.map((item) => item.json)).toEqual([
			{
				id: ceo.id,
				name: '대표이사 직인',
				description: "The CEO's seal",
				allow_all_members: false,
				groups: ceo.groups,
				members: [sbx.demo.adminId],
				create_date: expect.any(Number),
				create_id: sbx.demo.adminId,
				update_date: expect.any(Number),
				update_id: sbx.demo.adminId,
			},
			expect.objectContaining({ id: approved.id, name: 'Approved', allow_all_members: true, groups: [], members: [] }),
		]);
		expect(JSON.stringify(result.items.map((item) => item.json))).not.toMatch(/base64/);
	});

	it('filters by name, stops at Limit, and gives the raw answer with Simplify off', async () => {
		const sbx = sandbox();
		const filtered = await runNode(sbx, {
			resource: 'companyStamp',
			operation: 'getMany',
			limit: 5,
			simplify: false,
			filters: { name: 'APPROV' },
		});
		expect(filtered.items).toHaveLength(1);
		expect(filtered.items[0].json).toMatchObject({
			id: sbx.demo.stampIds.approved,
			stamp: { path: expect.stringMatching(/^data:image\/png;base64,/) },
			auth: { allow_all_members: true },
		});
		const limited = await runNode(sbx, { resource: 'companyStamp', operation: 'getMany', limit: 1 });
		expect(limited.items.map((item) => item.json.id)).toEqual([sbx.demo.stampIds.ceo]);
	});

	it('reads a company without stamps (eformsign answers 4000175) as an empty list', async () => {
		const sbx = sandbox();
		sbx.state.stamps.clear();
		const result = await runNode(sbx, { resource: 'companyStamp', operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(apiEntries(sbx).map((entry) => entry.code)).toEqual(['4000175']);
	});

	it('needs a Member ID: a company token is refused (4030009) with the hint to set one', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, { resource: 'companyStamp', operation: 'getMany' }, undefined, {
			credential: { memberId: '' },
		});
		expect(result.error?.message).toBe('eformsign: You do not have access [code 4030009]');
		expect(description(result.error)).toMatch(/need the Member ID set in the credential/);
	});
});

describe('Company Stamp > Get (GET /v2.0/api/company_stamp/{stamp_id})', () => {
	it('returns one stamp, simplified or raw', async () => {
		const sbx = sandbox();
		const stampId = sbx.demo.stampIds.ceo;
		const simplified = await runNode(sbx, { resource: 'companyStamp', operation: 'get', stampId: fromList(stampId) });
		expect(apiRequests(sbx)).toEqual([{ ...LIST, path: `/v2.0/api/company_stamp/${stampId}` }]);
		expect(simplified.items[0].json).toMatchObject({
			id: stampId,
			allow_all_members: false,
			groups: sbx.demo.stamps[0].groups,
			members: [sbx.demo.adminId],
		});
		expect(Object.keys(simplified.items[0].json)).toHaveLength(10);

		const raw = await runNode(sbx, { resource: 'companyStamp', operation: 'get', stampId: byId(stampId), simplify: false });
		expect(raw.items[0].json).toMatchObject({ auth: { groups: sbx.demo.stamps[0].groups }, stamp: { type: 'image' } });
	});

	it('refuses a malformed stamp ID before sending, and explains an unknown one (4000175)', async () => {
		const sbx = sandbox();
		const malformed = await runNode(sbx, { resource: 'companyStamp', operation: 'get', stampId: byId('={{ "seal" }}') });
		expect(malformed.error?.message).toBe('The stamp ID "seal" in "Company Stamp" is not a valid ID');
		expect(description(malformed.error)).toMatch(/^An eformsign company stamp ID is 32 hexadecimal characters/);
		expect(apiEntries(sbx)).toEqual([]);

		const unknown = await runNode(sbx, { resource: 'companyStamp', operation: 'get', stampId: byId('a'.repeat(32)) });
		expect(unknown.error?.message).toBe('eformsign: No stamp found [code 4000175]');
		expect(description(unknown.error)).toBe('No company stamp has this ID. Pick the stamp from the list; it may have been deleted.');
	});
});

describe('Company Stamp > Delete (DELETE /v2.0/api/company_stamp/{stamp_id})', () => {
	it('deletes the stamp for an administrator and says so', async () => {
		const sbx = sandbox();
		const stampId = sbx.demo.stampIds.approved;
		const result = await runNode(sbx, { resource: 'companyStamp', operation: 'delete', stampId: byId(stampId) }, undefined, {
			credential: { memberId: sbx.demo.adminId },
		});
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([{ method: 'DELETE', path: `/v2.0/api/company_stamp/${stampId}`, query: {}, body: undefined }]);
		expect(result.items.map((item) => item.json)).toEqual([{ stamp_id: stampId, deleted: true }]);
		expect(sbx.state.stamps.has(stampId)).toBe(false);
	});

	it('explains a member who is not an administrator (4030009) and a company token, and keeps the stamp', async () => {
		const sbx = sandbox();
		const stampId = sbx.demo.stampIds.ceo;
		for (const memberId of [sbx.demo.memberId, '']) {
			const result = await runNode(sbx, { resource: 'companyStamp', operation: 'delete', stampId: byId(stampId) }, undefined, {
				credential: { memberId },
			});
			expect(result.error?.message).toBe('eformsign: Only an administrator can add, change or delete company stamps [code 4030009]');
			expect(description(result.error)).toMatch(/^Set the credential's Member ID to an administrator's login e-mail/);
		}
		expect(sbx.state.stamps.has(stampId)).toBe(true);
	});
});

describe('Company stamp and group pickers', () => {
	it('searchStamps lists the stamps by name, filtered', async () => {
		const sbx = sandbox();
		const parameters = { resource: 'companyStamp', operation: 'get' };
		const all = await callMethod(sbx, parameters, async (context) => await searchStamps.call(context));
		expect(all.results).toEqual([
			{ name: 'Approved', value: sbx.demo.stampIds.approved },
			{ name: '대표이사 직인', value: sbx.demo.stampIds.ceo },
		]);
		const filtered = await callMethod(sbx, parameters, async (context) => await searchStamps.call(context, '직인'));
		expect(filtered.results).toEqual([{ name: '대표이사 직인', value: sbx.demo.stampIds.ceo }]);
		expect(apiRequests(sbx)).toEqual([LIST, LIST]);
	});

	it('getGroups offers every group by name', async () => {
		const sbx = sandbox();
		const options = await callMethod(sbx, { resource: 'companyStamp', operation: 'create' }, async (context) => await getGroups.call(context));
		expect(options.map((option) => option.name)).toEqual(['Engineering', 'HR', 'Management', 'Sales']);
		expect(options[2].value).toBe(sbx.demo.groups.find((group) => group.name === 'Management')!.id);
	});
});
