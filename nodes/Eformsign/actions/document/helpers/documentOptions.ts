import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { templateLocator } from '../../../../shared/descriptions';
import { buildFieldValues, fieldValueProperties } from './fieldValues';
import { buildRecipients, recipientsProperty } from './recipients';

/**
 * Parameters and body parts shared by every "new document" operation
 * (docs/api/eformsign-api-notes.md, "Create document").
 */

const documentNameProperty: INodeProperties = {
	displayName: 'Document Name',
	name: 'documentName',
	type: 'string',
	default: '',
	placeholder: 'e.g. Employment Contract - Jane Doe',
	description: "The document's title. Leave empty to use the name set in the template.",
};

export const commentProperty: INodeProperties = {
	displayName: 'Comment',
	name: 'comment',
	type: 'string',
	default: '',
	placeholder: 'e.g. Please review and sign.',
	description: 'Message shown to every recipient asked to act',
};

const draftNotice: INodeProperties = {
	displayName:
		'Without recipients, eformsign saves the document as a draft: nobody is asked to sign until it is sent from eformsign.',
	name: 'draftNotice',
	type: 'notice',
	default: '',
};

const notificationFields: INodeProperties[] = [
	{ displayName: 'E-Mail', name: 'email', type: 'string', placeholder: 'e.g. name@example.com', default: '' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Jane Doe' },
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'A password needed to open the completed document (optional)',
	},
	{ displayName: 'Password Hint', name: 'hint', type: 'string', default: '' },
	{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', placeholder: 'e.g. 01012345678' },
	{ displayName: 'SMS Country Code', name: 'countryCode', type: 'string', default: '+82' },
];

const documentOptionFields: INodeProperties[] = [
	{
		displayName: 'CC Group IDs',
		name: 'ccGroups',
		type: 'string',
		default: '',
		placeholder: 'e.g. 61b05d369b2a4a10b5c4c8a1373abc0d',
		description: 'Groups that receive a copy (referers), separated by commas',
	},
	{
		displayName: 'CC Member IDs',
		name: 'ccMembers',
		type: 'string',
		default: '',
		placeholder: 'e.g. name@example.com, other@example.com',
		description: 'Members that receive a copy (referers), separated by commas',
	},
	{
		displayName: 'Completion Notification',
		name: 'notification',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add person',
		description: 'People who receive the completed document',
		options: [{ displayName: 'Person', name: 'person', values: notificationFields }],
	},
	{
		displayName: "Creator's Group Name",
		name: 'selectGroupName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Sales',
		description: 'The group the document is created for. Required when the member belongs to two or more groups.',
	},
	{
		displayName: 'Parameters',
		name: 'parameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add parameter',
		description: 'Template parameters, such as a dataset bound to the template',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'ID', name: 'id', type: 'string', default: '', placeholder: 'e.g. jsonDataset' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
];

export const sendExternalPdfOption: INodeProperties = {
	displayName: 'Send Final PDF To Writer',
	name: 'sendExternalPdf',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add writer contact',
	description:
		'Where the outside writer receives the completed PDF. Needed when the template notifies the first writer on completion.',
	options: [
		{
			displayName: 'Writer',
			name: 'writer',
			values: [
				{ displayName: 'E-Mail', name: 'email', type: 'string', placeholder: 'e.g. name@example.com', default: '' },
				{
					displayName: 'Password',
					name: 'password',
					type: 'string',
					typeOptions: { password: true },
					default: '',
				},
				{ displayName: 'Password Hint', name: 'hint', type: 'string', default: '' },
				{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '' },
				{ displayName: 'SMS Country Code', name: 'countryCode', type: 'string', default: '+82' },
			],
		},
	],
};

/**
 * The parameters of a new document, in the order every create operation shows them. The bulk
 * operations pass their own template and comment; Create for External Writer has no draft (it
 * needs a recipient) and one more option.
 */
export function newDocumentProperties({
	template = templateLocator,
	comment = commentProperty,
	withDraftNotice = true,
	extraOptions = [],
}: {
	template?: INodeProperties;
	comment?: INodeProperties;
	withDraftNotice?: boolean;
	extraOptions?: INodeProperties[];
} = {}): INodeProperties[] {
	return [
		template,
		documentNameProperty,
		comment,
		...(withDraftNotice ? [draftNotice] : []),
		recipientsProperty(),
		...fieldValueProperties,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [...documentOptionFields, ...extraOptions],
		},
	];
}

function commaList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => String(part).trim()).filter(Boolean);
}

function contact(row: IDataObject): IDataObject {
	const result: IDataObject = {};
	const phone = String(row.phoneNumber ?? '').replace(/[\s-]/g, '');
	if (row.email) result.email = String(row.email).trim();
	if (phone) result.sms = { country_code: String(row.countryCode ?? '+82').trim() || '+82', phone_number: phone };
	if (row.password || row.hint) {
		result.auth = { password: String(row.password ?? ''), password_hint: String(row.hint ?? '') };
	}
	return result;
}

/**
 * The `document` object of one input item. `withComment` is false for bulk requests, where
 * the comment belongs to the whole request.
 */
export function buildDocument(
	this: IExecuteFunctions,
	itemIndex: number,
	withComment = true,
): IDataObject {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const document: IDataObject = {};
	const documentName = String(this.getNodeParameter('documentName', itemIndex, '') ?? '').trim();
	if (documentName) document.document_name = documentName;
	if (withComment) {
		const comment = String(this.getNodeParameter('comment', itemIndex, '') ?? '');
		if (comment) document.comment = comment;
	}
	const recipients = buildRecipients.call(this, itemIndex);
	if (recipients.length > 0) document.recipients = recipients;
	const fields = buildFieldValues.call(this, itemIndex);
	if (fields) document.fields = fields;

	const parameters = ((options.parameters as IDataObject)?.parameter ?? []) as IDataObject[];
	if (parameters.length > 0) {
		document.parameters = parameters.map((parameter) => {
			const id = String(parameter.id ?? '').trim();
			if (!id) {
				throw new NodeOperationError(this.getNode(), 'A parameter has no ID', {
					itemIndex,
					description: 'Enter the ID of every template parameter under Options > Parameters, or remove the empty row.',
				});
			}
			return { id, value: String(parameter.value ?? '') };
		});
	}
	const groupName = String(options.selectGroupName ?? '').trim();
	if (groupName) document.select_group_name = groupName;
	const ccGroups = commaList(options.ccGroups);
	const ccMembers = commaList(options.ccMembers);
	if (ccGroups.length > 0 || ccMembers.length > 0) {
		document.referers = { groups: ccGroups, members: ccMembers };
	}
	// eformsign has answered HTTP 400 to an empty notification list, so it is only sent when filled.
	const people = ((options.notification as IDataObject)?.person ?? []) as IDataObject[];
	if (people.length > 0) {
		document.notification = people.map((person) => ({
			name: String(person.name ?? '').trim(),
			...contact(person),
		}));
	}
	const writer = (options.sendExternalPdf as IDataObject)?.writer as IDataObject | undefined;
	if (writer) document.send_external_pdf = contact(writer);
	return document;
}
