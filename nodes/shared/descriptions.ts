import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DOCUMENT_BOXES } from './api/documents';
import { HEX_ID_REGEX } from './api/ids';

/** Parameters that the action node and the triggers share; the action node's own are in nodes/Eformsign/actions/common.descriptions.ts. */

/** A resource locator: From List (searchable), or By ID with an optional format check. */
export function locator(
	displayName: string,
	name: string,
	searchListMethod: string,
	idPlaceholder: string,
	idValidation?: { regex: string; errorMessage: string },
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: idPlaceholder,
				validation: idValidation
					? [{ type: 'regex', properties: idValidation }]
					: undefined,
			},
		],
	};
}

export const templateLocator = locator(
	'Template',
	'templateId',
	'searchTemplates',
	'e.g. 61b05d369b2a4a10b5c4c8a1373abc0d',
	{ regex: HEX_ID_REGEX, errorMessage: 'A template ID is 32 hex characters' },
);

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** The include_* flags of Get and Get Many (INCLUDE_FLAGS in api/documents.ts). */
export const documentIncludeOptions: INodeProperties[] = [
	{
		displayName: 'Include Fields',
		name: 'include_fields',
		type: 'boolean',
		default: false,
		description: 'Whether to include the values of the document fields',
	},
	{
		displayName: 'Include Histories',
		name: 'include_histories',
		type: 'boolean',
		default: false,
		description: 'Whether to include every action taken on the document',
	},
	{
		displayName: 'Include Previous Status',
		name: 'include_previous_status',
		type: 'boolean',
		default: false,
		description: 'Whether to include the steps already done',
	},
	{
		displayName: 'Include Next Status',
		name: 'include_next_status',
		type: 'boolean',
		default: false,
		description: 'Whether to include the steps still to come',
	},
	{
		displayName: 'Include External Tokens',
		name: 'include_external_token',
		type: 'boolean',
		default: false,
		description:
			'Whether to include the recipients with their tokens (needed to decline for an external recipient)',
	},
	{
		displayName: 'Include Detail Template Info',
		name: 'include_detail_template_info',
		type: 'boolean',
		default: false,
		description: 'Whether to include details of the template the document was made from',
	},
];

/** The Options of Get, Get Many and the poll trigger: the include_* flags. */
export const documentIncludeCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: documentIncludeOptions,
};

/** The document boxes of the document list, as in the eformsign web app. */
export const DOCUMENT_BOX_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'In Progress',
		value: DOCUMENT_BOXES.inProgress,
		description: 'Documents in progress that the member takes part in',
	},
	{
		name: 'Action Required',
		value: DOCUMENT_BOXES.actionRequired,
		description: 'Documents waiting for the member of the credential',
	},
	{
		name: 'Completed',
		value: DOCUMENT_BOXES.completed,
		description: 'Completed documents that the member takes part in',
	},
	{
		name: 'Document Management',
		value: DOCUMENT_BOXES.company,
		description: 'Every document of the company (administrators and document managers only)',
	},
];
