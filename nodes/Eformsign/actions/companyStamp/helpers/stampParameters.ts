import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { checkedId, type IdField } from '../../../../shared/api/ids';
import { saveStamp, stampAuth, type StampAuth } from '../../../../shared/api/stamps';
import { explainFailures } from '../../../../shared/errors';
import { describeContent, isPng } from '../../../../shared/fileKinds';
import type { ForItem } from '../../../../shared/transport';

/** Company stamps: the parameters Create and Update share, and what both send and output. */

export const STAMP_FIELD: IdField = { kind: 'stamp', field: 'Company Stamp' };

export const stampNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: "e.g. CEO's seal",
	description: 'The name of the stamp; eformsign refuses a name another stamp already has',
};

export const stampDescriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	placeholder: 'e.g. For employment contracts',
};

export const stampImageField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	placeholder: 'e.g. data',
	hint: 'The name of the input binary field holding the stamp image (PNG)',
};

const ALL_MEMBERS = {
	name: 'All Members',
	value: 'all',
	description: 'Every member of the company may use the stamp',
};
const SELECTED = {
	name: 'Selected Groups and Members',
	value: 'selected',
	description: 'Only the groups and members chosen below may use the stamp',
};

/** "Who May Use It" and its lists; Update adds "Keep Current" as the default. */
export function stampPermissionProperties(withKeep: boolean): INodeProperties[] {
	const show = { permissions: ['selected'] };
	const permissions: INodeProperties = withKeep
		? {
				displayName: 'Who May Use It',
				name: 'permissions',
				type: 'options',
				options: [
					{
						name: 'Keep Current',
						value: 'keep',
						description: 'The groups and members who may use the stamp now keep it',
					},
					ALL_MEMBERS,
					SELECTED,
				],
				default: 'keep',
			}
		: {
				displayName: 'Who May Use It',
				name: 'permissions',
				type: 'options',
				options: [ALL_MEMBERS, SELECTED],
				default: 'all',
			};
	return [
		permissions,
		{
			displayName: 'Group Names or IDs',
			name: 'groups',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getGroups' },
			default: [],
			description:
				'Groups whose members may use the stamp. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: { show },
		},
		{
			displayName: 'Member Names or IDs',
			name: 'members',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getMembers' },
			default: [],
			description:
				'Members who may use the stamp (their login e-mails). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: { show },
		},
	];
}

function readIds(this: IExecuteFunctions, parameter: 'groups' | 'members', itemIndex: number): string[] {
	const value = this.getNodeParameter(parameter, itemIndex, []);
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	const field: IdField =
		parameter === 'groups'
			? { kind: 'group', field: 'Group Names or IDs' }
			: { kind: 'member', field: 'Member Names or IDs' };
	const ids: string[] = [];
	for (const part of parts) {
		if (part !== null && typeof part === 'object') {
			throw new NodeOperationError(this.getNode(), `A value in "${field.field}" is not text`, {
				itemIndex,
				description: 'Map IDs as text, for example {{ $json.account_id }} or {{ $json.id }}.',
			});
		}
		if (String(part ?? '').trim() === '') continue;
		const id = checkedId(this.getNode(), part, field, itemIndex);
		if (!ids.includes(id)) ids.push(id);
	}
	return ids;
}

/** Who may use the stamp as the parameters say; undefined for "Keep Current". */
export function readStampAuth(this: IExecuteFunctions, itemIndex: number): StampAuth | undefined {
	const permissions = this.getNodeParameter('permissions', itemIndex, 'all') as string;
	if (permissions === 'keep') return undefined;
	if (permissions === 'all') return { allow_all_members: true, groups: [], members: [] };
	return {
		allow_all_members: false,
		groups: readIds.call(this, 'groups', itemIndex),
		members: readIds.call(this, 'members', itemIndex),
	};
}

/**
 * The PNG of an input binary field as the data URL eformsign takes. Anything that is not a PNG is
 * refused here, naming the field and what it holds: eformsign would refuse it with a bare code
 * (docs/api/eformsign-api-notes.md, "Company stamps").
 */
