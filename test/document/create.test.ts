import type { FieldType, INodeParameters, ResourceMapperValue } from 'n8n-workflow';

import { getTemplateFields } from '../../nodes/Eformsign/methods/resourceMapping';
import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, callMethod, items, runNode } from '../harness/operations';

const sandbox = useSandbox();

const CONTRACT_SCHEMA = [
	{ id: 'name', displayName: 'Name (name)', required: true, defaultMatch: false, display: true, type: 'string' as FieldType },
	{ id: 'amount', displayName: 'Annual salary (amount)', required: false, defaultMatch: false, display: true, type: 'number' as FieldType },
	{ id: 'date', displayName: 'Start date (date), yyyy-MM-dd', required: false, defaultMatch: false, display: true, type: 'string' as FieldType },
];

function mapped(value: ResourceMapperValue['value'], mappingMode = 'defineBelow'): ResourceMapperValue {
	return { mappingMode, value, matchingColumns: [], schema: CONTRACT_SCHEMA, attemptToConvertTypes: false, convertFieldsToString: false };
}

function create(templateId: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'document', operation: 'create', templateId: byId(templateId), ...extra };
}

const outsider = {
	stepType: '05',
	recipientType: 'member',
	name: '김철수',
	id: 'chulsoo.kim@example.com',
	useMail: true,
	useSms: true,
	countryCode: '+82',
	phoneNumber: '010-2345-6789',
	password: '6789',
	hint: '휴대폰번호 뒷자리',
	validDays: 7,
	validHours: 12,
};

