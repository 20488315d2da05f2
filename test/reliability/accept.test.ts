import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/eformsign';
import { apiEntries, byId, runNode } from '../harness/operations';

// Each request says what it can take: JSON for API calls, the file for downloads (with JSON as the
// last choice, because eformsign answers errors and "PDF still being generated" as JSON).

const sandbox = useSandbox();

const FILE_ACCEPT = 'application/pdf, application/zip, application/octet-stream, application/json;q=0.1';

it.each<[string, (documentId: string) => INodeParameters, string]>([
	['Document > Download (PDF)', (id) => ({ resource: 'document', operation: 'download', documentId: byId(id), fileType: 'document' }), 'application/pdf'],
	['Document > Download (ZIP)', (id) => ({ resource: 'document', operation: 'download', documentId: byId(id), fileType: 'document,audit_trail' }), 'application/zip'],
	['Document > Download Attachments', (id) => ({ resource: 'document', operation: 'downloadAttachments', documentId: byId(id) }), 'application/zip'],
])('%s asks for the file it downloads', async (_name, parameters, mimeType) => {
	const sbx = sandbox();
	const result = await runNode(sbx, parameters(sbx.demo.documentIds.completed));

	expect(result.error).toBeUndefined();
	expect(result.items[0].binary?.data.mimeType).toBe(mimeType);
	const [call] = apiEntries(sbx);
	expect(call.headers.accept).toBe(FILE_ACCEPT);
	expect(call.headers.accept.split(',').map((type) => type.trim())).toContain(mimeType);
});

it('a JSON call asks for JSON', async () => {
	const sbx = sandbox();
	const documentId = sbx.demo.documentIds.completed;
	const result = await runNode(sbx, { resource: 'document', operation: 'get', documentId: byId(documentId) });

	expect(result.error).toBeUndefined();
	expect(apiEntries(sbx).map((entry) => entry.headers.accept)).toEqual(['application/json']);
});
