import { useSandbox } from '../harness/eformsign';
import { apiRequests, byId, fromList, runNode } from '../harness/operations';

const sandbox = useSandbox();

const JIHO = 'jiho.park@sandbox.eformsign.test';
const YUNA = 'yuna.choi@sandbox.eformsign.test';

function remove(memberId: unknown) {
	return { resource: 'member', operation: 'delete', memberId };
}

function deletion(accountId: string) {
	return {
		method: 'DELETE',
		path: `/v2.0/api/members/${encodeURIComponent(accountId)}`,
		query: {},
		body: undefined,
	};
}

it('removes one member per input item and outputs { deleted: true } for each', async () => {
	const sbx = sandbox();
	const result = await runNode(sbx, remove(byId('={{ $json.email }}')), [
		{ json: { email: JIHO } },
		{ json: { email: YUNA } },
	]);

	expect(result.error).toBeUndefined();
	expect(apiRequests(sbx)).toEqual([deletion(JIHO), deletion(YUNA)]);
	expect(result.items).toEqual([
		{ json: { deleted: true }, pairedItem: { item: 0 } },
		{ json: { deleted: true }, pairedItem: { item: 1 } },
	]);
	expect(sbx.state.members.get(JIHO)!.deleted).toBe(true);
	expect(sbx.state.members.get(YUNA)!.deleted).toBe(true);
});

it('reports a member removed twice (4000149), per item with Continue On Fail', async () => {
	const sbx = sandbox();
	expect((await runNode(sbx, remove(fromList(JIHO)))).error).toBeUndefined();
	sbx.clearLog();

	const result = await runNode(sbx, remove(fromList(JIHO)), [{ json: {} }], {
		continueOnFail: true,
	});

	expect(apiRequests(sbx)).toEqual([deletion(JIHO)]);
	expect(result.items).toEqual([
		{
			json: {
				error: 'eformsign: No such member exists [code 4000149]',
				description: 'The member has already been removed from the company.',
				code: '4000149',
			},
			pairedItem: { item: 0 },
		},
	]);
});

it('says clearly that an administrator cannot be removed through the API', async () => {
	const sbx = sandbox();
	const admin = sbx.demo.adminId;
	const result = await runNode(sbx, remove(fromList(admin)));

	expect(apiRequests(sbx)).toEqual([deletion(admin)]);
	expect(result.error?.message).toBe(
		`eformsign: "${admin}" is an administrator, and administrators cannot be removed through the eformsign API [code 4000125]`,
	);
	expect(sbx.state.members.get(admin)!.deleted).toBe(false);
});

it('refuses an ID that would change the path, without sending anything', async () => {
	const sbx = sandbox();
	const result = await runNode(sbx, remove(byId('../groups')));

	expect(result.error?.message).toBe('The member ID "../groups" in "Member" is not a valid ID');
	expect((result.error as { description?: string }).description).toMatch(/the e-mail address the member signs in with/);
	expect(apiRequests(sbx)).toEqual([]);
});