// docs/api/eformsign-api-notes.md, "Create document"
describe('Document > Create (POST /v2.0/api/documents?template_id=)', () => {
	it('sends name, comment, recipients, mapped fields, parameters, group and CC exactly as the reference says', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			create(sbx.demo.templateIds.contract, {
				documentName: '근로계약서 - 김철수',
				comment: '서명 부탁드립니다.',
				recipients: { recipient: [outsider] },
				fieldInput: 'map',
				fieldValues: mapped({ name: '김철수', amount: 42000000, date: '2025-03-01' }),
				options: {
					selectGroupName: 'Sales',
					ccMembers: `seoyeon.lee@sandbox.eformsign.test, ${sbx.demo.adminId}`,
					parameters: { parameter: [{ id: 'jsonDataset', value: '{"team":"sales"}' }] },
					notification: { person: [{ name: '인사팀', email: 'hr@example.com' }] },
				},
			}),
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: '/v2.0/api/documents',
				query: { template_id: sbx.demo.templateIds.contract },
				body: {
					document: {
						document_name: '근로계약서 - 김철수',
						comment: '서명 부탁드립니다.',
						recipients: [
							{
								step_type: '05',
								use_mail: true,
								use_sms: true,
								member: {
									name: '김철수',
									id: 'chulsoo.kim@example.com',
									sms: { country_code: '+82', phone_number: '01023456789' },
								},
								auth: { password: '6789', password_hint: '휴대폰번호 뒷자리', valid: { day: 7, hour: 12 } },
							},
						],
						fields: [
							{ id: 'name', value: '김철수' },
							{ id: 'amount', value: '42000000' },
							{ id: 'date', value: '2025-03-01' },
						],
						parameters: [{ id: 'jsonDataset', value: '{"team":"sales"}' }],
						select_group_name: 'Sales',
						referers: { groups: [], members: ['seoyeon.lee@sandbox.eformsign.test', sbx.demo.adminId] },
						notification: [{ name: '인사팀', email: 'hr@example.com' }],
					},
				},
			},
		]);
		const json = result.items[0].json as { document: { id: string } };
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(json).toMatchObject({
			template_id: sbx.demo.templateIds.contract,
			document: { document_name: '근로계약서 - 김철수', document_status: 'doc_request_participant' },
			recipients: [{ member: { id: 'chulsoo.kim@example.com', name: '김철수' } }],
		});
		expect(sbx.state.documents.get(json.document.id)?.status_type).toBe('060');
	});

	it('saves a draft when there are no recipients (no recipients key is sent)', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, create(sbx.demo.templateIds.contract, { fieldInput: 'pairs', fieldPairs: { field: [{ id: 'name', value: 'Draft' }] } }));
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].body).toEqual({ document: { fields: [{ id: 'name', value: 'Draft' }] } });
		const id = (result.items[0].json as { document: { id: string } }).document.id;
		expect(result.items[0].json).toMatchObject({ document: { document_status: 'doc_tempsave' } });
		expect(sbx.state.documents.get(id)?.status_type).toBe('001');
	});

	it('routes a step to a group picked from the list', async () => {
		const sbx = sandbox();
		const sales = sbx.demo.groups.find((group) => group.name === 'Sales')!;
		const result = await runNode(
			sbx,
			create(sbx.demo.templateIds.contract, {
				recipients: { recipient: [{ stepType: '05', recipientType: 'group', groupId: { __rl: true, mode: 'list', value: sales.id }, useMail: true, useSms: false }] },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].body).toEqual({
			document: { recipients: [{ step_type: '05', use_mail: true, use_sms: false, group: { id: sales.id } }] },
		});
	});

	it('maps fields from the input item by name in "map automatically" mode', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			create(sbx.demo.templateIds.contract, { fieldValues: mapped({}, 'autoMapInputData') }),
			[{ json: { name: '이영희', amount: 1500, unrelated: 'not sent' } }],
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].body).toEqual({
			document: { fields: [{ id: 'name', value: '이영희' }, { id: 'amount', value: '1500' }] },
		});
	});

	it.each<[string, INodeParameters, RegExp, RegExp]>([
		[
			'a recipient without any channel',
			{ recipients: { recipient: [{ ...outsider, useMail: false, useSms: false }] } },
			/Recipient 1: neither e-mail nor SMS is selected/,
			/Turn on "Send by E-Mail"/,
		],
		[
			'an invalid e-mail address',
			{ recipients: { recipient: [{ ...outsider, id: 'kim@' }] } },
			/Recipient 1: "kim@" is not a valid e-mail address/,
			/Check the e-mail address/,
		],
		[
			'an SMS recipient without phone number',
			{ recipients: { recipient: [{ ...outsider, phoneNumber: '' }] } },
			/Recipient 1: the phone number is empty/,
			/digits only/,
		],
		[
			'a group step without group',
			{ recipients: { recipient: [{ stepType: '05', recipientType: 'group', groupId: byId('={{ "" }}'), useMail: true }] } },
			/Recipient 1: no group is selected/,
			/Pick a group/,
		],
		[
			'a template ID with a slash',
			// An expression, as a mapped value would be: the editor's own ID check does not see it.
			{ templateId: byId('={{ "../forms" }}') },
			/The template ID "\.\.\/forms" in "Template" is not a valid ID/,
			/An eformsign template ID is 32 hexadecimal characters/,
		],
		[
			'a field pair without ID',
			{ fieldInput: 'pairs', fieldPairs: { field: [{ id: ' ', value: 'x' }] } },
			/A field value has no field ID/,
			/Enter the field ID/,
		],
	])('refuses %s before calling eformsign', async (_label, extra, message, description) => {
		const sbx = sandbox();
		const result = await runNode(sbx, create(sbx.demo.templateIds.contract, extra));
		expect(result.error?.message).toMatch(message);
		expect((result.error as { description?: string }).description).toMatch(description);
		expect(apiEntries(sbx)).toEqual([]);
	});

	it('refuses a field value that is an object, naming the field and the item', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			create(sbx.demo.templateIds.contract, { fieldValues: mapped({}, 'autoMapInputData') }),
			[{ json: { name: 'ok' } }, { json: { name: { first: 'Kim' } } }],
		);
		expect(result.error?.message).toMatch(/The value of field "name" is not text/);
		expect((result.error as { description?: string }).description).toMatch(/JSON.stringify/);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
		expect(apiEntries(sbx)).toHaveLength(1);
	});

	it('reports eformsign\'s code and hint when the recipients do not fit the workflow (4000012)', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, create(sbx.demo.templateIds.contract, { recipients: { recipient: [outsider, outsider] } }));
		expect(result.error?.message).toMatch(/\[code 4000012\]/);
		expect((result.error as { description?: string }).description).toMatch(/One recipient per step|Add one recipient per step/);
	});

	it('continues on fail with one error item per failing input item', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			{ ...create(sbx.demo.templateIds.contract), templateId: byId('={{ $json.template }}') },
			items(3, (index) => ({ template: index === 1 ? sbx.demo.templateIds.disabled : sbx.demo.templateIds.contract })),
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.pairedItem, item.json.code ?? item.json.template_id])).toEqual([
			[{ item: 0 }, sbx.demo.templateIds.contract],
			[{ item: 1 }, '4000008'],
			[{ item: 2 }, sbx.demo.templateIds.contract],
		]);
		expect(result.items[1].json.error).toMatch(/\[code 4000008\]/);
		expect(result.items[1].json.description).toMatch(/Activate it in eformsign/);
	});
});