export async function readStampImage(
	this: IExecuteFunctions,
	binaryPropertyName: unknown,
	itemIndex: number,
): Promise<string> {
	const name = String(binaryPropertyName ?? '').trim() || 'data';
	const binaries = this.getInputData()[itemIndex]?.binary ?? {};
	if (!binaries[name]) {
		const present = Object.keys(binaries);
		throw new NodeOperationError(this.getNode(), `The input item has no binary field "${name}"`, {
			itemIndex,
			description: present.length
				? `Its binary fields are: ${present.map((field) => `"${field}"`).join(', ')}. Put the name of the one holding the PNG in "Input Binary Field".`
				: 'It has no binary data at all. Read the PNG into the item first, for example with "Read/Write Files from Disk" or an HTTP Request node.',
		});
	}
	const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, name);
	if (!isPng(bytes)) {
		throw new NodeOperationError(
			this.getNode(),
			`The binary field "${name}" holds ${describeContent(bytes)}, not a PNG image`,
			{
				itemIndex,
				description:
					'eformsign takes stamp images as PNG. Convert the image to PNG first (for example with the Edit Image node), or name the binary field that holds the PNG. Base64 text becomes a file with the "Convert to File" node.',
			},
		);
	}
	return `data:image/png;base64,${bytes.toString('base64')}`;
}

/**
 * At most ten flat fields of a stamp, without its image (a data URL of the whole PNG). Groups and
 * members are IDs in both the list and the detail.
 */
export function simplifyStamp(stamp: IDataObject): IDataObject {
	const auth = stampAuth(stamp);
	return {
		id: stamp.id,
		name: stamp.name,
		description: stamp.description,
		allow_all_members: auth.allow_all_members,
		groups: auth.groups,
		members: auth.members,
		create_date: stamp.create_date,
		create_id: stamp.create_id,
		update_date: stamp.update_date,
		update_id: stamp.update_id,
	};
}

/** What 4030009 means for stamp writes: not the generic "set a Member ID" (errors.ts). */
export const ADMIN_ONLY = {
	'4030009': {
		message: 'Only an administrator can add, change or delete company stamps',
		hint: "Set the credential's Member ID to an administrator's login e-mail. Other members, and a company token (no Member ID), are refused.",
	},
};

/**
 * Create (without a stamp ID) or Update: sends `stamp` and outputs what the stamp now is: eformsign
 * answers only its ID and name, the rest is what was sent (the image left out).
 */
export async function sendStamp(
	this: IExecuteFunctions,
	request: { stampId?: string; stamp: IDataObject },
	itemIndex: number,
	forItem: ForItem,
): Promise<IDataObject> {
	const { stamp } = request;
	const saved = await explainFailures(
		this.getNode(),
		async () => await saveStamp.call(this, request, forItem),
		{
			...ADMIN_ONLY,
			'4000174': {
				message: `A company stamp named "${String(stamp.name)}" already exists`,
				hint: 'Choose another name, or update the existing stamp instead.',
			},
			'4000011': {
				message: 'A group chosen to use the stamp does not exist',
				hint: 'Pick the groups from the list, or map the "id" of Group > Get Many.',
			},
			'4000074': {
				message: 'A member chosen to use the stamp is not a member of the company',
				hint: 'Use the login e-mails of current members: pick them from the list.',
			},
		},
		itemIndex,
	);
	const auth = stamp.auth as StampAuth;
	return {
		id: saved.id ?? request.stampId,
		name: saved.name ?? stamp.name,
		description: stamp.description,
		allow_all_members: auth.allow_all_members,
		groups: auth.groups,
		members: auth.members,
	};
}

export function stampItems(stamps: IDataObject[], simplify: boolean): INodeExecutionData[] {
	return stamps.map((stamp) => ({ json: simplify ? simplifyStamp(stamp) : stamp }));
}
