import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, fromList, runNode } from '../harness/operations';

// Template > Get and Update Permissions against the sandbox (docs/api/eformsign-api-notes.md,
// "Get one template", "Template permissions").
const sandbox = useSandbox();

const JIHO = 'jiho.park@sandbox.eformsign.test';
const SEOYEON = 'seoyeon.lee@sandbox.eformsign.test';

function description(error: Error | undefined): string | undefined {
	return (error as { description?: string } | undefined)?.description;
}

function groupId(sbx: ReturnType<typeof sandbox>, name: string): string {
	return sbx.demo.groups.find((group) => group.name === name)!.id;
}

describe('Template > Get (GET /v2.0/api/forms/{form_id})', () => {
	it('returns the simplified template: name, version, category, owner, dates, enabled, image ID', async () => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.contract;
		const result = await runNode(sbx, { resource: 'template', operation: 'get', templateId: fromList(templateId) });

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([{ method: 'GET', path: `/v2.0/api/forms/${templateId}`, query: {}, body: undefined }]);
		expect(result.items.map((item) => item.json)).toEqual([
			{
				form_id: templateId,
				name: 'Employment Contract',
				version: '1',
				category: 'HR',
				owner_id: sbx.demo.adminId,
				owner_name: '관리자',
				create_date: expect.any(Number),
				update_date: expect.any(Number),
				enabled: true,
				form_image_id: sbx.demo.templates[0].image_id,
			},
		]);
	});

	it('adds the settings with Include Settings, and gives the raw answer with Simplify off', async () => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.titleLocked;
		const withSettings = await runNode(sbx, {
			resource: 'template',
			operation: 'get',
			templateId: byId(templateId),
			options: { includeConfig: true },
		});
		expect(apiRequests(sbx)[0].query).toEqual({ is_include_config: 'true' });
		const config = withSettings.items[0].json.config as { step_settings: Array<{ step_type: string }> };
		expect(config.step_settings.map((step) => step.step_type)).toEqual(['00', '05', '05', '01']);
		expect(Object.keys(withSettings.items[0].json)).toHaveLength(11);

		// This template answers form_doc_retention_period as a number, the contract as an object.
		const raw = await runNode(sbx, { resource: 'template', operation: 'get', templateId: byId(templateId), simplify: false });
		expect(raw.items[0].json).toMatchObject({ form_id: templateId, title_change: false, form_doc_retention_period: 0 });
		const contract = await runNode(sbx, {
			resource: 'template',
			operation: 'get',
			templateId: byId(sbx.demo.templateIds.contract),
			simplify: false,
		});
		expect(contract.items[0].json.form_doc_retention_period).toEqual({ usePeriod: true, periodType: 'year', period: 5 });
	});

	it('works with a company token (no Member ID), as eformsign allows', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			{ resource: 'template', operation: 'get', templateId: byId(sbx.demo.templateIds.urlCreation) },
			undefined,
			{ credential: { memberId: '' } },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.name).toBe('Service Application');
	});

	it('refuses a malformed template ID before sending, and explains an unknown one (4000046)', async () => {
		const sbx = sandbox();
		const malformed = await runNode(sbx, { resource: 'template', operation: 'get', templateId: byId('={{ "test_template_id" }}') });
		expect(malformed.error?.message).toBe('The template ID "test_template_id" in "Template" is not a valid ID');
		expect(apiEntries(sbx)).toEqual([]);

		const unknown = await runNode(sbx, { resource: 'template', operation: 'get', templateId: byId('f'.repeat(32)) });
		expect(unknown.error?.message).toBe('eformsign: There is no template [code 4000046]');
		expect(description(unknown.error)).toBe('No template has this ID. Pick the template from the list.');
	});
});

