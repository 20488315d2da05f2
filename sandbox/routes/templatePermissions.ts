// Template permissions (docs/api/eformsign-api-notes.md, "Template permissions"): who may use a template and who may change it. The body lists
// changes (add/delete), not the new state; nothing reads the permissions back (formPermission is
// null in every list entry). Who may call it and the error codes are INFERRED in the reference:
// here administrators and company managers may, and members whose role, account or group the
// template's "modify" list names; another manager gets 4000044, a plain member 4030009.

import type { SandboxContext } from '../context';
import { ApiError, completed, isRecord, jsonBody, looseBoolean, requiredInput } from '../http';
import type { Route } from '../router';
import { activeMember, groupsOfMember, isCompanyManager } from '../state';
import type { MemberRecord, TemplateRecord } from '../state';

const MANAGER_ROLES: Record<string, string> = {
	TEMPLATE_MANAGER: 'template_manager',
	DOCUMENT_MANAGER: 'document_manager',
	COMPANY_MANAGER: 'company_manager',
};

function inGroups(context: SandboxContext, member: MemberRecord, groupIds: string[]): boolean {
	return groupsOfMember(context.state, member.account_id).some((group) => groupIds.includes(group.id));
}

/**
 * Whether a member's template list shows the template: "use" decides which templates appear in
 * GET /v2.0/api/forms (INFERRED). Owners, administrators and company managers always see theirs.
 */
export function mayUse(context: SandboxContext, member: MemberRecord, template: TemplateRecord): boolean {
	const { use_all_members, use } = template.permissions;
	return (
		use_all_members ||
		template.owner_id === member.account_id ||
		isCompanyManager(member) ||
		use.members.includes(member.account_id) ||
		inGroups(context, member, use.groups)
	);
}

function mayModify(context: SandboxContext, member: MemberRecord, template: TemplateRecord): boolean {
	const { modify } = template.permissions;
	return (
		isCompanyManager(member) ||
		template.owner_id === member.account_id ||
		modify.members.includes(member.account_id) ||
		inGroups(context, member, modify.groups) ||
		modify.managers.some((manager) => member.role.includes(MANAGER_ROLES[manager]))
	);
}

interface Change {
	add: string[];
	delete: string[];
}

/** `{ add?: string[], delete?: string[] }`, each entry checked; anything else → 4000001. */
function change(value: unknown, check: (id: string) => void): Change | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isRecord(value)) throw requiredInput();
	const lists: Change = { add: [], delete: [] };
	for (const key of ['add', 'delete'] as const) {
		const list = value[key];
		if (list === undefined || list === null) continue;
		if (!Array.isArray(list) || !list.every((id) => typeof id === 'string' && id.trim() !== '')) {
			throw requiredInput();
		}
		list.forEach(check);
		lists[key] = list;
	}
	return lists;
}

function section(value: unknown): Record<string, unknown> | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isRecord(value)) throw requiredInput();
	return value;
}

function apply(current: string[], lists: Change | undefined): string[] {
	if (!lists) return current;
	const next = [...current];
	for (const id of lists.add) if (!next.includes(id)) next.push(id);
	return next.filter((id) => !lists.delete.includes(id));
}

export const templatePermissionRoutes: Route[] = [
	{
		method: 'PATCH',
		pattern: '/v2.0/api/forms/:form_id/permissions',
		auth: 'member',
		handle: ({ context, request, member }) => {
			const template = context.state.templates.get(request.params.form_id);
			if (!template || template.deleted) throw new ApiError('4000046', 'There is no template.');
			if (!member || !mayModify(context, member, template)) {
				if (member && member.role.some((role) => role.endsWith('_manager'))) {
					throw new ApiError('4000044', 'You have no permission to access the form.');
				}
				throw new ApiError('4030009', 'You do not have access.');
			}
			const body = jsonBody(request);
			if (!body) throw requiredInput();
			const knownMember = (id: string) => {
				if (!activeMember(context.state, id)) throw new ApiError('4000074', 'No such member exists.');
			};
			const group = (id: string) => {
				if (!context.state.groups.has(id)) throw new ApiError('4000011', 'The group does not exist.');
			};
			const manager = (id: string) => {
				if (!(id in MANAGER_ROLES)) throw requiredInput();
			};
			let useAll: boolean | undefined;
			if (body.use_all_members !== undefined) {
				useAll = looseBoolean(body.use_all_members);
				if (useAll === undefined) throw requiredInput();
			}
			const use = section(body.use);
			const modify = section(body.modify);
			const useMembers = change(use?.members, knownMember);
			const useGroups = change(use?.groups, group);
			const modifyMembers = change(modify?.members, knownMember);
			const modifyGroups = change(modify?.groups, group);
			const modifyManagers = change(modify?.managers, manager);
			const anything = [useMembers, useGroups, modifyMembers, modifyGroups, modifyManagers].some(
				(lists) => lists && lists.add.length + lists.delete.length > 0,
			);
			// "All keys optional, send at least one".
			if (useAll === undefined && !anything) throw requiredInput();

			const permissions = template.permissions;
			if (useAll !== undefined) permissions.use_all_members = useAll;
			permissions.use.members = apply(permissions.use.members, useMembers);
			permissions.use.groups = apply(permissions.use.groups, useGroups);
			permissions.modify.members = apply(permissions.modify.members, modifyMembers);
			permissions.modify.groups = apply(permissions.modify.groups, modifyGroups);
			permissions.modify.managers = apply(permissions.modify.managers, modifyManagers);
			return completed();
		},
	},
];
