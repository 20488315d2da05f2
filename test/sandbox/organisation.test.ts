import { useSandbox } from '../harness/eformsign';
import { api, token } from './helpers';

const sandbox = useSandbox();

const contact = { tel: '', number: '' };

// docs/api/eformsign-api-notes.md, "Templates"
describe('templates', () => {
	it('lists templates with form_id and enabled, and reads one with its config', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const list = await api(sbx, access, 'GET', '/v2.0/api/forms');
		expect(list.json.total_rows).toBe(4);
		const templates = list.json.templates as Array<{ form_id: string; enabled: boolean; name: string }>;
		expect(templates.map((template) => [template.form_id, template.enabled])).toContainEqual([sbx.demo.templateIds.disabled, false]);
		const single = await api(sbx, access, 'GET', `/v2.0/api/forms/${sbx.demo.templateIds.titleLocked}?is_include_config=true`);
		const template = single.json.template as { title_change: boolean; config: { fields: Array<{ id: string }>; step_settings: Array<{ step_type: string }> } };
		expect(template.title_change).toBe(false);
		expect(template.config.fields.map((field) => field.id)).toEqual(['name', 'amount', 'date', 'company']);
		expect(template.config.step_settings.map((step) => step.step_type)).toEqual(['00', '05', '05', '01']);
		const withoutConfig = await api(sbx, access, 'GET', `/v2.0/api/forms/${sbx.demo.templateIds.contract}`);
		expect(withoutConfig.json.template).not.toHaveProperty('config');
	});

	it('deletes a template once (4000046 afterwards) and checks permission (4000044)', async () => {
		const sbx = sandbox();
		const plain = await token(sbx, 'jiho.park@sandbox.eformsign.test');
		const refused = await api(sbx, plain.access, 'DELETE', `/v2.0/api/forms/${sbx.demo.templateIds.contract}`);
		expect(refused.json.code).toBe('4000044');
		const { access } = await token(sbx);
		const deleted = await api(sbx, access, 'DELETE', `/v2.0/api/forms/${sbx.demo.templateIds.contract}`);
		expect(deleted.json).toEqual({ code: '-1', message: 'Completed.', status: '200' });
		expect((await api(sbx, access, 'DELETE', `/v2.0/api/forms/${sbx.demo.templateIds.contract}`)).json.code).toBe('4000046');
		const create = await api(sbx, access, 'POST', `/v2.0/api/documents?template_id=${sbx.demo.templateIds.contract}`, { document: {} });
		expect(create.json.code).toBe('4000046');
	});
});

// docs/api/eformsign-api-notes.md, "Members"
describe('members', () => {
	it('lists members with search, fields and deleted members on request', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const all = await api(sbx, access, 'GET', '/v2.0/api/members');
		expect((all.json.members as unknown[]).length).toBe(5);
		expect(all.json).not.toHaveProperty('format');
		const found = await api(sbx, access, 'GET', '/v2.0/api/members?eb_name_search=minjun&include_field=true');
		const members = found.json.members as Array<{ account_id: string; group: string[]; fields: unknown[] }>;
		expect(members.map((member) => member.account_id)).toEqual([sbx.demo.memberId]);
		expect(members[0].group).toEqual(['Sales']);
		expect(members[0].fields.length).toBe(1);
		expect(found.json).toHaveProperty('format');
		await api(sbx, access, 'DELETE', '/v2.0/api/members/yuna.choi@sandbox.eformsign.test');
		expect(((await api(sbx, access, 'GET', '/v2.0/api/members')).json.members as unknown[]).length).toBe(4);
		expect(((await api(sbx, access, 'GET', '/v2.0/api/members?include_delete=true')).json.members as unknown[]).length).toBe(5);
	});

	it('updates a member only with account.contact holding tel and number', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const path = '/v2.0/api/members/jiho.park@sandbox.eformsign.test';
		const noContact = await api(sbx, access, 'PATCH', path, { account: { name: 'Jiho' } });
		expect([noContact.status, noContact.json.code]).toEqual([400, '4000070']);
		const halfContact = await api(sbx, access, 'PATCH', path, { account: { name: 'Jiho', contact: { tel: '' } } });
		expect(halfContact.json.code).toBe('4000070');
		const updated = await api(sbx, access, 'PATCH', path, {
			account: { id: 'jiho.park@sandbox.eformsign.test', name: 'Jiho Park', department: 'R&D', contact, role: ['template_manager'] },
		});
		expect(updated.json).toEqual({ company_id: sbx.demo.companyId, member: { name: 'Jiho Park', id: 'jiho.park@sandbox.eformsign.test' } });
		expect(sbx.state.members.get('jiho.park@sandbox.eformsign.test')).toMatchObject({ name: 'Jiho Park', department: 'R&D', role: ['template_manager'] });
	});

	it('protects the admin (4000125), knows unknown (4000074) and twice-deleted (4000149) members', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const admin = await api(sbx, access, 'PATCH', `/v2.0/api/members/${sbx.demo.adminId}`, { account: { name: 'x', contact } });
		expect([admin.status, admin.json.code]).toEqual([400, '4000125']);
		expect((await api(sbx, access, 'DELETE', `/v2.0/api/members/${sbx.demo.adminId}`)).json.code).toBe('4000125');
		expect((await api(sbx, access, 'PATCH', '/v2.0/api/members/nobody@example.com', { account: { contact } })).json.code).toBe('4000074');
		const path = '/v2.0/api/members/seoyeon.lee@sandbox.eformsign.test';
		expect((await api(sbx, access, 'DELETE', path)).json).toEqual({ code: '-1', message: 'Completed.', status: '200' });
		expect((await api(sbx, access, 'DELETE', path)).json.code).toBe('4000149');
		expect((await api(sbx, access, 'PATCH', path, { account: { contact } })).json.code).toBe('4000074');
	});
});

