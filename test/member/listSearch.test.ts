import { Eformsign } from '../../nodes/Eformsign/Eformsign.node';
import { useSandbox } from '../harness/eformsign';
import { apiRequests, callMethod, fromList } from '../harness/operations';

const sandbox = useSandbox();
const { listSearch, loadOptions } = new Eformsign().methods;

const memberUpdate = {
	resource: 'member',
	operation: 'update',
	memberId: fromList(''),
	updateFields: {},
};
const groupUpdate = {
	resource: 'group',
	operation: 'update',
	groupId: fromList(''),
	updateFields: {},
};

it('searchMembers asks eformsign to search name and e-mail, inactive members included', async () => {
	const sbx = sandbox();
	const found = await callMethod(
		sbx,
		memberUpdate,
		async (context) => await listSearch.searchMembers.call(context, ' park '),
		{ path: 'parameters.memberId' },
	);

	expect(apiRequests(sbx)).toEqual([
		{
			method: 'GET',
			path: '/v2.0/api/members',
			query: { member_all: 'true', eb_name_search: 'park' },
			body: undefined,
		},
	]);
	expect(found).toEqual({
		results: [
			{
				name: '박지호 (jiho.park@sandbox.eformsign.test)',
				value: 'jiho.park@sandbox.eformsign.test',
			},
		],
	});
});

it('searchMembers without a filter lists every member, an inactive one too', async () => {
	const sbx = sandbox();
	sbx.state.members.get('yuna.choi@sandbox.eformsign.test')!.enabled = false;
	const found = await callMethod(
		sbx,
		memberUpdate,
		async (context) => await listSearch.searchMembers.call(context),
		{ path: 'parameters.memberId' },
	);

	expect(apiRequests(sbx)).toEqual([
		{ method: 'GET', path: '/v2.0/api/members', query: { member_all: 'true' }, body: undefined },
	]);
	expect(found.results).toEqual(
		sbx.demo.members.map((member) => ({
			name: `${member.name} (${member.account_id})`,
			value: member.account_id,
		})),
	);
});

it('searchGroups asks eformsign to search group names and offers the group IDs', async () => {
	const sbx = sandbox();
	const found = await callMethod(
		sbx,
		groupUpdate,
		async (context) => await listSearch.searchGroups.call(context, 'eng'),
		{ path: 'parameters.groupId' },
	);

	expect(apiRequests(sbx)).toEqual([
		{ method: 'GET', path: '/v2.0/api/groups', query: { eb_name_search: 'eng' }, body: undefined },
	]);
	const engineering = sbx.demo.groups.find((group) => group.name === 'Engineering')!;
	expect(found).toEqual({ results: [{ name: 'Engineering', value: engineering.id }] });
});

it('getMembers offers every member by name for the group member picker', async () => {
	const sbx = sandbox();
	const options = await callMethod(
		sbx,
		{ resource: 'group', operation: 'create', name: 'New', members: [] },
		async (context) => await loadOptions.getMembers.call(context),
		{ path: 'parameters.members' },
	);

	expect(apiRequests(sbx)).toEqual([
		{ method: 'GET', path: '/v2.0/api/members', query: { member_all: 'true' }, body: undefined },
	]);
	expect(options).toEqual(
		sbx.demo.members
			.map((member) => ({
				name: `${member.name} (${member.account_id})`,
				value: member.account_id,
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
	);
	expect(options.map((option) => option.value)).toContain('minjun.kim@sandbox.eformsign.test');
});

it('surfaces eformsign failures in the picker as readable errors', async () => {
	const sbx = sandbox();
	sbx.injectFault({
		match: { method: 'GET', path: '/v2.0/api/groups' },
		status: 403,
		code: '4030034',
		message: "You don't have Open API permission.",
	});

	await expect(
		callMethod(sbx, groupUpdate, async (context) => await listSearch.searchGroups.call(context), {
			path: 'parameters.groupId',
		}),
	).rejects.toThrow("eformsign: You don't have Open API permission [code 4030034]");
});
