import type { INodeProperties } from 'n8n-workflow';

import { Eformsign } from '../../nodes/Eformsign/Eformsign.node';
import type { Sandbox } from '../../sandbox';
import { useSandbox } from '../harness/eformsign';
import { apiRequests, runNode } from '../harness/operations';

const sandbox = useSandbox();

function getMany(extra: Record<string, unknown> = {}) {
	return { resource: 'member', operation: 'getMany', ...extra };
}

/** The simplified member the node should output, from the sandbox's own records. */
function simplified(sbx: Sandbox, accountId: string) {
	const member = sbx.state.members.get(accountId)!;
	const groups = [...sbx.state.groups.values()]
		.filter((group) => group.members.includes(accountId))
		.map((group) => group.name);
	return {
		account_id: member.account_id,
		name: member.name,
		department: member.department,
		position: member.position,
		enabled: member.enabled,
		role: member.role,
		group: groups,
		contact_number: member.contact.number,
		contact_tel: member.contact.tel,
	};
}

it('lists every member as one simplified item each, with no query flags by default', async () => {
	const sbx = sandbox();
	const result = await runNode(sbx, getMany({ returnAll: true }));

	expect(result.error).toBeUndefined();
	expect(apiRequests(sbx)).toEqual([
		{ method: 'GET', path: '/v2.0/api/members', query: {}, body: undefined },
	]);
	const accountIds = sbx.demo.members.map((member) => member.account_id);
	expect(result.items.map((item) => item.json)).toEqual(
		accountIds.map((accountId) => simplified(sbx, accountId)),
	);
	expect(result.items.map((item) => item.pairedItem)).toEqual(accountIds.map(() => ({ item: 0 })));
	expect(result.items[1].json).toEqual({
		account_id: 'minjun.kim@sandbox.eformsign.test',
		name: '김민준',
		department: 'Sales',
		position: 'Manager',
		enabled: true,
		role: sbx.demo.members[1].role,
		group: ['Sales'],
		contact_number: '01000000002',
		contact_tel: '0212345678',
	});
});

it('applies Limit in the node, since eformsign answers the whole list', async () => {
	const sbx = sandbox();
	const result = await runNode(sbx, getMany({ returnAll: false, limit: 2 }));

	expect(apiRequests(sbx)).toEqual([
		{ method: 'GET', path: '/v2.0/api/members', query: {}, body: undefined },
	]);
	expect(result.items.map((item) => item.json.account_id)).toEqual(
		sbx.demo.members.slice(0, 2).map((member) => member.account_id),
	);
});

it('sends every option as eformsign names it and adds custom fields to the simplified member', async () => {
	const sbx = sandbox();
	const result = await runNode(
		sbx,
		getMany({
			returnAll: true,
			options: {
				eb_name_search: ' park ',
				member_all: true,
				include_field: true,
				include_delete: true,
			},
		}),
	);

	expect(apiRequests(sbx)).toEqual([
		{
			method: 'GET',
			path: '/v2.0/api/members',
			query: {
				member_all: 'true',
				include_field: 'true',
				include_delete: 'true',
				eb_name_search: 'park',
			},
			body: undefined,
		},
	]);
	const park = sbx.state.members.get('jiho.park@sandbox.eformsign.test')!;
	expect(result.items.map((item) => item.json)).toEqual([
		{
			...simplified(sbx, park.account_id),
			fields: Object.fromEntries(park.fields.map((field) => [field.field_key, field.field_value])),
		},
	]);
});

it('outputs the member exactly as eformsign sent it when Simplify is off', async () => {
	const sbx = sandbox();
	const result = await runNode(
		sbx,
		getMany({ returnAll: true, simplify: false, options: { eb_name_search: 'seoyeon' } }),
	);

	expect(apiRequests(sbx)).toEqual([
		{
			method: 'GET',
			path: '/v2.0/api/members',
			query: { eb_name_search: 'seoyeon' },
			body: undefined,
		},
	]);
	const seoyeon = sbx.state.members.get('seoyeon.lee@sandbox.eformsign.test')!;
	expect(result.items.map((item) => item.json)).toEqual([
		{
			id: seoyeon.id,
			account_id: seoyeon.account_id,
			name: '이서연',
			department: 'HR',
			position: 'Team Lead',
			create_date: seoyeon.create_date,
			enabled: true,
			isRefused: false,
			isExpired: false,
			isInvited: false,
			isWithdrawal: false,
			contact: {
				number: '01000000003',
				tel: '0212345678',
				email: seoyeon.account_id,
				country_id: '+82',
			},
			role: ['document_manager'],
			group: ['HR'],
			fields: [],
			deleted: false,
		},
	]);
});

it('outputs nothing, and no error, when no member matches', async () => {
	const sbx = sandbox();
	const result = await runNode(
		sbx,
		getMany({ returnAll: true, options: { eb_name_search: 'nobody' } }),
	);

	expect(result.error).toBeUndefined();
	expect(result.items).toEqual([]);
	expect(apiRequests(sbx)).toHaveLength(1);
});

describe('option descriptions (checked against the member list in eformsign\'s documentation)', () => {
	const options = () => {
		const collection = new Eformsign().description.properties.find(
			(property) => property.name === 'options' && property.displayOptions?.show?.resource?.includes('member'),
		)!;
		return Object.fromEntries(
			(collection.options as INodeProperties[]).map((option) => [option.name, option]),
		);
	};

	it('claims nothing about which members the list leaves out by default', () => {
		const { member_all: all, include_delete: deleted } = options();
		// eformsign documents member_all only as "all members"; it never says inactive members are hidden.
		expect(all.description).toBe(
			'Whether to ask eformsign for all members (member_all). Turn it on to make sure inactive members are listed too.',
		);
		expect(all.description).not.toMatch(/inactive ones included/);
		// include_delete adds deleted members; withdrawn ones are not documented as hidden without it.
		expect(deleted.displayName).toBe('Include Deleted Members');
		expect(deleted.description).toMatch(/^Whether to also list members deleted from the company \(include_delete\)/);
		expect(deleted.description).not.toMatch(/withdrawn|left/i);
	});

	it('sends each flag as the query parameter it names', async () => {
		const sbx = sandbox();
		await runNode(sbx, getMany({ returnAll: true, options: { member_all: true, include_delete: true, include_field: true } }));
		expect(apiRequests(sbx)[0].query).toEqual({ member_all: 'true', include_delete: 'true', include_field: 'true' });
	});
});