describe('Template > Update Permissions (PATCH /v2.0/api/forms/{form_id}/permissions)', () => {
	it('sends only the changes, says what changed, and the template leaves the lists of those without use permission', async () => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.contract;
		const hr = groupId(sbx, 'HR');
		const result = await runNode(
			sbx,
			{
				resource: 'template',
				operation: 'updatePermissions',
				templateId: byId(templateId),
				useAccess: 'listed',
				use: { addMembers: [SEOYEON], addGroups: [hr] },
				modify: { addManagers: ['DOCUMENT_MANAGER'], removeManagers: ['TEMPLATE_MANAGER'] },
			},
			undefined,
			{ credential: { memberId: sbx.demo.adminId } },
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'PATCH',
				path: `/v2.0/api/forms/${templateId}/permissions`,
				query: {},
				body: {
					use_all_members: false,
					use: { members: { add: [SEOYEON] }, groups: { add: [hr] } },
					modify: { managers: { add: ['DOCUMENT_MANAGER'], delete: ['TEMPLATE_MANAGER'] } },
				},
			},
		]);
		expect(result.items[0].json).toEqual({
			template_id: templateId,
			use_all_members: false,
			use: { members_added: [SEOYEON], members_removed: [], groups_added: [hr], groups_removed: [] },
			modify: {
				members_added: [],
				members_removed: [],
				groups_added: [],
				groups_removed: [],
				managers_added: ['DOCUMENT_MANAGER'],
				managers_removed: ['TEMPLATE_MANAGER'],
			},
			summary: `Use: only members and groups given permission may use it; members added: ${SEOYEON}; groups added: ${hr}. Edit: managers added: DOCUMENT_MANAGER; managers removed: TEMPLATE_MANAGER.`,
		});
		expect(sbx.state.templates.get(templateId)!.permissions).toEqual({
			use_all_members: false,
			use: { members: [SEOYEON], groups: [hr] },
			modify: { members: [], groups: [], managers: ['DOCUMENT_MANAGER'] },
		});

		const listOf = async (memberId: string) =>
			(await runNode(sbx, { resource: 'template', operation: 'getMany', returnAll: true }, undefined, { credential: { memberId } })).items.map(
				(item) => item.json.form_id,
			);
		expect(await listOf(JIHO)).not.toContain(templateId);
		expect(await listOf(SEOYEON)).toContain(templateId);
	});

	it('takes IDs mapped as comma-separated text, and removes as well as adds', async () => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.urlCreation;
		sbx.state.templates.get(templateId)!.permissions.modify.members.push(JIHO);
		const result = await runNode(
			sbx,
			{
				resource: 'template',
				operation: 'updatePermissions',
				templateId: byId(templateId),
				modify: { addMembers: `={{ "${SEOYEON}, ${sbx.demo.memberId}" }}`, removeMembers: `={{ "${JIHO}" }}` },
			},
			undefined,
			{ credential: { memberId: sbx.demo.adminId } },
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].body).toEqual({ modify: { members: { add: [SEOYEON, sbx.demo.memberId], delete: [JIHO] } } });
		expect(sbx.state.templates.get(templateId)!.permissions.modify.members).toEqual([SEOYEON, sbx.demo.memberId]);
		expect(result.items[0].json.summary).toBe(`Edit: members added: ${SEOYEON}, ${sbx.demo.memberId}; members removed: ${JIHO}.`);
		expect(result.items[0].json).not.toHaveProperty('use_all_members');
	});

	it('refuses an empty change, malformed IDs and one ID both added and removed, before sending', async () => {
		const sbx = sandbox();
		const base = { resource: 'template', operation: 'updatePermissions', templateId: byId(sbx.demo.templateIds.contract) };
		const empty = await runNode(sbx, { ...base, use: { addMembers: [] } });
		expect(empty.error?.message).toBe('Nothing to change');
		expect(description(empty.error)).toMatch(/"Who May Use It"/);

		const badMember = await runNode(sbx, { ...base, use: { addMembers: ['kim'] } });
		expect(badMember.error?.message).toBe('The member ID "kim" in "Use Permission > Add Member Names or IDs" is not a valid ID');
		const badGroup = await runNode(sbx, { ...base, modify: { removeGroups: ['Sales'] } });
		expect(badGroup.error?.message).toBe('The group ID "Sales" in "Edit Permission > Remove Group Names or IDs" is not a valid ID');
		const badRole = await runNode(sbx, { ...base, modify: { addManagers: '={{ "template_manager" }}' } });
		expect(badRole.error?.message).toBe('"template_manager" in "Edit Permission > Add Manager Roles" is not a manager role');
		const both = await runNode(sbx, { ...base, use: { addMembers: [JIHO], removeMembers: [JIHO] } });
		expect(both.error?.message).toBe(`"${JIHO}" is both added and removed in Use Permission`);
		const badTemplate = await runNode(sbx, { ...base, templateId: byId('={{ "0123" }}'), useAccess: 'all' });
		expect(badTemplate.error?.message).toBe('The template ID "0123" in "Template" is not a valid ID');
		expect(apiEntries(sbx)).toEqual([]);
	});

	it('explains a member without permission (4030009) and a company token (4030009)', async () => {
		const sbx = sandbox();
		const parameters = {
			resource: 'template',
			operation: 'updatePermissions',
			templateId: byId(sbx.demo.templateIds.contract),
			useAccess: 'all',
		};
		for (const memberId of [JIHO, '']) {
			sbx.clearLog();
			const result = await runNode(sbx, parameters, undefined, { credential: { memberId } });
			expect(result.error?.message).toBe("eformsign: This member may not change the template's permissions [code 4030009]");
			expect(description(result.error)).toMatch(/^Set the credential's Member ID to an administrator's login e-mail/);
			expect(apiEntries(sbx).map((entry) => [entry.method, entry.status])).toEqual([['PATCH', 403]]);
		}
		expect(sbx.state.templates.get(sbx.demo.templateIds.contract)!.permissions.modify.managers).toEqual(['TEMPLATE_MANAGER']);
	});

	it('lets a template manager change it, and explains 4000044 and unknown members (4000074) and groups (4000011)', async () => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.contract;
		const run = (parameters: Record<string, unknown>, memberId: string) =>
			runNode(sbx, { resource: 'template', operation: 'updatePermissions', templateId: byId(templateId), ...parameters }, undefined, {
				credential: { memberId },
			});
		expect((await run({ use: { addMembers: [JIHO] } }, sbx.demo.memberId)).error).toBeUndefined();

		const documentManager = await run({ useAccess: 'all' }, SEOYEON);
		expect(documentManager.error?.message).toMatch(/\[code 4000044\]$/);
		expect(description(documentManager.error)).toMatch(/Use a credential whose Member ID is an administrator/);

		const unknownMember = await run({ use: { addMembers: ['nobody@example.com'] } }, sbx.demo.adminId);
		expect(unknownMember.error?.message).toBe('eformsign: A member to add or remove is not a member of the company [code 4000074]');
		const unknownGroup = await run({ modify: { addGroups: ['0'.repeat(32)] } }, sbx.demo.adminId);
		expect(unknownGroup.error?.message).toBe('eformsign: A group to add or remove does not exist [code 4000011]');
		expect(sbx.state.templates.get(templateId)!.permissions.use.members).toEqual([JIHO]);
	});
});