// docs/api/eformsign-api-notes.md, "Groups"
describe('groups', () => {
	it('lists groups with members on request and searches by name', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		const plain = await api(sbx, access, 'GET', '/v2.0/api/groups');
		expect((plain.json.groups as Array<{ members: unknown[] }>).every((group) => group.members.length === 0)).toBe(true);
		const sales = await api(sbx, access, 'GET', '/v2.0/api/groups?include_member=true&eb_name_search=sal');
		const groups = sales.json.groups as Array<{ name: string; members: Array<{ account_id: string }> }>;
		expect(groups.map((group) => group.name)).toEqual(['Sales']);
		expect(groups[0].members.map((member) => member.account_id)).toEqual([sbx.demo.memberId, 'jiho.park@sandbox.eformsign.test']);
	});

	it('creates, updates and deletes with the strict rules', async () => {
		const sbx = sandbox();
		const { access } = await token(sbx);
		expect((await api(sbx, access, 'POST', '/v2.0/api/groups', { group: { name: '  ', description: '' } })).json.code).toBe('4000249');
		expect((await api(sbx, access, 'POST', '/v2.0/api/groups', { group: { name: 'sales' } })).json.code).toBe('4000122');
		expect((await api(sbx, access, 'POST', '/v2.0/api/groups', { group: { name: 'Ops', members: ['nobody@example.com'] } })).json.code).toBe('4000074');
		const created = await api(sbx, access, 'POST', '/v2.0/api/groups', { group: { name: 'Ops', description: 'Operations', members: [sbx.demo.memberId] } });
		const group = created.json.group as { id: string; name: string };
		expect(group).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'Ops' });

		const noDescription = await api(sbx, access, 'PATCH', `/v2.0/api/groups/${group.id}`, { group: { name: 'Ops 2' } });
		expect([noDescription.status, noDescription.json.code]).toEqual([400, '4000001']);
		expect((await api(sbx, access, 'PATCH', `/v2.0/api/groups/${'0'.repeat(32)}`, { group: { name: 'x', description: '' } })).json.code).toBe('4000123');
		expect((await api(sbx, access, 'PATCH', `/v2.0/api/groups/${group.id}`, { group: { name: 'HR', description: '' } })).json.code).toBe('4000122');
		const renamed = await api(sbx, access, 'PATCH', `/v2.0/api/groups/${group.id}`, { group: { name: 'Ops 2', description: '' } });
		expect(renamed.json).toEqual({ group: { id: group.id, name: 'Ops 2' } });

		expect((await api(sbx, access, 'DELETE', '/v2.0/api/groups', { group_ids: [group.id, 'missing'] })).json.code).toBe('4000011');
		expect(sbx.state.groups.has(group.id)).toBe(true);
		expect((await api(sbx, access, 'DELETE', '/v2.0/api/groups', { group_ids: [group.id] })).json).toEqual({ code: '-1', message: 'Completed.', status: '200' });
		expect((await api(sbx, access, 'DELETE', '/v2.0/api/groups', { group_ids: [group.id] })).json.code).toBe('4000011');
	});
});
