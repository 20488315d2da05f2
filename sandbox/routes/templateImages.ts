// Template preview images (docs/api/eformsign-api-notes.md, "Template image"): GET /v2.0/api/template_image/{template_image_id}. The id is the
// template's file.form_image_id, not its form_id. output_type=1 answers the PNG; absent or any
// other value answers it as base64, here as plain text (the reference leaves plain text or a JSON
// string open; clients must accept both). An unknown id gives 4000065 (INFERRED).

import { createHash } from 'node:crypto';

import { ApiError } from '../http';
import type { Route } from '../router';
import { pngImage } from '../png';
import type { TemplateRecord } from '../state';

/** The same picture for a template on every call: a colour taken from its id. */
export function templatePreview(template: TemplateRecord): Buffer {
	const digest = createHash('sha256').update(template.form_id).digest();
	return pngImage(120, 160, [digest[0], digest[1], digest[2]]);
}

export const templateImageRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v2.0/api/template_image/:template_image_id',
		auth: 'access',
		handle: ({ context, request }) => {
			const imageId = request.params.template_image_id;
			const template = [...context.state.templates.values()].find(
				(entry) => !entry.deleted && entry.form_image_id === imageId,
			);
			if (!template) throw new ApiError('4000065', 'Failed to get the resource.');
			const png = templatePreview(template);
			if (request.query.output_type === '1') {
				return { status: 200, headers: { 'content-type': 'image/png' }, body: png };
			}
			return { status: 200, headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: png.toString('base64') };
		},
	},
];
