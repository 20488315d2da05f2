import type { Sandbox } from '../../sandbox';
import {
	CREDENTIAL_TYPE,
	credentialData,
	credentialsHelperFor,
	useSandbox,
} from '../harness/eformsign';
import { apiRequests, byId, fromList, runNode } from '../harness/operations';

const sandbox = useSandbox();

const MINJUN = 'minjun.kim@sandbox.eformsign.test';
const SEOYEON = 'seoyeon.lee@sandbox.eformsign.test';
const UNKNOWN_ID = '0123456789abcdef0123456789abcdef';

function groupId(sbx: Sandbox, name: string): string {
	return sbx.demo.groups.find((group) => group.name === name)!.id;
}

const LIST_GROUPS = { method: 'GET', path: '/v2.0/api/groups', query: {}, body: undefined };

describe('Update', () => {
	function update(id: unknown, updateFields: Record<string, unknown>) {
		return { resource: 'group', operation: 'update', groupId: id, updateFields };
	}

	function patch(id: string, group: Record<string, unknown>) {
		return { method: 'PATCH', path: `/v2.0/api/groups/${id}`, query: {}, body: { group } };
	}

	it('keeps the current description when only the name changes, reading the group first', async () => {
		const sbx = sandbox();
		const sales = groupId(sbx, 'Sales');
		const result = await runNode(sbx, update(fromList(sales), { name: 'Sales & Marketing' }));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			LIST_GROUPS,
			patch(sales, { name: 'Sales & Marketing', description: 'Sales team' }),
		]);
		expect(result.items).toEqual([
			{ json: { id: sales, name: 'Sales & Marketing' }, pairedItem: { item: 0 } },
		]);
		expect(sbx.state.groups.get(sales)).toMatchObject({
			name: 'Sales & Marketing',
			description: 'Sales team',
			members: [MINJUN, 'jiho.park@sandbox.eformsign.test'],
		});
	});

	it('keeps name and description when only the members change, and replaces the members', async () => {
		const sbx = sandbox();
		const hr = groupId(sbx, 'HR');
		const result = await runNode(sbx, update(byId(hr), { members: [SEOYEON, MINJUN] }));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			LIST_GROUPS,
			patch(hr, { name: 'HR', description: 'Human resources', members: [SEOYEON, MINJUN] }),
		]);
		expect(sbx.state.groups.get(hr)!.members).toEqual([SEOYEON, MINJUN]);
	});

	it('clears the description when it is given empty, and does not read the group when name and description are given', async () => {
		const sbx = sandbox();
		const hr = groupId(sbx, 'HR');
		const result = await runNode(sbx, update(fromList(hr), { name: 'People', description: '' }));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([patch(hr, { name: 'People', description: '' })]);
		expect(sbx.state.groups.get(hr)).toMatchObject({ name: 'People', description: '' });
	});

	it('would be refused by the sandbox without a description (4000001)', async () => {
		// The rename above without what the node adds, sent with the token the node obtained: this
		// is what makes that test fail if the node ever stops sending the description.
		const sbx = sandbox();
		const hr = groupId(sbx, 'HR');
		const helper = credentialsHelperFor(credentialData(sbx));
		expect(
			(await runNode(sbx, update(fromList(hr), { name: 'People' }), undefined, { helper })).error,
		).toBeUndefined();
		const { accessToken } = JSON.parse(String(helper.store[CREDENTIAL_TYPE].session)) as {
			accessToken: string;
		};

		const response = await fetch(`${sbx.url}/v2.0/api/groups/${hr}`, {
			method: 'PATCH',
			headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ group: { name: 'Human Resources' } }),
		});
		expect(((await response.json()) as { code?: string }).code).toBe('4000001');
		expect(sbx.state.groups.get(hr)).toMatchObject({
			name: 'People',
			description: 'Human resources',
		});
	});

	it('says which name is taken when renaming onto another group (4000122)', async () => {
		const sbx = sandbox();
		const hr = groupId(sbx, 'HR');
		const result = await runNode(sbx, update(fromList(hr), { name: 'Sales' }));

		expect(apiRequests(sbx)).toEqual([
			LIST_GROUPS,
			patch(hr, { name: 'Sales', description: 'Human resources' }),
		]);
		expect(result.error?.message).toBe(
			'eformsign: A group named "Sales" already exists [code 4000122]',
		);
		expect(sbx.state.groups.get(hr)!.name).toBe('HR');
	});

	it('reports an unknown group without sending an update', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, update(byId(UNKNOWN_ID), { description: 'x' }));

		expect(result.error?.message).toBe(`No group has the ID "${UNKNOWN_ID}"`);
		expect(apiRequests(sbx)).toEqual([LIST_GROUPS]);
	});

	it('asks for a field when Update Fields is empty', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, update(fromList(groupId(sbx, 'HR')), {}));

		expect(result.error?.message).toBe('Nothing to update');
		expect(apiRequests(sbx)).toEqual([]);
	});
});

