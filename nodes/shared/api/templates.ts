import type { IDataObject } from 'n8n-workflow';

import { isPng } from '../fileKinds';
import { readStream, type Readable } from '../responses';
import { eformsignDownload, eformsignRequest, type EformsignContext, type ForItem } from '../transport';
import { fetchWholeList } from './lists';

/** Templates, called forms in eformsign's paths (docs/api/eformsign-api-notes.md, "Templates"). */

function templatePath(templateId: string): string {
	return `/v2.0/api/forms/${encodeURIComponent(templateId)}`;
}

/** Every template the member of the credential may create documents with. */
export async function fetchTemplates(
	this: EformsignContext,
	forItem?: ForItem,
): Promise<IDataObject[]> {
	return await fetchWholeList.call(this, '/v2.0/api/forms', 'templates', undefined, forItem);
}

/**
 * One template; with `includeConfig`, its settings too (docs/api/eformsign-api-notes.md, "Get one
 * template"). Some servers wrap the answer in `template`.
 */
export async function getTemplate(
	this: EformsignContext,
	templateId: string,
	includeConfig: boolean,
	forItem?: ForItem,
): Promise<IDataObject> {
	const response = await eformsignRequest.call(this, {
		method: 'GET',
		path: templatePath(templateId),
		qs: includeConfig ? { is_include_config: 'true' } : undefined,
		...forItem,
	});
	return (response.template ?? response) as IDataObject;
}

/** One template with its configuration (fields, steps), as the resource mapper needs it. */
export async function getTemplateWithConfig(
	this: EformsignContext,
	templateId: string,
): Promise<IDataObject> {
	return await getTemplate.call(this, templateId, true);
}

/** The ID of the template's preview image, `file.form_image_id`, if it has one. */
export function templateImageId(template: IDataObject): string | undefined {
	const id = (template.file as IDataObject | undefined)?.form_image_id;
	return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

/**
 * Changes who may use and who may change a template: `use_all_members`, and `use` / `modify` lists
 * of members, groups (and for `modify` manager roles) to add or delete
 * (docs/api/eformsign-api-notes.md, "Template permissions").
 */
export async function updateTemplatePermissions(
	this: EformsignContext,
	templateId: string,
	changes: IDataObject,
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'PATCH',
		path: `${templatePath(templateId)}/permissions`,
		body: changes,
		...forItem,
	});
}

export interface TemplateImage {
	/** The PNG as it streams in, or decoded from base64 when eformsign sent it that way. */
	data: Readable | Buffer;
	mimeType: string;
	size?: number;
}

function jsonString(text: string): string | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

/**
 * A template's preview image (docs/api/eformsign-api-notes.md, "Template image"). `output_type=1`
 * asks for the PNG file, streamed; the base64 eformsign may send instead (plain text or a JSON
 * string) is decoded. Returns undefined when the answer is neither an image nor base64 of a PNG.
 */
export async function downloadTemplateImage(
	this: EformsignContext,
	imageId: string,
	forItem?: ForItem,
): Promise<TemplateImage | undefined> {
	const file = await eformsignDownload.call(this, {
		method: 'GET',
		path: `/v2.0/api/template_image/${encodeURIComponent(imageId)}`,
		qs: { output_type: '1' },
		accept: 'image/png, text/plain;q=0.5, application/json;q=0.1',
		jsonStringIsFile: true,
		...forItem,
	});
	if (/^image\//i.test(file.mimeType)) {
		return { data: file.stream, mimeType: file.mimeType, size: file.size };
	}
	const bytes = Buffer.isBuffer(file.stream) ? file.stream : await readStream(file.stream);
	// A PNG labelled application/octet-stream, say.
	if (isPng(bytes)) return { data: bytes, mimeType: 'image/png', size: bytes.length };
	const body = bytes.toString('utf8').trim();
	const text = (body.startsWith('"') ? jsonString(body) : body)
		?.replace(/^data:image\/png;base64,/i, '')
		.replace(/\s/g, '');
	if (!text || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
	const png = Buffer.from(text, 'base64');
	if (!isPng(png)) return undefined;
	return { data: png, mimeType: 'image/png', size: png.length };
}

export async function deleteTemplate(
	this: EformsignContext,
	templateId: string,
	forItem?: ForItem,
): Promise<void> {
	await eformsignRequest.call(this, {
		method: 'DELETE',
		path: templatePath(templateId),
		...forItem,
	});
}

/** Templates that can create documents now: eformsign marks expired or deactivated ones enabled=false. */
export function isEnabled(template: IDataObject): boolean {
	return template.enabled !== false;
}

export function nameContains(template: IDataObject, filter: string | undefined): boolean {
	const wanted = (filter ?? '').trim().toLowerCase();
	return (
		!wanted ||
		String(template.name ?? '')
			.toLowerCase()
			.includes(wanted)
	);
}
