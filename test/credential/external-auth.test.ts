import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { anotherProcess, credentialData, credentialsHelperFor, runEformsign, useSandbox } from '../harness/eformsign';
import { apiEntries, byId } from '../harness/operations';

// Create for External Writer and Decline as External Recipient authenticate with the API key
// alone; they need the company ID, never a member token.

const sandbox = useSandbox();

function createExternal(sbx: Sandbox): INodeParameters {
	return {
		resource: 'document',
		operation: 'createExternal',
		templateId: byId(sbx.demo.templateIds.urlCreation),
		recipients: { recipient: [{ stepType: '06', recipientType: 'member', name: '검토자', id: sbx.demo.adminId, useMail: true, useSms: false }] },
	};
}

function declineExternal(sbx: Sandbox): INodeParameters {
	const waiting = sbx.demo.documents.find((document) => document.id === sbx.demo.documentIds.waitingExternal)!;
	return { resource: 'document', operation: 'declineExternal', documentId: byId(waiting.id), outsideToken: waiting.outside_token, comment: 'late' };
}

function tokenCalls(sbx: Sandbox) {
	return sbx.log.filter((entry) => entry.path.startsWith('/v2.0/api_auth/'));
}

function expectApiKeyCall(sbx: Sandbox) {
	const [call] = apiEntries(sbx);
	expect(call.status).toBe(200);
	expect(call.headers.authorization).toBe(`Bearer ${Buffer.from(sbx.demo.signature.apiKey).toString('base64')}`);
	expect(call.query.company_id).toBe(sbx.demo.companyId);
}

it('a misspelled Member ID on a new credential does not stop Create for External Writer', async () => {
	const sbx = sandbox();
	const helper = credentialsHelperFor(credentialData(sbx, 'signature', { memberId: 'minjun.kimm@sandbox.eformsign.test' }));

	const result = await runEformsign(helper, createExternal(sbx));

	expect(result.error).toBeUndefined();
	expectApiKeyCall(sbx);
	// The company is learnt from a company token, which the Member ID plays no part in.
	const calls = tokenCalls(sbx);
	expect(calls.map((entry) => `${entry.path} ${entry.status}`)).toEqual(['/v2.0/api_auth/access_token 200']);
	expect(calls[0].body).not.toHaveProperty('member_id');
	expect(helper.preAuthenticationCalls).toBe(0);
});

it('a member removed after a token was stored does not stop Decline as External Recipient, and needs no token call', async () => {
	const sbx = sandbox();
	const helper = credentialsHelperFor(credentialData(sbx));
	expect((await runEformsign(helper, { resource: 'document', operation: 'get', documentId: byId(sbx.demo.documentIds.completed) })).error).toBeUndefined();
	sbx.state.members.get(sbx.demo.memberId)!.deleted = true;
	sbx.expireTokens('all');
	sbx.clearLog();

	const result = await runEformsign(anotherProcess(helper), declineExternal(sbx));

	expect(result.error).toBeUndefined();
	expectApiKeyCall(sbx);
	expect(tokenCalls(sbx)).toEqual([]);
});

it('a Member ID edited into a wrong one keeps the company of the stored session for both external operations', async () => {
	const sbx = sandbox();
	const first = credentialsHelperFor(credentialData(sbx));
	expect((await runEformsign(first, { resource: 'document', operation: 'get', documentId: byId(sbx.demo.documentIds.completed) })).error).toBeUndefined();
	first.store.eformsignApi = { ...first.store.eformsignApi, memberId: 'nobody@sandbox.eformsign.test' };
	const edited = anotherProcess(first);

	for (const parameters of [createExternal(sbx), declineExternal(sbx)]) {
		sbx.clearLog();
		const result = await runEformsign(edited, parameters);
		expect(result.error).toBeUndefined();
		expectApiKeyCall(sbx);
		expect(tokenCalls(sbx)).toEqual([]);
	}
});
