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
const ADMIN = 'admin@sandbox.eformsign.test';
/** Minjun's phone numbers as the sandbox seeds them: what an update must keep when not given. */
const MINJUN_CONTACT = { number: '01000000002', tel: '0212345678' };

/** The member as the sandbox now stores it. */
function stored(sbx: Sandbox, accountId: string) {
	return sbx.state.members.get(accountId)!;
}

function update(
	accountId: string,
	updateFields: Record<string, unknown>,
	mode: 'id' | 'list' = 'list',
) {
	return {
		resource: 'member',
		operation: 'update',
		memberId: mode === 'id' ? byId(accountId) : fromList(accountId),
		updateFields,
	};
}

function lookup(accountId: string) {
	return {
		method: 'GET',
		path: '/v2.0/api/members',
		query: { member_all: 'true', eb_name_search: accountId },
		body: undefined,
	};
}

function patch(accountId: string, account: Record<string, unknown>) {
	return {
		method: 'PATCH',
		path: `/v2.0/api/members/${encodeURIComponent(accountId)}`,
		query: {},
		body: { account },
	};
}

it('sends contact with both current numbers when only the department changes', async () => {
	const sbx = sandbox();
	const before = structuredClone(stored(sbx, MINJUN));
	const result = await runNode(sbx, update(MINJUN, { department: 'Marketing' }));

	expect(result.error).toBeUndefined();
	expect(apiRequests(sbx)).toEqual([
		lookup(MINJUN),
		patch(MINJUN, {
			id: MINJUN,
			name: '김민준',
			contact: MINJUN_CONTACT,
			department: 'Marketing',
		}),
	]);
	expect(result.items).toEqual([
		{
			json: { company_id: sbx.demo.companyId, member: { name: '김민준', id: MINJUN } },
			pairedItem: { item: 0 },
		},
	]);
	const after = stored(sbx, MINJUN);
	expect(after.department).toBe('Marketing');
	expect(after.contact).toEqual(before.contact);
	expect(after.name).toBe(before.name);
	expect(after.role).toEqual(before.role);
});

it('would be refused by the sandbox without contact, or with only one of its numbers', async () => {
	// The same update without what the node adds, sent with the token the node obtained: this is
	// what makes the test above fail if the node ever stops sending contact.
	const sbx = sandbox();
	const helper = credentialsHelperFor(credentialData(sbx));
	expect(
		(await runNode(sbx, update(MINJUN, { department: 'Marketing' }), undefined, { helper })).error,
	).toBeUndefined();
	const { accessToken } = JSON.parse(String(helper.store[CREDENTIAL_TYPE].session)) as {
		accessToken: string;
	};

	const send = async (account: Record<string, unknown>) => {
		const response = await fetch(`${sbx.url}/v2.0/api/members/${encodeURIComponent(MINJUN)}`, {
			method: 'PATCH',
			headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ account }),
		});
		return ((await response.json()) as { code?: string }).code;
	};
	expect(await send({ id: MINJUN, name: '김민준', department: 'Sales' })).toBe('4000070');
	expect(
		await send({ id: MINJUN, name: '김민준', contact: { number: MINJUN_CONTACT.number } }),
	).toBe('4000070');
	expect(stored(sbx, MINJUN).department).toBe('Marketing');
});

it('keeps the office phone when only the mobile number changes', async () => {
	const sbx = sandbox();
	const result = await runNode(sbx, update(MINJUN, { number: ' 01099998888 ' }, 'id'));

	expect(result.error).toBeUndefined();
	expect(apiRequests(sbx)).toEqual([
		lookup(MINJUN),
		patch(MINJUN, {
			id: MINJUN,
			name: '김민준',
			contact: { ...MINJUN_CONTACT, number: '01099998888' },
		}),
	]);
	expect(stored(sbx, MINJUN).contact).toMatchObject({ ...MINJUN_CONTACT, number: '01099998888' });
});

it('treats an empty phone field as "keep", never blanking a number', async () => {
	const sbx = sandbox();
	const result = await runNode(
		sbx,
		update(MINJUN, { number: '', tel: '  ', position: 'Director' }),
	);

	expect(result.error).toBeUndefined();
	expect(apiRequests(sbx)[1].body).toEqual({
		account: {
			id: MINJUN,
			name: '김민준',
			contact: MINJUN_CONTACT,
			position: 'Director',
		},
	});
	expect(stored(sbx, MINJUN).contact).toMatchObject(MINJUN_CONTACT);
});

it('does not read the member first when name and both numbers are given', async () => {
	const sbx = sandbox();
	const result = await runNode(
		sbx,
		update(MINJUN, {
			name: 'Minjun Kim',
			number: '01011112222',
			tel: '0311112222',
			enabled: true,
			department: 'Sales',
			position: 'Lead',
			role: ['member', 'template_manager'],
		}),
	);

	expect(result.error).toBeUndefined();
	expect(apiRequests(sbx)).toEqual([
		patch(MINJUN, {
			id: MINJUN,
			name: 'Minjun Kim',
			enabled: true,
			contact: { number: '01011112222', tel: '0311112222' },
			department: 'Sales',
			position: 'Lead',
			role: ['member', 'template_manager'],
		}),
	]);
	expect(stored(sbx, MINJUN)).toMatchObject({
		name: 'Minjun Kim',
		position: 'Lead',
		role: ['member', 'template_manager'],
		contact: { number: '01011112222', tel: '0311112222' },
	});
});

