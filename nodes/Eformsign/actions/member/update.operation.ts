import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { memberLocator } from '../common.descriptions';
import { explainFailures } from '../../../shared/errors';
import { idParameter } from '../../../shared/api/ids';
import { findMember, updateMember } from '../../../shared/api/members';
import { readUpdateFields, updateFieldsProperty } from '../helpers/updateFields';
import { MEMBER_FIELD } from './helpers/memberOutput';
import type { ForItem } from '../../../shared/transport';

/** The roles the API may give; `admin` is not one of them (eformsign refuses it with 4000125). */
const ROLES = [
	{ name: 'Company Manager', value: 'company_manager' },
	{ name: 'Document Manager', value: 'document_manager' },
	{ name: 'Member', value: 'member' },
	{ name: 'Template Manager', value: 'template_manager' },
];

/** Changes a member; what the user leaves out is read from the member and sent unchanged. */
const properties: INodeProperties[] = [
	memberLocator,
	updateFieldsProperty([
		{
			displayName: 'Department',
			name: 'department',
			type: 'string',
			default: '',
			placeholder: 'e.g. Sales',
		},
		{
			displayName: 'Enabled',
			name: 'enabled',
			type: 'boolean',
			default: true,
			description: 'Whether the member is active; inactive members cannot sign in',
		},
		{
			displayName: 'Mobile Number',
			name: 'number',
			type: 'string',
			default: '',
			placeholder: 'e.g. 01012345678',
			description: 'Left out or empty, the current mobile number is kept',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. Minjun Kim',
			description: 'Left out or empty, the current name is kept',
		},
		{
			displayName: 'Office Phone',
			name: 'tel',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0212345678',
			description: 'Left out or empty, the current office phone number is kept',
		},
		{
			displayName: 'Position',
			name: 'position',
			type: 'string',
			default: '',
			placeholder: 'e.g. Manager',
		},
		{
			displayName: 'Roles',
			name: 'role',
			type: 'multiOptions',
			options: ROLES,
			default: [],
			description: "The member's roles; they replace the current roles",
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['member'], operation: ['update'] } },
	properties,
);

function text(value: unknown): string | undefined {
	const trimmed = typeof value === 'string' ? value.trim() : '';
	return trimmed === '' ? undefined : trimmed;
}

function readRoles(this: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	const roles = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((role) => String(role).trim())
		.filter((role) => role !== '');
	const known = ROLES.map((role) => role.value);
	const unknown = roles.filter((role) => !known.includes(role));
	if (roles.length === 0 || unknown.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			roles.length === 0 ? 'No role was given' : `Unknown role "${unknown.join('", "')}"`,
			{
				itemIndex,
				description: `Give one or more of ${known.join(', ')}, or remove "Roles" to keep the current roles. Administrators cannot be appointed through the API.`,
			},
		);
	}
	return roles;
}

/** A boolean, or "true"/"false" from an expression; anything else is refused rather than ignored. */
function readEnabled(this: IExecuteFunctions, value: unknown, itemIndex: number): boolean {
	if (typeof value === 'boolean') return value;
	const text = String(value).trim().toLowerCase();
	if (text === 'true' || text === 'false') return text === 'true';
	throw new NodeOperationError(
		this.getNode(),
		`"Enabled" is ${JSON.stringify(value)}, not true or false`,
		{
			itemIndex,
			description: 'Switch Enabled on or off, or map an expression that gives true or false.',
		},
	);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const accountId = idParameter.call(this, 'memberId', MEMBER_FIELD, itemIndex);
	const fields = readUpdateFields.call(this, itemIndex);

	// Everything the user gave is checked before anything is sent.
	const changes: IDataObject = {};
	if (fields.enabled !== undefined)
		changes.enabled = readEnabled.call(this, fields.enabled, itemIndex);
	if (fields.department !== undefined) changes.department = String(fields.department);
	if (fields.position !== undefined) changes.position = String(fields.position);
	if (fields.role !== undefined) changes.role = readRoles.call(this, fields.role, itemIndex);

	// eformsign refuses an update without both phone numbers (4000070) and stores what it is sent,
	// so the numbers not given (and the name, which it also expects) are read from the member first.
	let name = text(fields.name);
	let number = text(fields.number);
	let tel = text(fields.tel);
	if (name === undefined || number === undefined || tel === undefined) {
		const current = await findMember.call(this, accountId, forItem);
		if (!current) {
			throw new NodeOperationError(this.getNode(), `No member has the ID "${accountId}"`, {
				itemIndex,
				description:
					'Use the e-mail address the member signs in with, or pick the member from the list.',
			});
		}
		const contact = (current.contact ?? {}) as IDataObject;
		name ??= String(current.name ?? '');
		number ??= String(contact.number ?? '');
		tel ??= String(contact.tel ?? '');
	}
	const account: IDataObject = { id: accountId, name, contact: { number, tel }, ...changes };

	const response = await explainFailures(
		this.getNode(),
		async () => await updateMember.call(this, accountId, account, forItem),
		{
			'4000125': {
				message: `"${accountId}" is an administrator, and administrators cannot be changed through the eformsign API`,
				hint: 'Change administrator accounts in the eformsign web console instead; the API refuses every change to them.',
			},
		},
		itemIndex,
	);
	return [{ json: response }];
}
