import type { IBinaryData } from 'n8n-workflow';

import { templatePreview } from '../../sandbox/routes/templateImages';
import { useSandbox } from '../harness/eformsign';
import { apiEntries, apiRequests, byId, runNode } from '../harness/operations';

// Template > Get Image (docs/api/eformsign-api-notes.md, "Template image"): the template is read
// for its image ID, then the image is asked for as a PNG.
const sandbox = useSandbox();

function bytesOf(binary: IBinaryData): Buffer {
	return Buffer.from(binary.data, 'base64');
}

function getImage(templateId: string, extra: Record<string, unknown> = {}) {
	return { resource: 'template', operation: 'getImage', templateId: byId(templateId), ...extra };
}

function previewOf(sbx: ReturnType<typeof sandbox>, templateId: string): Buffer {
	return templatePreview(sbx.state.templates.get(templateId)!);
}

describe('Template > Get Image (GET /v2.0/api/template_image/{template_image_id})', () => {
	it("looks up the template's image ID and returns the PNG as binary, with its metadata", async () => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.contract;
		const imageId = sbx.demo.templates[0].image_id;
		const result = await runNode(sbx, getImage(templateId, { binaryPropertyName: 'preview' }));

		expect(result.error).toBeUndefined();
		expect(apiRequests(sbx)).toEqual([
			{ method: 'GET', path: `/v2.0/api/forms/${templateId}`, query: {}, body: undefined },
			{ method: 'GET', path: `/v2.0/api/template_image/${imageId}`, query: { output_type: '1' }, body: undefined },
		]);
		expect(apiEntries(sbx)[1].headers.accept).toMatch(/^image\/png/);
		const binary = result.items[0].binary!.preview;
		expect(binary).toMatchObject({ fileName: 'Employment Contract.png', mimeType: 'image/png' });
		const bytes = bytesOf(binary);
		expect(bytes.equals(previewOf(sbx, templateId))).toBe(true);
		expect(result.items[0].json).toEqual({
			template_id: templateId,
			template_name: 'Employment Contract',
			image_id: imageId,
			file_name: 'Employment Contract.png',
			mime_type: 'image/png',
			file_size: bytes.length,
			binary_property: 'preview',
		});
	});

	it.each([
		['plain base64 text', (png: Buffer) => png.toString('base64'), 'text/plain;charset=UTF-8'],
		['base64 in a JSON string', (png: Buffer) => JSON.stringify(png.toString('base64')), 'application/json'],
		['base64 in a JSON string with line breaks', (png: Buffer) => JSON.stringify(png.toString('base64').replace(/(.{76})/g, '$1\n')), 'application/json'],
	])('accepts the image as %s and decodes it', async (_name, encode, contentType) => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.urlCreation;
		const png = previewOf(sbx, templateId);
		sbx.injectFault({ match: { method: 'GET', path: '/v2.0/api/template_image/*' }, status: 200, body: encode(png), contentType });
		const result = await runNode(sbx, getImage(templateId, { options: { fileName: 'service' } }));

		expect(result.error).toBeUndefined();
		const binary = result.items[0].binary!.data;
		expect(bytesOf(binary).equals(png)).toBe(true);
		expect(result.items[0].json).toMatchObject({ file_name: 'service.png', mime_type: 'image/png', file_size: png.length });
	});

	it('refuses an answer that is neither a PNG nor base64 of one', async () => {
		const sbx = sandbox();
		sbx.injectFault({ match: { path: '/v2.0/api/template_image/*' }, status: 200, body: 'not an image', contentType: 'text/plain' });
		const result = await runNode(sbx, getImage(sbx.demo.templateIds.contract));
		expect(result.error?.message).toBe('eformsign answered the template image with something that is not a PNG');
	});

	it('explains an image eformsign cannot find (4000065) and works with a company token', async () => {
		const sbx = sandbox();
		const templateId = sbx.demo.templateIds.titleLocked;
		// The image is gone between the two calls, as when the template changes meanwhile.
		sbx.injectFault({ match: { path: '/v2.0/api/template_image/*' }, code: '4000065', message: 'Failed to get the resource.' });
		const missing = await runNode(sbx, getImage(templateId), undefined, { credential: { memberId: '' } });
		expect(missing.error?.message).toBe('eformsign could not find the preview image of this template [code 4000065]');
		expect((missing.error as { description?: string }).description).toMatch(/^The template may have changed since it was read/);
		expect(apiEntries(sbx).map((entry) => [entry.path, entry.status])).toEqual([
			[`/v2.0/api/forms/${templateId}`, 200],
			[`/v2.0/api/template_image/${sbx.demo.templates[2].image_id}`, 400],
		]);

		sbx.reset();
		const found = await runNode(sbx, getImage(templateId), undefined, { credential: { memberId: '' } });
		expect(found.error).toBeUndefined();
		expect(bytesOf(found.items[0].binary!.data).equals(previewOf(sbx, templateId))).toBe(true);
	});

	it('refuses a malformed template ID before sending, and explains an unknown template (4000046)', async () => {
		const sbx = sandbox();
		const malformed = await runNode(sbx, getImage('={{ "../template_image" }}'));
		expect(malformed.error?.message).toBe('The template ID "../template_image" in "Template" is not a valid ID');
		expect(apiEntries(sbx)).toEqual([]);
		const unknown = await runNode(sbx, getImage('0'.repeat(32)));
		expect(unknown.error?.message).toBe('eformsign: There is no template [code 4000046]');
		expect(apiEntries(sbx)).toHaveLength(1);
	});
});