describe('Delete', () => {
	const deleteByItem = { resource: 'group', operation: 'delete', groupId: byId('={{ $json.id }}') };

	it('deletes the groups of several input items in one request, with one result per group', async () => {
		const sbx = sandbox();
		const ids = ['Sales', 'Engineering', 'HR'].map((name) => groupId(sbx, name));
		const result = await runNode(
			sbx,
			deleteByItem,
			ids.map((id) => ({ json: { id } })),
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			LIST_GROUPS,
			{ method: 'DELETE', path: '/v2.0/api/groups', query: {}, body: { group_ids: ids } },
		]);
		expect(result.items).toEqual([
			{ json: { group_id: ids[0], name: 'Sales', deleted: true }, pairedItem: { item: 0 } },
			{ json: { group_id: ids[1], name: 'Engineering', deleted: true }, pairedItem: { item: 1 } },
			{ json: { group_id: ids[2], name: 'HR', deleted: true }, pairedItem: { item: 2 } },
		]);
		expect([...sbx.state.groups.values()].map((group) => group.name)).toEqual(['Management']);
	});

	it('deletes one group picked from the list', async () => {
		const sbx = sandbox();
		const hr = groupId(sbx, 'HR');
		const result = await runNode(sbx, {
			resource: 'group',
			operation: 'delete',
			groupId: fromList(hr),
		});

		expect(apiRequests(sbx)).toEqual([
			LIST_GROUPS,
			{ method: 'DELETE', path: '/v2.0/api/groups', query: {}, body: { group_ids: [hr] } },
		]);
		expect(result.items).toEqual([
			{ json: { group_id: hr, name: 'HR', deleted: true }, pairedItem: { item: 0 } },
		]);
	});

	it('sends a group named by two items once, and answers for both items', async () => {
		const sbx = sandbox();
		const hr = groupId(sbx, 'HR');
		const result = await runNode(sbx, deleteByItem, [
			{ json: { id: hr } },
			{ json: { id: ` ${hr} ` } },
		]);

		expect(apiRequests(sbx)[1].body).toEqual({ group_ids: [hr] });
		expect(result.items.map((item) => item.json.deleted)).toEqual([true, true]);
	});

	it('deletes nothing when one ID is unknown, naming that ID and its item', async () => {
		const sbx = sandbox();
		const sales = groupId(sbx, 'Sales');
		const result = await runNode(sbx, deleteByItem, [
			{ json: { id: sales } },
			{ json: { id: UNKNOWN_ID } },
		]);

		expect(result.error?.message).toBe(`No group has the ID "${UNKNOWN_ID}"`);
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(apiRequests(sbx)).toEqual([LIST_GROUPS]);
		expect(sbx.state.groups.has(sales)).toBe(true);
	});

	it('with Continue On Fail, deletes the known groups and returns an error item for the unknown one', async () => {
		const sbx = sandbox();
		const sales = groupId(sbx, 'Sales');
		const hr = groupId(sbx, 'HR');
		const result = await runNode(
			sbx,
			deleteByItem,
			[{ json: { id: sales } }, { json: { id: UNKNOWN_ID } }, { json: { id: hr } }],
			{ continueOnFail: true },
		);

		expect(apiRequests(sbx)).toEqual([
			LIST_GROUPS,
			{ method: 'DELETE', path: '/v2.0/api/groups', query: {}, body: { group_ids: [sales, hr] } },
		]);
		expect(result.items).toEqual([
			{ json: { group_id: sales, name: 'Sales', deleted: true }, pairedItem: { item: 0 } },
			{
				json: {
					error: `No group has the ID "${UNKNOWN_ID}"`,
					description: expect.stringMatching(/Pick the group from the list/),
				},
				pairedItem: { item: 1 },
			},
			{ json: { group_id: hr, name: 'HR', deleted: true }, pairedItem: { item: 2 } },
		]);
		expect([...sbx.state.groups.values()].map((group) => group.name)).toEqual([
			'Engineering',
			'Management',
		]);
	});

	it('fails every item of the batch when eformsign refuses the delete, with Continue On Fail', async () => {
		const sbx = sandbox();
		const ids = ['Sales', 'HR'].map((name) => groupId(sbx, name));
		sbx.injectFault({
			match: { method: 'DELETE', path: '/v2.0/api/groups' },
			status: 400,
			code: '4000011',
			message: 'The group does not exist.',
		});
		const result = await runNode(
			sbx,
			deleteByItem,
			ids.map((id) => ({ json: { id } })),
			{ continueOnFail: true },
		);

		expect(apiRequests(sbx).map((request) => request.method)).toEqual(['GET', 'DELETE']);
		expect(result.items).toEqual(
			[0, 1].map((item) => ({
				json: {
					error: 'eformsign: The group does not exist [code 4000011]',
					description: 'No group has this ID. Pick the group from the list.',
					code: '4000011',
				},
				pairedItem: { item },
			})),
		);
	});
});
