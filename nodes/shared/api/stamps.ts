import { NodeApiError, type IDataObject, type JsonObject } from 'n8n-workflow';

import { eformsignCodeOf } from '../errors';
import { eformsignRequest, type EformsignContext, type ForItem } from '../transport';

/** Company stamps (docs/api/eformsign-api-notes.md, "Company stamps"). */

const STAMPS = '/v2.0/api/company_stamp';

function stampPath(stampId: string): string {
	return `${STAMPS}/${encodeURIComponent(stampId)}`;
}

/** Who may use a stamp: `auth` as eformsign takes it on add and update. */
export interface StampAuth {
	allow_all_members: boolean;
	/** Group IDs. */
	groups: string[];
	/** Login e-mails. */
	members: string[];
}

/**
 * Every stamp of the company, in one answer. eformsign's error catalogue lists 4000175 ("No stamp
 * found.") for the list call too; that it means a company without stamps is INFERRED, and it is
 * read as an empty list here.
 */
export async function fetchStamps(
	this: EformsignContext,
	forItem?: ForItem,
): Promise<IDataObject[]> {
	try {
		const response = await eformsignRequest.call(this, { method: 'GET', path: STAMPS, ...forItem });
		return Array.isArray(response.company_stamps) ? (response.company_stamps as IDataObject[]) : [];
	} catch (error) {
		if (eformsignCodeOf(error) === '4000175') return [];
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

export async function getStamp(
	this: EformsignContext,
	stampId: string,
	forItem?: ForItem,
): Promise<IDataObject> {
	const response = await eformsignRequest.call(this, {
		method: 'GET',
		path: stampPath(stampId),
		...forItem,
	});
	return (response.company_stamp as IDataObject | undefined) ?? response;
}

/**
 * Adds (without `stampId`) or updates a stamp from `{ name, description, stamp: { path }, auth }`;
 * eformsign answers `{ id, name }`. On update, `stamp.path: ""` keeps the image and a missing `auth`
 * would reset the stamp to every member, so callers send it.
 */
export async function saveStamp(
	this: EformsignContext,
	request: { stampId?: string; stamp: IDataObject },
	forItem?: ForItem,
): Promise<IDataObject> {
	const { stampId, stamp } = request;
	const response = await eformsignRequest.call(this, {
		method: stampId === undefined ? 'POST' : 'PATCH',
		path: stampId === undefined ? STAMPS : stampPath(stampId),
		body: { company_stamp: stamp },
		...forItem,
	});
	return (response.company_stamp as IDataObject | undefined) ?? response;
}

export async function deleteStamp(
	this: EformsignContext,
	stampId: string,
	forItem?: ForItem,
): Promise<void> {
	await eformsignRequest.call(this, { method: 'DELETE', path: stampPath(stampId), ...forItem });
}

function idOf(entry: unknown, keys: string[]): string | undefined {
	if (typeof entry === 'string') return entry;
	if (!entry || typeof entry !== 'object') return undefined;
	for (const key of keys) {
		const value = (entry as IDataObject)[key];
		if (typeof value === 'string' && value !== '') return value;
	}
	return undefined;
}

/**
 * A stamp's `auth` as IDs: the list names groups and members as objects, the detail as plain ID
 * arrays; a member is named by its `account_id` where there is one (the login e-mail add and update
 * take).
 */
export function stampAuth(stamp: IDataObject): StampAuth {
	const auth = (stamp.auth ?? {}) as IDataObject;
	const ids = (value: unknown, keys: string[]) =>
		(Array.isArray(value) ? value : [])
			.map((entry) => idOf(entry, keys))
			.filter((id): id is string => id !== undefined);
	return {
		allow_all_members: auth.allow_all_members === true || auth.allow_all_members === 'true',
		groups: ids(auth.groups, ['_id', 'id']),
		members: ids(auth.members, ['account_id', '_id', 'id']),
	};
}
