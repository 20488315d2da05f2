import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { groupLocator } from '../../common.descriptions';

/** Step types a recipient can fill (docs/api/eformsign-api-notes.md, "Code tables"). */
export const RECIPIENT_STEP_TYPES: Array<{ name: string; value: string; description: string }> = [
	{ name: 'Participant', value: '05', description: 'Fills in and signs the document' },
	{ name: 'Reviewer', value: '06', description: 'Reviews and approves the document' },
	{ name: 'Viewer', value: '07', description: 'Only needs to read the document' },
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function recipientFields(withStepType: boolean): INodeProperties[] {
	const stepType: INodeProperties[] = withStepType
		? [
				{
					displayName: 'Step Type',
					name: 'stepType',
					type: 'options',
					options: RECIPIENT_STEP_TYPES,
					default: '05',
					description: "The kind of step this recipient fills; it must match the template's workflow",
				},
			]
		: [];
	return [
		...stepType,
		{
			displayName: 'Recipient Type',
			name: 'recipientType',
			type: 'options',
			options: [
				{ name: 'Person', value: 'member', description: 'A company member or an outside person' },
				{ name: 'Group', value: 'group', description: 'Any member of a company group may act' },
			],
			default: 'member',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. Jane Doe',
			displayOptions: { show: { recipientType: ['member'] } },
		},
		{
			displayName: 'E-Mail or Member ID',
			name: 'id',
			type: 'string',
			default: '',
			placeholder: 'e.g. name@example.com',
			description: "The recipient's e-mail address; for a company member, the e-mail they sign in with",
			displayOptions: { show: { recipientType: ['member'] } },
		},
		{
			...groupLocator,
			required: false,
			displayOptions: { show: { recipientType: ['group'] } },
		},
		{
			displayName: 'Send by E-Mail',
			name: 'useMail',
			type: 'boolean',
			default: true,
			description: 'Whether to send the request by e-mail',
		},
		{
			displayName: 'Send by SMS',
			name: 'useSms',
			type: 'boolean',
			default: false,
			description: 'Whether to send the request by text message',
		},
		{
			displayName: 'SMS Country Code',
			name: 'countryCode',
			type: 'string',
			default: '+82',
			placeholder: 'e.g. +82',
			displayOptions: { show: { recipientType: ['member'] } },
		},
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. 01023456789',
			description: 'Needed when sending by SMS',
			displayOptions: { show: { recipientType: ['member'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'A password the recipient must enter to open the document (optional)',
			displayOptions: { show: { recipientType: ['member'] } },
		},
		{
			displayName: 'Password Hint',
			name: 'hint',
			type: 'string',
			default: '',
			placeholder: 'e.g. The last 4 digits of your phone number',
			displayOptions: { show: { recipientType: ['member'] } },
		},
		{
			displayName: 'Link Valid Days',
			name: 'validDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: "How long the request link stays valid, in days. 0 for both days and hours keeps the template's setting.",
		},
		{
			displayName: 'Link Valid Hours',
			name: 'validHours',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 23 },
			default: 0,
			description: 'Added to Link Valid Days',
		},
	];
}

/** The recipients list of Create, Create for External Writer and the bulk operations. */
export function recipientsProperty(withStepType = true): INodeProperties {
	return {
		displayName: 'Recipients',
		name: 'recipients',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add recipient',
		description: withStepType
			? "One recipient per step of the template's workflow after the start step, in order"
			: 'Who receives the request again',
		options: [{ displayName: 'Recipient', name: 'recipient', values: recipientFields(withStepType) }],
	};
}

function locatorValue(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in value) {
		return String((value as { value: unknown }).value ?? '').trim();
	}
	return typeof value === 'string' ? value.trim() : '';
}

function whole(value: unknown, what: string, fail: (message: string, fix: string) => never): number {
	const number = value === undefined || value === '' ? 0 : Number(value);
	if (!Number.isInteger(number) || number < 0) {
		fail(`${what} is ${String(value)}`, `Enter ${what} as a whole number of 0 or more.`);
	}
	return number;
}

/** One recipient object of the `document` body from one row of the Recipients list. */
function buildRecipient(
	this: IExecuteFunctions,
	row: IDataObject,
	position: number,
	itemIndex: number,
	withStepType: boolean,
): IDataObject {
	const fail = (message: string, fix: string): never => {
		throw new NodeOperationError(this.getNode(), `Recipient ${position}: ${message}`, {
			itemIndex,
			description: fix,
		});
	};
	const useMail = row.useMail !== false;
	const useSms = row.useSms === true;
	if (!useMail && !useSms) {
		fail('neither e-mail nor SMS is selected', 'Turn on "Send by E-Mail", "Send by SMS", or both.');
	}
	const recipient: IDataObject = withStepType ? { step_type: String(row.stepType ?? '05') } : {};
	recipient.use_mail = useMail;
	recipient.use_sms = useSms;

	if (row.recipientType === 'group') {
		const groupId = locatorValue(row.groupId);
		if (!groupId) fail('no group is selected', 'Pick a group from the list, or enter its ID.');
		recipient.group = { id: groupId };
		return withValidity(recipient, row, fail);
	}

	const id = String(row.id ?? '').trim();
	const phone = String(row.phoneNumber ?? '').replace(/[\s-]/g, '');
	if (useMail && !id) {
		fail('the e-mail address is empty', 'Enter the e-mail or member ID, or turn off "Send by E-Mail".');
	}
	if (id.includes('@') && !EMAIL.test(id)) {
		fail(`"${id}" is not a valid e-mail address`, 'Check the e-mail address, for example name@example.com.');
	}
	if (useSms && !/^\+?\d{6,20}$/.test(phone)) {
		fail(
			phone ? `"${phone}" is not a valid phone number` : 'the phone number is empty',
			'Enter the phone number with digits only, for example 01023456789, or turn off "Send by SMS".',
		);
	}
	const member: IDataObject = { name: String(row.name ?? '').trim(), id };
	if (phone) {
		member.sms = { country_code: String(row.countryCode ?? '+82').trim() || '+82', phone_number: phone };
	}
	recipient.member = member;
	const password = String(row.password ?? '');
	const passwordHint = String(row.hint ?? '');
	if (password || passwordHint) recipient.auth = { password, password_hint: passwordHint };
	return withValidity(recipient, row, fail);
}

function withValidity(
	recipient: IDataObject,
	row: IDataObject,
	fail: (message: string, fix: string) => never,
): IDataObject {
	const day = whole(row.validDays, 'Link Valid Days', fail);
	const hour = whole(row.validHours, 'Link Valid Hours', fail);
	if (day === 0 && hour === 0) return recipient;
	return { ...recipient, auth: { ...((recipient.auth as IDataObject) ?? {}), valid: { day, hour } } };
}

/** The `recipients` array for the body; empty when the user added none. */
export function buildRecipients(
	this: IExecuteFunctions,
	itemIndex: number,
	withStepType = true,
): IDataObject[] {
	const rows = this.getNodeParameter('recipients.recipient', itemIndex, []) as IDataObject[];
	return rows.map((row, index) => buildRecipient.call(this, row, index + 1, itemIndex, withStepType));
}