describe('Document > Create by a member in two groups', () => {
	it('names the option to set and the member\'s groups when eformsign answers 4000001', async () => {
		const sbx = sandbox();
		const twoGroups = sbx.demo.members.find((member) => member.account_id.startsWith('jiho.park@'))!;
		const result = await runNode(
			sbx,
			create(sbx.demo.templateIds.contract, { recipients: { recipient: [outsider] } }),
			undefined,
			{ credential: { memberId: twoGroups.account_id } },
		);

		expect(result.error?.message).toBe('eformsign: Required input value not found [code 4000001]');
		expect((result.error as { description?: string }).description).toBe(
			`The member of the credential (${twoGroups.account_id}) belongs to 2 groups (Sales, Engineering), so eformsign needs to know which one creates the document: set "Creator's Group Name" under Options to one of them.`,
		);
		// The document was refused as sent; the member lookup only explains why.
		expect(apiEntries(sbx).map((entry) => [entry.method, entry.path, entry.status])).toEqual([
			['POST', '/v2.0/api/documents', 400],
			['GET', '/v2.0/api/members', 200],
		]);
		expect((apiRequests(sbx)[0].body as { document: Record<string, unknown> }).document).not.toHaveProperty('select_group_name');

		sbx.clearLog();
		const named = await runNode(
			sbx,
			create(sbx.demo.templateIds.contract, { recipients: { recipient: [outsider] }, options: { selectGroupName: 'Engineering' } }),
			undefined,
			{ credential: { memberId: twoGroups.account_id } },
		);
		expect(named.error).toBeUndefined();
		expect((apiRequests(sbx)[0].body as { document: Record<string, unknown> }).document).toMatchObject({ select_group_name: 'Engineering' });
	});
});

// docs/api/eformsign-api-notes.md, "Templates"
describe('Field Values resource mapper (GET /v2.0/api/forms/{id}?is_include_config=true)', () => {
	it('offers the fillable fields of the template configuration', async () => {
		const sbx = sandbox();
		const fields = await callMethod(sbx, create(sbx.demo.templateIds.contract), async (context) => await getTemplateFields.call(context));
		expect(apiRequests(sbx)).toEqual([
			{ method: 'GET', path: `/v2.0/api/forms/${sbx.demo.templateIds.contract}`, query: { is_include_config: 'true' }, body: undefined },
		]);
		expect(fields.fields.map(({ id, displayName, required, type }) => ({ id, displayName, required, type }))).toEqual([
			{ id: 'name', displayName: 'Name (name)', required: true, type: 'string' },
			{ id: 'amount', displayName: 'Annual salary (amount)', required: false, type: 'number' },
			{ id: 'date', displayName: 'Start date (date), yyyy-MM-dd', required: false, type: 'string' },
			{ id: 'position', displayName: 'Position (position)', required: false, type: 'string' },
		]);
	});

	it('offers nothing while no template is chosen', async () => {
		const sbx = sandbox();
		const fields = await callMethod(sbx, create(''), async (context) => await getTemplateFields.call(context));
		expect(fields).toEqual({ fields: [] });
		expect(apiEntries(sbx)).toEqual([]);
	});
});
