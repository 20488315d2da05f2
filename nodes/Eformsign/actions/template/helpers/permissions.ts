import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { checkedId } from '../../../../shared/api/ids';

/**
 * Template > Update Permissions: the parameters, the PATCH body they make and the output that says
 * what changed (docs/api/eformsign-api-notes.md, "Template permissions"). eformsign takes changes
 * (add / delete), not the new state, and has no call that reads permissions back.
 */

/** eformsign's manager roles, upper case as the permissions call takes them. */
const MANAGER_ROLES = [
	{ name: 'Company Manager', value: 'COMPANY_MANAGER' },
	{ name: 'Document Manager', value: 'DOCUMENT_MANAGER' },
	{ name: 'Template Manager', value: 'TEMPLATE_MANAGER' },
];

export const permissionProperties: INodeProperties[] = [
	{
		displayName: 'Who May Use It',
		name: 'useAccess',
		type: 'options',
		options: [
			{
				name: 'Keep As Is',
				value: 'keep',
				description: 'Leave "all members" as it is; only the changes under Use Permission apply',
			},
			{
				name: 'All Members',
				value: 'all',
				description: 'Every member may create documents from the template',
			},
			{
				name: 'Only Members and Groups Given Permission',
				value: 'listed',
				description: 'Only the members and groups given use permission may create documents from it',
			},
		],
		default: 'keep',
	},
	{
		displayName: 'Use Permission',
		name: 'use',
		type: 'collection',
		placeholder: 'Add Change',
		default: {},
		description: 'Members and groups to give or take away the right to create documents from the template',
		options: [
			{
				displayName: 'Add Group Names or IDs',
				name: 'addGroups',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getGroups' },
				default: [],
				description:
					'Groups whose members may use the template. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Add Member Names or IDs',
				name: 'addMembers',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getMembers' },
				default: [],
				description:
					'Members who may use the template (their login e-mails). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Remove Group Names or IDs',
				name: 'removeGroups',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getGroups' },
				default: [],
				description:
					'Groups that may no longer use the template. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Remove Member Names or IDs',
				name: 'removeMembers',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getMembers' },
				default: [],
				description:
					'Members who may no longer use the template. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	{
		displayName: 'Edit Permission',
		name: 'modify',
		type: 'collection',
		placeholder: 'Add Change',
		default: {},
		description: 'Members, groups and manager roles to give or take away the right to change the template',
		options: [
			{
				displayName: 'Add Group Names or IDs',
				name: 'addGroups',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getGroups' },
				default: [],
				description:
					'Groups whose members may change the template. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Add Manager Roles',
				name: 'addManagers',
				type: 'multiOptions',
				options: MANAGER_ROLES,
				default: [],
				description: 'Manager roles whose members may change the template',
			},
			{
				displayName: 'Add Member Names or IDs',
				name: 'addMembers',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getMembers' },
				default: [],
				description:
					'Members who may change the template (their login e-mails). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Remove Group Names or IDs',
				name: 'removeGroups',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getGroups' },
				default: [],
				description:
					'Groups that may no longer change the template. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Remove Manager Roles',
				name: 'removeManagers',
				type: 'multiOptions',
				options: MANAGER_ROLES,
				default: [],
				description: 'Manager roles whose members may no longer change the template',
			},
			{
				displayName: 'Remove Member Names or IDs',
				name: 'removeMembers',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getMembers' },
				default: [],
				description:
					'Members who may no longer change the template. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

interface Lists {
	added: string[];
	removed: string[];
}

/** Each list: the kind of ID it holds (manager roles are no IDs) and how its parameters end. */
const LISTS = {
	members: { kind: 'member', label: 'Member Names or IDs' },
	groups: { kind: 'group', label: 'Group Names or IDs' },
	managers: { kind: undefined, label: 'Manager Roles' },
} as const;

type ListName = keyof typeof LISTS;

/** IDs from the picker, from a mapped list, or from comma-separated text; each checked, without repeats. */
function readIds(
	this: IExecuteFunctions,
	value: unknown,
	list: ListName,
	field: string,
	itemIndex: number,
): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	const ids: string[] = [];
	for (const part of parts) {
		if (part !== null && typeof part === 'object') {
			throw new NodeOperationError(this.getNode(), `A value in "${field}" is not text`, {
				itemIndex,
				description: 'Map IDs as text, for example {{ $json.account_id }} or {{ $json.id }}.',
			});
		}
		const text = String(part ?? '').trim();
		if (text === '') continue;
		const kind = LISTS[list].kind;
		const id = kind ? checkedId(this.getNode(), text, { kind, field }, itemIndex) : text;
		if (kind === undefined && !MANAGER_ROLES.some((role) => role.value === id)) {
			throw new NodeOperationError(this.getNode(), `"${id}" in "${field}" is not a manager role`, {
				itemIndex,
				description: 'The manager roles are TEMPLATE_MANAGER, DOCUMENT_MANAGER and COMPANY_MANAGER.',
			});
		}
		if (!ids.includes(id)) ids.push(id);
	}
	return ids;
}

function readLists(
	this: IExecuteFunctions,
	section: IDataObject,
	sectionName: string,
	list: ListName,
	itemIndex: number,
): Lists {
	const name = list.charAt(0).toUpperCase() + list.slice(1);
	const label = (verb: string) => `${sectionName} > ${verb} ${LISTS[list].label}`;
	const added = readIds.call(this, section[`add${name}`], list, label('Add'), itemIndex);
	const removed = readIds.call(this, section[`remove${name}`], list, label('Remove'), itemIndex);
	const both = added.find((id) => removed.includes(id));
	if (both !== undefined) {
		throw new NodeOperationError(this.getNode(), `"${both}" is both added and removed in ${sectionName}`, {
			itemIndex,
			description: `Keep it in "${label('Add')}" or in "${label('Remove')}", not in both.`,
		});
	}
	return { added, removed };
}

export interface PermissionChanges {
	useAllMembers?: boolean;
	use: { members: Lists; groups: Lists };
	modify: { members: Lists; groups: Lists; managers: Lists };
}

/** The changes the parameters ask for; none at all is refused, as there would be nothing to send. */
export function readPermissionChanges(this: IExecuteFunctions, itemIndex: number): PermissionChanges {
	const access = this.getNodeParameter('useAccess', itemIndex, 'keep') as string;
	const use = this.getNodeParameter('use', itemIndex, {}) as IDataObject;
	const modify = this.getNodeParameter('modify', itemIndex, {}) as IDataObject;
	const changes: PermissionChanges = {
		useAllMembers: access === 'all' ? true : access === 'listed' ? false : undefined,
		use: {
			members: readLists.call(this, use, 'Use Permission', 'members', itemIndex),
			groups: readLists.call(this, use, 'Use Permission', 'groups', itemIndex),
		},
		modify: {
			members: readLists.call(this, modify, 'Edit Permission', 'members', itemIndex),
			groups: readLists.call(this, modify, 'Edit Permission', 'groups', itemIndex),
			managers: readLists.call(this, modify, 'Edit Permission', 'managers', itemIndex),
		},
	};
	const lists = [...Object.values(changes.use), ...Object.values(changes.modify)];
	if (changes.useAllMembers === undefined && lists.every((list) => list.added.length + list.removed.length === 0)) {
		throw new NodeOperationError(this.getNode(), 'Nothing to change', {
			itemIndex,
			description:
				'Choose "All Members" or "Only Members and Groups Given Permission" under "Who May Use It", or add a member, group or manager role under "Use Permission" or "Edit Permission".',
		});
	}
	return changes;
}

function bodyLists(lists: Record<string, Lists>): IDataObject | undefined {
	const body: IDataObject = {};
	for (const [name, { added, removed }] of Object.entries(lists)) {
		if (added.length + removed.length === 0) continue;
		body[name] = { ...(added.length ? { add: added } : {}), ...(removed.length ? { delete: removed } : {}) };
	}
	return Object.keys(body).length > 0 ? body : undefined;
}

/** The PATCH body: only the keys that change something. */
export function permissionsBody(changes: PermissionChanges): IDataObject {
	const body: IDataObject = {};
	if (changes.useAllMembers !== undefined) body.use_all_members = changes.useAllMembers;
	const use = bodyLists(changes.use);
	if (use) body.use = use;
	const modify = bodyLists(changes.modify);
	if (modify) body.modify = modify;
	return body;
}

function outputLists(lists: Record<string, Lists>): IDataObject {
	const output: IDataObject = {};
	for (const [name, { added, removed }] of Object.entries(lists)) {
		output[`${name}_added`] = added;
		output[`${name}_removed`] = removed;
	}
	return output;
}

function sentence(section: string, lists: Record<string, Lists>, first: string[]): string | undefined {
	const parts = [...first];
	for (const [name, { added, removed }] of Object.entries(lists)) {
		if (added.length) parts.push(`${name} added: ${added.join(', ')}`);
		if (removed.length) parts.push(`${name} removed: ${removed.join(', ')}`);
	}
	return parts.length ? `${section}: ${parts.join('; ')}.` : undefined;
}

/** What eformsign was asked to change, list by list, and the same in one sentence per permission. */
export function permissionsOutput(templateId: string, changes: PermissionChanges): IDataObject {
	const all =
		changes.useAllMembers === undefined
			? []
			: [changes.useAllMembers ? 'every member may use it' : 'only members and groups given permission may use it'];
	const summary = [sentence('Use', changes.use, all), sentence('Edit', changes.modify, [])].filter(Boolean);
	return {
		template_id: templateId,
		...(changes.useAllMembers === undefined ? {} : { use_all_members: changes.useAllMembers }),
		use: outputLists(changes.use),
		modify: outputLists(changes.modify),
		summary: summary.join(' '),
	};
}
