// Company stamps (docs/api/eformsign-api-notes.md, "Company stamps"): list and detail for any member, add/update/delete for administrators
// (company managers too: INFERRED). Quirks kept on purpose: an update without `auth` resets the
// stamp to "every member may use it", an update with stamp.path "" keeps the image, an update
// without a body answers the raw Spring error, and the list of a company without stamps is 4000175.

import { ApiError, completed, isRecord, json, jsonBody, looseBoolean, requiredInput } from '../http';
import type { ApiRequest } from '../http';
import { randomId } from '../ids';
import { inspectPng } from '../png';
import type { Route, RouteCall } from '../router';
import { activeMember, isCompanyManager } from '../state';
import type { MemberRecord, StampRecord } from '../state';
import type { SandboxContext } from '../context';

/** The reference names no limit for 4130002; the sandbox takes 2 MiB of image (INFERRED). */
export const MAX_STAMP_IMAGE_BYTES = 2 * 1024 * 1024;

const NO_STAMP = 'No stamp found.';
const BAD_IMAGE = 'Invalid company stamp image data.';

function dataUrl(stamp: StampRecord): string {
	return `data:image/png;base64,${stamp.image.toString('base64')}`;
}

function stampBase(stamp: StampRecord) {
	return {
		id: stamp.id,
		name: stamp.name,
		description: stamp.description,
		create_date: stamp.create_date,
		create_id: stamp.create_id,
		update_date: stamp.update_date,
		update_id: stamp.update_id,
		deleted: false,
		stamp: { type: 'image', file: 'stamp.png', path: dataUrl(stamp), ozdpi: '' },
	};
}

/** The list names groups and members as objects; the detail as plain id arrays. */
function listItem(context: SandboxContext, stamp: StampRecord) {
	const groups = stamp.auth.groups.flatMap((id) => {
		const group = context.state.groups.get(id);
		return group ? [{ _id: group.id, name: group.name, create_date: group.create_date, description: group.description }] : [];
	});
	const members = stamp.auth.members.flatMap((accountId) => {
		const member = activeMember(context.state, accountId);
		return member ? [{ _id: member.id, account_id: member.account_id, first_name: member.name, create_date: member.create_date }] : [];
	});
	return { ...stampBase(stamp), auth: { allow_all_members: stamp.auth.allow_all_members, groups, members } };
}

function detail(stamp: StampRecord) {
	return {
		...stampBase(stamp),
		auth: { allow_all_members: stamp.auth.allow_all_members, groups: [...stamp.auth.groups], members: [...stamp.auth.members] },
	};
}

function existingStamp(context: SandboxContext, id: string): StampRecord {
	const stamp = context.state.stamps.get(id);
	if (!stamp) throw new ApiError('4000175', NO_STAMP);
	return stamp;
}

function administrator(member: MemberRecord | undefined): MemberRecord {
	if (!member || !isCompanyManager(member)) throw new ApiError('4030009', 'You do not have access.');
	return member;
}