it('finds an inactive member again to re-enable it, keeping its numbers', async () => {
	const sbx = sandbox();
	const off = await runNode(sbx, update(MINJUN, { enabled: false }));
	expect(off.error).toBeUndefined();
	expect(stored(sbx, MINJUN).enabled).toBe(false);
	sbx.clearLog();

	const on = await runNode(sbx, update(MINJUN, { enabled: true }));

	expect(on.error).toBeUndefined();
	expect(apiRequests(sbx)).toEqual([
		lookup(MINJUN),
		patch(MINJUN, {
			id: MINJUN,
			name: '김민준',
			enabled: true,
			contact: MINJUN_CONTACT,
		}),
	]);
	expect(stored(sbx, MINJUN)).toMatchObject({
		enabled: true,
		contact: MINJUN_CONTACT,
	});
});

it('says clearly that administrators cannot be changed through the API', async () => {
	const sbx = sandbox();
	const before = structuredClone(stored(sbx, ADMIN));
	const result = await runNode(sbx, update(ADMIN, { department: 'Board' }));

	expect(apiRequests(sbx)).toEqual([
		lookup(ADMIN),
		patch(ADMIN, {
			id: ADMIN,
			name: '관리자',
			contact: { number: '01000000001', tel: '0212345678' },
			department: 'Board',
		}),
	]);
	expect(sbx.log.at(-1)?.code).toBe('4000125');
	expect(result.items).toEqual([]);
	expect(result.error?.message).toBe(
		`eformsign: "${ADMIN}" is an administrator, and administrators cannot be changed through the eformsign API [code 4000125]`,
	);
	expect((result.error as { description?: string }).description).toMatch(/eformsign web console/);
	expect(stored(sbx, ADMIN)).toEqual(before);
});

it('gives the administrator refusal as an error item with Continue On Fail', async () => {
	const sbx = sandbox();
	const result = await runNode(
		sbx,
		update(ADMIN, { name: 'Boss', number: '01000000009', tel: '020000000' }, 'id'),
		[{ json: {} }],
		{ continueOnFail: true },
	);

	expect(apiRequests(sbx).map((request) => request.method)).toEqual(['PATCH']);
	expect(result.items).toEqual([
		{
			json: {
				error: `eformsign: "${ADMIN}" is an administrator, and administrators cannot be changed through the eformsign API [code 4000125]`,
				description: expect.stringMatching(/eformsign web console/),
				code: '4000125',
			},
			pairedItem: { item: 0 },
		},
	]);
});

it('refuses unknown roles and an empty role list before asking eformsign', async () => {
	const sbx = sandbox();
	const admin = await runNode(sbx, update(MINJUN, { role: '={{ ["member", "admin"] }}' }));
	expect(admin.error?.message).toBe('Unknown role "admin"');
	expect((admin.error as { description?: string }).description).toMatch(
		/company_manager, document_manager, member, template_manager.*Administrators cannot be appointed/,
	);

	const none = await runNode(sbx, update(MINJUN, { role: [] }));
	expect(none.error?.message).toBe('No role was given');
	expect(apiRequests(sbx)).toEqual([]);
});

it('accepts roles mapped as comma-separated text', async () => {
	const sbx = sandbox();
	const result = await runNode(
		sbx,
		update(MINJUN, { role: '={{ "document_manager, company_manager" }}' }),
	);

	expect(result.error).toBeUndefined();
	expect(apiRequests(sbx)[1].body).toMatchObject({
		account: { role: ['document_manager', 'company_manager'] },
	});
	expect(stored(sbx, MINJUN).role).toEqual(['document_manager', 'company_manager']);
});

it('reports an unknown member without sending an update', async () => {
	const sbx = sandbox();
	const result = await runNode(
		sbx,
		update('nobody@sandbox.eformsign.test', { department: 'Sales' }, 'id'),
	);

	expect(result.error?.message).toBe('No member has the ID "nobody@sandbox.eformsign.test"');
	expect(apiRequests(sbx)).toEqual([lookup('nobody@sandbox.eformsign.test')]);
});

it('asks for a field when Update Fields is empty', async () => {
	const sbx = sandbox();
	const result = await runNode(sbx, update(MINJUN, {}));

	expect(result.error?.message).toBe('Nothing to update');
	expect(apiRequests(sbx)).toEqual([]);
});

it("updates each input item's member, mapped by expression", async () => {
	const sbx = sandbox();
	const result = await runNode(
		sbx,
		{
			resource: 'member',
			operation: 'update',
			memberId: byId('={{ $json.email }}'),
			updateFields: { position: '={{ $json.position }}' },
		},
		[
			{ json: { email: MINJUN, position: 'Head of Sales' } },
			{ json: { email: 'jiho.park@sandbox.eformsign.test', position: 'Staff Engineer' } },
		],
	);

	expect(result.error).toBeUndefined();
	expect(apiRequests(sbx).map((request) => `${request.method} ${request.path}`)).toEqual([
		'GET /v2.0/api/members',
		`PATCH /v2.0/api/members/${encodeURIComponent(MINJUN)}`,
		'GET /v2.0/api/members',
		'PATCH /v2.0/api/members/jiho.park%40sandbox.eformsign.test',
	]);
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(stored(sbx, MINJUN).position).toBe('Head of Sales');
	expect(stored(sbx, 'jiho.park@sandbox.eformsign.test').position).toBe('Staff Engineer');
});

it('reads Enabled mapped as "true"/"false" text, and refuses anything else', async () => {
	const sbx = sandbox();
	const off = await runNode(sbx, update(MINJUN, { enabled: '={{ "false" }}' }));
	expect(off.error).toBeUndefined();
	expect(apiRequests(sbx)[1].body).toMatchObject({ account: { enabled: false } });
	expect(stored(sbx, MINJUN).enabled).toBe(false);
	sbx.clearLog();

	const unclear = await runNode(sbx, update(MINJUN, { enabled: '={{ "maybe" }}' }));
	expect(unclear.error?.message).toBe('"Enabled" is "maybe", not true or false');
	expect(apiRequests(sbx)).toEqual([]);
});
