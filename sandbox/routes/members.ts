// Members (docs/api/eformsign-api-notes.md, "Members"): list, update with the live server's strict
// body rules, delete.

import type { SandboxContext } from '../context';
import { ApiError, completed, isRecord, isValidEmail, json, jsonBody, looseBoolean, queryFlag, requiredInput } from '../http';
import type { Route } from '../router';
import { findMember, groupsOfMember } from '../state';
import type { MemberRecord } from '../state';

const KNOWN_ROLES = ['admin', 'company_manager', 'template_manager', 'document_manager', 'member'];
const INVALID_JSON = 'Invalid input JSON format.';
const ADMIN_LOCKED = 'Administrator accounts cannot be deactivated.';

export function memberFormat(context: SandboxContext) {
	return {
		_id: context.state.company.company_id,
		_rev: '1-sandbox',
		type: 'member_field_format',
		format_type: 'member',
		format_datas: [
			{ field_key: 'employee_no', field_type: 'text', field_value: '', field_file: '', default_value: '', deleted: false },
		],
	};
}

function memberItem(context: SandboxContext, member: MemberRecord, includeFields: boolean) {
	return {
		id: member.id,
		account_id: member.account_id,
		name: member.name,
		department: member.department,
		position: member.position,
		create_date: member.create_date,
		enabled: member.enabled,
		isRefused: false,
		isExpired: false,
		isInvited: false,
		isWithdrawal: member.deleted,
		contact: { ...member.contact },
		role: [...member.role],
		group: groupsOfMember(context.state, member.account_id).map((group) => group.name),
		fields: includeFields ? member.fields.map((field) => ({ ...field })) : [],
		deleted: member.deleted,
	};
}

function isAdmin(member: MemberRecord): boolean {
	return member.role.includes('admin');
}

function optionalText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new ApiError('4000070', INVALID_JSON);
	return value;
}

/** Applies a PATCH `account` object after every check passed (nothing changes on an error). */
function applyUpdate(member: MemberRecord, account: Record<string, unknown>, contact: Record<string, unknown>): void {
	const name = optionalText(account.name);
	if (name !== undefined && name.trim() === '') throw requiredInput();
	const enabled = account.enabled === undefined ? undefined : looseBoolean(account.enabled);
	if (account.enabled !== undefined && enabled === undefined) throw new ApiError('4000070', INVALID_JSON);
	const department = optionalText(account.department);
	const position = optionalText(account.position);
	const email = optionalText(contact.email);
	if (email && !isValidEmail(email)) throw new ApiError('4000137', 'This is an invalid email format.');
	let roles: string[] | undefined;
	if (account.role !== undefined) {
		if (!Array.isArray(account.role) || !account.role.every((role) => typeof role === 'string' && KNOWN_ROLES.includes(role))) {
			throw requiredInput();
		}
		// Nobody becomes the representative admin through this endpoint.
		if (account.role.includes('admin')) throw new ApiError('4030009', 'You do not have access.');
		roles = account.role as string[];
	}
	const tel = optionalText(contact.tel) ?? '';
	const number = optionalText(contact.number) ?? '';
	const countryId = optionalText(contact.country_id ?? contact.country_number);

	if (name !== undefined) member.name = name;
	if (enabled !== undefined) member.enabled = enabled;
	if (department !== undefined) member.department = department;
	if (position !== undefined) member.position = position;
	if (roles) member.role = roles.length > 0 ? [...roles] : ['member'];
	member.contact = {
		...member.contact,
		tel,
		number,
		...(email !== undefined ? { email } : {}),
		...(countryId !== undefined ? { country_id: countryId } : {}),
	};
}

export const memberRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v2.0/api/members',
		auth: 'access',
		handle: ({ context, request }) => {
			const includeFields = queryFlag(request.query, 'include_field');
			const includeDeleted = queryFlag(request.query, 'include_delete');
			const includeInactive = queryFlag(request.query, 'member_all');
			const search = (request.query.eb_name_search ?? '').trim().toLowerCase();
			const members = [...context.state.members.values()].filter((member) => {
				if (member.deleted && !includeDeleted) return false;
				if (!member.deleted && !member.enabled && !includeInactive) return false;
				if (!search) return true;
				return member.name.toLowerCase().includes(search) || member.account_id.toLowerCase().includes(search);
			});
			return json({
				members: members.map((member) => memberItem(context, member, includeFields)),
				...(includeFields ? { format: memberFormat(context) } : {}),
			});
		},
	},
	{
		method: 'PATCH',
		pattern: '/v2.0/api/members/:member_id',
		auth: 'access',
		handle: ({ context, request }) => {
			const member = findMember(context.state, request.params.member_id);
			if (!member || member.deleted) throw new ApiError('4000074', 'No such member exists.');
			const body = jsonBody(request);
			const account = body?.account;
			if (!isRecord(account)) throw new ApiError('4000070', INVALID_JSON);
			// The live server insists on account.contact with both keys, even empty
			// (docs/api/eformsign-api-notes.md, "Members").
			const contact = account.contact;
			if (!isRecord(contact) || !('tel' in contact) || !('number' in contact)) {
				throw new ApiError('4000070', INVALID_JSON);
			}
			if (isAdmin(member)) throw new ApiError('4000125', ADMIN_LOCKED);
			if (account.id !== undefined && account.id !== member.account_id) {
				throw new ApiError('4000074', 'No such member exists.');
			}
			applyUpdate(member, account, contact);
			return json({ company_id: context.state.company.company_id, member: { name: member.name, id: member.account_id } });
		},
	},
	{
		method: 'DELETE',
		pattern: '/v2.0/api/members/:member_id',
		auth: 'access',
		handle: ({ context, request }) => {
			const member = findMember(context.state, request.params.member_id);
			if (!member) throw new ApiError('4000074', 'No such member exists.');
			if (member.deleted) throw new ApiError('4000149', 'No such member exists.');
			if (isAdmin(member)) throw new ApiError('4000125', ADMIN_LOCKED);
			member.deleted = true;
			member.enabled = false;
			return completed();
		},
	},
];