/** The PNG a `stamp.path` data URL carries; `data:image/ozdpi,<dpi>;<base64>` is read too. */
function imageOf(path: string): Buffer {
	const png = /^data:image\/[a-z0-9.+-]+;base64,([\s\S]*)$/i.exec(path);
	const ozdpi = /^data:image\/ozdpi,[^;]*;([\s\S]*)$/i.exec(path);
	const base64 = (png ?? ozdpi)?.[1].replace(/\s/g, '');
	if (base64 === undefined || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new ApiError('4000231', BAD_IMAGE);
	const bytes = Buffer.from(base64, 'base64');
	if (bytes.length > MAX_STAMP_IMAGE_BYTES) throw new ApiError('4130002', 'The file has exceeded the maximum size.');
	const found = inspectPng(bytes);
	if (found === 'not-png') throw new ApiError('4000231', BAD_IMAGE);
	if (found === 'damaged') throw new ApiError('4000229', 'Failed to create online data in the stamp.');
	return bytes;
}

function checkedAuth(context: SandboxContext, value: unknown): StampRecord['auth'] {
	if (!isRecord(value)) throw requiredInput();
	const allowAll = value.allow_all_members === undefined ? false : looseBoolean(value.allow_all_members);
	if (allowAll === undefined) throw requiredInput();
	const ids = (list: unknown): string[] => {
		if (list === undefined || list === null) return [];
		if (!Array.isArray(list) || !list.every((id) => typeof id === 'string')) throw requiredInput();
		return [...new Set(list)];
	};
	const groups = ids(value.groups);
	const members = ids(value.members);
	if (!groups.every((id) => context.state.groups.has(id))) throw new ApiError('4000011', 'The group does not exist.');
	if (!members.every((id) => activeMember(context.state, id))) throw new ApiError('4000074', 'No such member exists.');
	return { allow_all_members: allowAll, groups, members };
}

function stampBody(request: ApiRequest): Record<string, unknown> {
	const body = jsonBody(request);
	if (!body || !isRecord(body.company_stamp)) throw requiredInput();
	return body.company_stamp;
}

/** A non-empty name no other stamp has. */
function checkedName(context: SandboxContext, value: unknown, exceptId?: string): string {
	if (typeof value !== 'string' || value.trim() === '') throw requiredInput();
	const name = value.trim();
	for (const stamp of context.state.stamps.values()) {
		if (stamp.id !== exceptId && stamp.name === name) {
			throw new ApiError('4000174', 'This name has already been used for another stamp.');
		}
	}
	return name;
}

function checkedDescription(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw requiredInput();
	return value;
}

function write(call: RouteCall, existing: StampRecord | undefined): StampRecord {
	const { context, request } = call;
	const admin = administrator(call.member);
	const input = stampBody(request);
	const name = checkedName(context, input.name, existing?.id);
	const description = checkedDescription(input.description);
	const path = isRecord(input.stamp) ? input.stamp.path : undefined;
	if (typeof path !== 'string' || (!existing && path === '')) throw requiredInput();
	// On update "" keeps the current image.
	const image = existing && path === '' ? existing.image : imageOf(path);
	// Without `auth` the stamp is for every member: on update that resets what was set.
	const auth =
		input.auth === undefined || input.auth === null
			? { allow_all_members: true, groups: [], members: [] }
			: checkedAuth(context, input.auth);
	const now = context.clock.now();
	const stamp: StampRecord = {
		id: existing?.id ?? randomId(),
		name,
		description: description ?? existing?.description ?? '',
		create_date: existing?.create_date ?? now,
		create_id: existing?.create_id ?? admin.account_id,
		update_date: now,
		update_id: admin.account_id,
		image,
		auth,
	};
	context.state.stamps.set(stamp.id, stamp);
	return stamp;
}

export const stampRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v2.0/api/company_stamp',
		auth: 'member',
		handle: ({ context }) => {
			const stamps = [...context.state.stamps.values()];
			// OPA-CAT lists 4000175 for the list call: a company without stamps (INFERRED).
			if (stamps.length === 0) throw new ApiError('4000175', NO_STAMP);
			return json({ total_rows: stamps.length, company_stamps: stamps.map((stamp) => listItem(context, stamp)) });
		},
	},
	{
		method: 'GET',
		pattern: '/v2.0/api/company_stamp/:stamp_id',
		auth: 'member',
		handle: ({ context, request }) => json(detail(existingStamp(context, request.params.stamp_id))),
	},
	{
		method: 'POST',
		pattern: '/v2.0/api/company_stamp',
		auth: 'member',
		handle: (call) => {
			const stamp = write(call, undefined);
			return json({ company_stamp: { id: stamp.id, name: stamp.name } });
		},
	},
	{
		method: 'PATCH',
		pattern: '/v2.0/api/company_stamp/:stamp_id',
		auth: 'member',
		handle: (call) => {
			administrator(call.member);
			const existing = existingStamp(call.context, call.request.params.stamp_id);
			if (call.request.rawBody.trim() === '') {
				// The raw Spring answer eformsign gives an update without a body.
				throw new ApiError('400', 'Required request body is missing', {}, 400);
			}
			const stamp = write(call, existing);
			return json({ company_stamp: { id: stamp.id, name: stamp.name } });
		},
	},
	{
		method: 'DELETE',
		pattern: '/v2.0/api/company_stamp/:stamp_id',
		auth: 'member',
		handle: ({ context, request, member }) => {
			administrator(member);
			existingStamp(context, request.params.stamp_id);
			context.state.stamps.delete(request.params.stamp_id);
			return completed();
		},
	},
];
