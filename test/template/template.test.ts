import { searchTemplates } from '../../nodes/shared/templateSearch';
import { getTemplates } from '../../nodes/Eformsign/methods/loadOptions/templates';
import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, callMethod, runNode } from '../harness/operations';

const sandbox = useSandbox();

const LIST_FORMS = { method: 'GET', path: '/v2.0/api/forms', query: {}, body: undefined };

// docs/api/eformsign-api-notes.md, "Templates"
describe('Template > Get Many (GET /v2.0/api/forms)', () => {
	it('returns the enabled templates, one simplified item each', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, { resource: 'template', operation: 'getMany', returnAll: true, simplify: true });

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([LIST_FORMS]);
		expect(result.items.map((item) => item.json.form_id)).toEqual([
			sbx.demo.templateIds.contract,
			sbx.demo.templateIds.urlCreation,
			sbx.demo.templateIds.titleLocked,
		]);
		expect(result.items[0].json).toEqual({
			form_id: sbx.demo.templateIds.contract,
			name: 'Employment Contract',
			version: '1',
			category: 'HR',
			desc: 'Employment Contract (sandbox template)',
			enabled: true,
			owner_name: '관리자',
			create_date: expect.any(Number),
			update_date: expect.any(Number),
			favorite: false,
		});
		expect(Object.keys(result.items[0].json).length).toBeLessThanOrEqual(10);
	});

	it('filters by name, includes disabled templates on request, and returns raw data with Simplify off', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, {
			resource: 'template',
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			simplify: false,
			filters: { name: 'ORDER', includeDisabled: true },
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ form_id: sbx.demo.templateIds.disabled, enabled: false, file: expect.any(Object) });
	});

	it('stops at Limit and refuses a limit of 0', async () => {
		const sbx = sandbox();
		const limited = await runNode(sbx, { resource: 'template', operation: 'getMany', limit: 2 });
		expect(limited.items).toHaveLength(2);
		sbx.clearLog();
		const refused = await runNode(sbx, { resource: 'template', operation: 'getMany', limit: '={{ 0 }}' });
		expect(refused.error?.message).toBe('Limit is 0');
		expect(apiEntries(sbx)).toEqual([]);
	});
});

// docs/api/eformsign-api-notes.md, "Templates"
describe('Template > Delete (DELETE /v2.0/api/forms/{form_id})', () => {
	it('deletes the template and says so', async () => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.titleLocked;
		const result = await runNode(sbx, { resource: 'template', operation: 'delete', templateId: byId(templateId) });

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([{ method: 'DELETE', path: `/v2.0/api/forms/${templateId}`, query: {}, body: undefined }]);
		expect(result.items.map((item) => item.json)).toEqual([{ template_id: templateId, deleted: true }]);
		expect(sbx.state.templates.get(templateId)?.deleted).toBe(true);
	});

	it('reports an unknown template with code 4000046 and its hint', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, { resource: 'template', operation: 'delete', templateId: byId('ffffffffffffffffffffffffffffffff') });
		expect(result.error?.message).toBe('eformsign: There is no template [code 4000046]');
		expect((result.error as { description?: string }).description).toBe('No template has this ID. Pick the template from the list.');
	});

	it('reports a member without permission (4000044)', async () => {
		const sbx = sandbox();
		const plainMember = sbx.demo.members.find((member) => member.role.join() === 'member')!;
		const result = await runNode(
			sbx,
			{ resource: 'template', operation: 'delete', templateId: byId(sbx.demo.templateIds.contract) },
			undefined,
			{ credential: { memberId: plainMember.account_id } },
		);
		expect(result.error?.message).toMatch(/\[code 4000044\]/);
		expect((result.error as { description?: string }).description).toBe(
			"This member has no permission on the template. Use a credential whose Member ID is an administrator, the template's owner, or a member allowed to change it.",
		);
		expect(sbx.state.templates.get(sbx.demo.templateIds.contract)?.deleted).toBe(false);
	});
});

describe('Template pickers', () => {
	it('searchTemplates lists writable, enabled templates by name, filtered', async () => {
		const sbx = sandbox();
		const all = await callMethod(sbx, { resource: 'document', operation: 'create' }, async (context) => await searchTemplates.call(context));
		expect(apiRequests(sbx)).toEqual([LIST_FORMS]);
		expect(all.results).toEqual([
			{ name: 'Employment Contract', value: sbx.demo.templateIds.contract },
			{ name: 'Non-Disclosure Agreement', value: sbx.demo.templateIds.titleLocked },
			{ name: 'Service Application', value: sbx.demo.templateIds.urlCreation },
		]);
		const filtered = await callMethod(sbx, { resource: 'document', operation: 'create' }, async (context) => await searchTemplates.call(context, 'service'));
		expect(filtered.results).toEqual([{ name: 'Service Application', value: sbx.demo.templateIds.urlCreation }]);
	});

	it('getTemplates offers every template for the Get Many filter, disabled ones marked', async () => {
		const sbx = sandbox();
		const options = await callMethod(sbx, { resource: 'document', operation: 'getMany' }, async (context) => await getTemplates.call(context));
		expect(options).toContainEqual({ name: 'Purchase Order (expired) (disabled)', value: sbx.demo.templateIds.disabled });
		expect(options).toHaveLength(4);
	});
});
