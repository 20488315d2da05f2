import { useSandbox } from '../harness/eformsign';
import { apiRequests, runNode } from '../harness/operations';

const sandbox = useSandbox();

const MINJUN = 'minjun.kim@sandbox.eformsign.test';
const JIHO = 'jiho.park@sandbox.eformsign.test';

describe('Get Many', () => {
	it('lists every group as one item, exactly as eformsign sent it', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, { resource: 'group', operation: 'getMany', returnAll: true });

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{ method: 'GET', path: '/v2.0/api/groups', query: {}, body: undefined },
		]);
		expect(result.items.map((item) => item.json)).toEqual(
			[...sbx.state.groups.values()].map((group) => ({
				id: group.id,
				name: group.name,
				description: group.description,
				create_date: group.create_date,
				members: [],
				fields: [],
			})),
		);
		expect(result.items.map((item) => item.json.name)).toEqual([
			'Sales',
			'Engineering',
			'HR',
			'Management',
		]);
	});

	it('sends Include Members, Include Fields and Search, and applies Limit in the node', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, {
			resource: 'group',
			operation: 'getMany',
			returnAll: false,
			limit: 1,
			options: { include_member: true, include_field: true, eb_name_search: 'a' },
		});

		expect(apiRequests(sbx)).toEqual([
			{
				method: 'GET',
				path: '/v2.0/api/groups',
				query: { include_field: 'true', include_member: 'true', eb_name_search: 'a' },
				body: undefined,
			},
		]);
		const sales = sbx.demo.groups.find((group) => group.name === 'Sales')!;
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: sales.id, name: 'Sales', fields: [] });
		expect(
			(result.items[0].json.members as Array<{ account_id: string }>).map((m) => m.account_id),
		).toEqual([MINJUN, JIHO]);
	});
});

describe('Create', () => {
	function create(name: string, members: unknown, description?: string) {
		return {
			resource: 'group',
			operation: 'create',
			name,
			members,
			additionalFields: description === undefined ? {} : { description },
		};
	}

	it('creates a group with members picked from the list and outputs the new group', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, create('Marketing', [MINJUN, JIHO], 'Marketing team'));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: '/v2.0/api/groups',
				query: {},
				body: {
					group: { name: 'Marketing', description: 'Marketing team', members: [MINJUN, JIHO] },
				},
			},
		]);
		const created = [...sbx.state.groups.values()].find((group) => group.name === 'Marketing')!;
		expect(created).toMatchObject({ description: 'Marketing team', members: [MINJUN, JIHO] });
		expect(result.items).toEqual([
			{ json: { id: created.id, name: 'Marketing' }, pairedItem: { item: 0 } },
		]);
	});

	it('takes members mapped as comma-separated e-mails, and sends an empty description', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, create('Interns', `={{ "${MINJUN}, ${JIHO}, ${MINJUN}" }}`));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)[0].body).toEqual({
			group: { name: 'Interns', description: '', members: [MINJUN, JIHO] },
		});
	});

	it('says which name is taken when eformsign answers 4000122', async () => {
		const sbx = sandbox();
		const groupsBefore = sbx.state.groups.size;
		const result = await runNode(sbx, create(' Sales ', []));

		expect(apiRequests(sbx)).toEqual([
			{
				method: 'POST',
				path: '/v2.0/api/groups',
				query: {},
				body: { group: { name: 'Sales', description: '', members: [] } },
			},
		]);
		expect(sbx.log.at(-1)?.code).toBe('4000122');
		expect(result.error?.message).toBe(
			'eformsign: A group named "Sales" already exists [code 4000122]',
		);
		expect((result.error as { description?: string }).description).toBe(
			'Choose another name, or update the existing group instead.',
		);
		expect(sbx.state.groups.size).toBe(groupsBefore);
	});

	it('creates the other groups of a run when one name is taken, with Continue On Fail', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			{ resource: 'group', operation: 'create', name: '={{ $json.name }}', members: [] },
			[{ json: { name: 'Legal' } }, { json: { name: 'HR' } }],
			{ continueOnFail: true },
		);

		expect(apiRequests(sbx).map((request) => request.body)).toEqual([
			{ group: { name: 'Legal', description: '', members: [] } },
			{ group: { name: 'HR', description: '', members: [] } },
		]);
		expect(result.items[0]).toMatchObject({ json: { name: 'Legal' }, pairedItem: { item: 0 } });
		expect(result.items[1]).toEqual({
			json: {
				error: 'eformsign: A group named "HR" already exists [code 4000122]',
				description: 'Choose another name, or update the existing group instead.',
				code: '4000122',
			},
			pairedItem: { item: 1 },
		});
	});

	it('refuses an empty name before asking eformsign', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, create('  ', [MINJUN]));

		expect(result.error?.message).toBe('The group name is empty');
		expect(apiRequests(sbx)).toEqual([]);
	});

	it('reports an unknown member (4000074) with a readable hint', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, create('Ghosts', ['ghost@sandbox.eformsign.test']));

		expect(apiRequests(sbx)).toHaveLength(1);
		expect(result.error?.message).toBe('eformsign: No such member exists [code 4000074]');
		expect((result.error as { description?: string }).description).toMatch(
			/e-mail address the member signs in with/,
		);
	});
});
