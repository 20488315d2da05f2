// Templates ("forms"): list and delete (docs/api/eformsign-api-notes.md, "Templates") and the
// single-template read ("Get one template"). The list shows a member the templates they may use
// (templatePermissions.ts).

import type { SandboxContext } from '../context';
import { ApiError, completed, json, queryFlag } from '../http';
import type { Route } from '../router';
import type { MemberRecord, TemplateRecord } from '../state';
import { COMPLETE_STEP_NAME, START_STEP_NAME } from '../workflow';
import { mayUse } from './templatePermissions';

function listItem(template: TemplateRecord) {
	return {
		form_id: template.form_id,
		name: template.name,
		version: template.version,
		abbreviation: template.abbreviation,
		start_write_date: 0,
		end_write_date: 0,
		unlimited: true,
		create_id: template.create_id,
		create_name: template.create_name,
		create_date: template.create_date,
		update_id: template.create_id,
		update_name: template.create_name,
		update_date: template.update_date,
		owner_id: template.owner_id,
		owner_name: template.owner_name,
		category: template.category,
		keyword: template.keyword,
		desc: template.desc,
		favorite: false,
		use_document_numbering: false,
		document_numbering_rule_id: '',
		use_ai: false,
		is_release: true,
		is_update: false,
		is_sample: false,
		market: null,
		file: {
			form_image_id: template.form_image_id,
			form_files: [{ type: 'ozr', ozr_id: template.form_id, ext: 'ozr', alias: template.name, file_id: template.form_id }],
		},
		enabled: template.enabled,
		form_modify_auth: true,
		formDeployInfo: null,
		last_release_id: template.form_id,
		last_release_name: null,
		formPermission: null,
		availableDeleteDraft: false,
	};
}

/**
 * The `config` object of `?is_include_config=true`. eformsign's exact shape is not public; this
 * one carries what a client needs: the workflow (step_settings) and the field ids (fields).
 */
function templateConfig(template: TemplateRecord) {
	return {
		parameters: [],
		display_settings: {},
		step_settings: [
			{ step_seq: 0, step_type: '00', step_name: START_STEP_NAME, allow_url_creation: template.allow_url_creation },
			...template.steps.map((step, index) => ({ step_seq: index + 1, step_type: step.step_type, step_name: step.step_name })),
			{ step_seq: template.steps.length + 1, step_type: '01', step_name: COMPLETE_STEP_NAME },
		],
		fields: template.fields.map((field) => ({ ...field })),
	};
}

function existingTemplate(context: SandboxContext, formId: string): TemplateRecord {
	const template = context.state.templates.get(formId);
	if (!template || template.deleted) throw new ApiError('4000046', 'There is no template.');
	return template;
}

function mayDelete(member: MemberRecord | undefined, template: TemplateRecord): boolean {
	if (!member) return true;
	if (member.role.some((role) => ['admin', 'company_manager', 'template_manager'].includes(role))) return true;
	return template.owner_id === member.account_id;
}

export const templateRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v2.0/api/forms',
		auth: 'member',
		handle: ({ context, member }) => {
			const templates = [...context.state.templates.values()].filter(
				(template) => !template.deleted && member !== undefined && mayUse(context, member, template),
			);
			return json({ total_rows: templates.length, templates: templates.map(listItem) });
		},
	},
	{
		method: 'GET',
		pattern: '/v2.0/api/forms/:form_id',
		// Member or company token; a member who may not use the template gets 4030009 (INFERRED).
		auth: 'access',
		handle: ({ context, request, member }) => {
			const template = existingTemplate(context, request.params.form_id);
			if (member && !mayUse(context, member, template)) throw new ApiError('4030009', 'You do not have access.');
			return json({
				template: {
					...listItem(template),
					title_change: !template.title_locked,
					quick_processing: false,
					form_doc_retention_period:
						typeof template.form_doc_retention_period === 'number'
							? template.form_doc_retention_period
							: { ...template.form_doc_retention_period },
					...(queryFlag(request.query, 'is_include_config') ? { config: templateConfig(template) } : {}),
				},
			});
		},
	},
	{
		method: 'DELETE',
		pattern: '/v2.0/api/forms/:form_id',
		auth: 'access',
		handle: ({ context, request, member }) => {
			const template = existingTemplate(context, request.params.form_id);
			if (!mayDelete(member, template)) throw new ApiError('4000044', 'You have no permission to access the form.');
			template.deleted = true;
			return completed();
		},
	},
];
