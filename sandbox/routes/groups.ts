// Groups (docs/api/eformsign-api-notes.md, "Groups"): list, create, update (description required), delete
// (all ids must exist).

import type { SandboxContext } from '../context';
import { ApiError, completed, isRecord, json, jsonBody, queryFlag, requiredInput } from '../http';
import { randomId } from '../ids';
import type { Route } from '../router';
import { activeMember } from '../state';
import type { GroupRecord } from '../state';
import { memberFormat } from './members';

const NAME_EMPTY = 'The group name is cannot be empty';
const NAME_TAKEN = 'The group name is already in use.';

function groupItem(context: SandboxContext, group: GroupRecord, includeMembers: boolean, includeFields: boolean) {
	const members = group.members
		.map((accountId) => activeMember(context.state, accountId))
		.filter((member) => member !== undefined);
	return {
		id: group.id,
		name: group.name,
		description: group.description,
		create_date: group.create_date,
		members: includeMembers
			? members.map((member) => ({
					id: member.id,
					account_id: member.account_id,
					name: member.name,
					create_date: member.create_date,
					status: member.enabled ? 'active' : 'inactive',
					contact: { country_id: member.contact.country_id, number: member.contact.number, tel: member.contact.tel },
					department: member.department,
					position: member.position,
				}))
			: [],
		fields: includeFields ? group.fields.map((field) => ({ ...field })) : [],
	};
}

function groupBody(body: Record<string, unknown> | undefined): Record<string, unknown> {
	if (!body || !isRecord(body.group)) throw requiredInput();
	return body.group;
}

/** A usable group name, unique among the other groups (case-insensitive). */
function checkedName(context: SandboxContext, value: unknown, exceptId?: string): string {
	if (value !== undefined && value !== null && typeof value !== 'string') throw requiredInput();
	const name = typeof value === 'string' ? value.trim() : '';
	if (!name) throw new ApiError('4000249', NAME_EMPTY);
	for (const group of context.state.groups.values()) {
		if (group.id !== exceptId && group.name.toLowerCase() === name.toLowerCase()) {
			throw new ApiError('4000122', NAME_TAKEN);
		}
	}
	return name;
}

function checkedMembers(context: SandboxContext, value: unknown): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) throw requiredInput();
	for (const accountId of value) {
		if (!activeMember(context.state, accountId)) throw new ApiError('4000074', 'No such member exists.');
	}
	return [...new Set(value)];
}

function checkedDescription(value: unknown, required: boolean): string | undefined {
	if (value === undefined || value === null) {
		if (required) throw requiredInput();
		return undefined;
	}
	if (typeof value !== 'string') throw requiredInput();
	return value;
}

export const groupRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v2.0/api/groups',
		auth: 'access',
		handle: ({ context, request }) => {
			const includeMembers = queryFlag(request.query, 'include_member');
			const includeFields = queryFlag(request.query, 'include_field');
			const search = (request.query.eb_name_search ?? '').trim().toLowerCase();
			const groups = [...context.state.groups.values()].filter(
				(group) => !search || group.name.toLowerCase().includes(search),
			);
			return json({
				groups: groups.map((group) => groupItem(context, group, includeMembers, includeFields)),
				...(includeFields ? { format: memberFormat(context) } : {}),
			});
		},
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/groups',
		auth: 'access',
		handle: ({ context, request }) => {
			const input = groupBody(jsonBody(request));
			const name = checkedName(context, input.name);
			const description = checkedDescription(input.description, false) ?? '';
			const members = checkedMembers(context, input.members) ?? [];
			const group: GroupRecord = {
				id: randomId(),
				name,
				description,
				create_date: context.clock.now(),
				members,
				fields: [],
			};
			context.state.groups.set(group.id, group);
			return json({ group: { id: group.id, name: group.name } });
		},
	},
	{
		method: 'PATCH',
		pattern: '/v2.0/api/groups/:group_id',
		auth: 'access',
		handle: ({ context, request }) => {
			const group = context.state.groups.get(request.params.group_id);
			if (!group) throw new ApiError('4000123', 'The group does not exist.');
			const input = groupBody(jsonBody(request));
			const description = checkedDescription(input.description, true) ?? '';
			const name = input.name === undefined ? group.name : checkedName(context, input.name, group.id);
			const members = checkedMembers(context, input.members);
			group.name = name;
			group.description = description;
			if (members) group.members = members;
			return json({ group: { id: group.id, name: group.name } });
		},
	},
	{
		method: 'DELETE',
		pattern: '/v2.0/api/groups',
		auth: 'access',
		handle: ({ context, request }) => {
			const body = jsonBody(request);
			const ids = body?.group_ids;
			if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
				throw requiredInput();
			}
			if (!ids.every((id: string) => context.state.groups.has(id))) {
				throw new ApiError('4000011', 'The group does not exist.');
			}
			for (const id of ids) context.state.groups.delete(id);
			return completed();
		},
	},
];
