import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { sendCompletedPdfs, type PdfSending } from '../../../shared/api/completedDocuments';
import type { ForItem } from '../../../shared/transport';
import { errorItem, itemError } from '../helpers/itemErrors';
import { failureDetails } from './helpers/documentIds';
import { documentGroups, documentSourceProperties, pairedItemsOf, type DocumentGroup } from './helpers/documentSources';

/**
 * Sends the final PDF of completed documents to people by e-mail or SMS
 * (docs/api/eformsign-api-notes.md, "Send completed PDFs"): one request for many documents, each
 * with its own recipients.
 */

/** eformsign's own default for the phone numbers of its users (Korea). */
const DEFAULT_COUNTRY_CODE = '+82';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9]{7,20}$/;
const COUNTRY_CODE = /^\+?[0-9]{1,4}$/;

const properties: INodeProperties[] = [
	...documentSourceProperties(
		'the node sends all of them in one request, each document to the recipients set for its own item',
	),
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Recipient',
		default: {},
		required: true,
		description: 'Who receives the PDF',
		options: [
			{
				displayName: 'Recipient',
				name: 'recipient',
				values: [
					{
						displayName: 'Country Code',
						name: 'countryCode',
						type: 'string',
						default: DEFAULT_COUNTRY_CODE,
						placeholder: 'e.g. +82',
						description: 'Country calling code of the phone number. +82 (Korea) unless changed.',
						displayOptions: { show: { method: ['sms'] } },
					},
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
						displayOptions: { show: { method: ['email'] } },
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. Jane Doe',
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: 'e.g. 01012345678',
						description: 'Mobile number, digits only (spaces and dashes are removed)',
						displayOptions: { show: { method: ['sms'] } },
					},
					{
						displayName: 'Send By',
						name: 'method',
						type: 'options',
						options: [
							{ name: 'Email', value: 'email' },
							{ name: 'SMS', value: 'sms' },
						],
						default: 'email',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Attach Audit Trail',
				name: 'attachAuditTrail',
				type: 'boolean',
				default: false,
				description: 'Whether to send the audit trail with the PDF',
			},
			{
				displayName: 'PDF Password',
				name: 'pdfPassword',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Password the recipients need to open the PDF. Leave empty for none.',
			},
			{
				displayName: 'Hint',
				name: 'hint',
				type: 'string',
				default: '',
				placeholder: 'e.g. Your date of birth (MMDD)',
				description: 'Hint for the PDF password, shown to the recipients',
			},
			{
				displayName: 'Send as Link',
				name: 'sendAsLink',
				type: 'boolean',
				default: false,
				description: 'Whether to send a link to the PDF instead of the file itself',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['sendCompletedPdf'] } },
	properties,
);

/** One `pdf_send_infos[]` entry, and who it goes to in the output (no password there). */
interface Delivery {
	info: IDataObject;
	summary: IDataObject;
}

function invalid(this: IExecuteFunctions, message: string, description: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/** The item's recipients, checked before anything is sent. */
function deliveriesOf(this: IExecuteFunctions, itemIndex: number): Delivery[] {
	const raw = this.getNodeParameter('recipients.recipient', itemIndex, []) as IDataObject[];
	if (raw.length === 0) {
		throw invalid.call(this, 'No recipient was given', 'Add at least one recipient under "Recipients".', itemIndex);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const pdfOption: IDataObject = {};
	if (options.pdfPassword) pdfOption.auth_pwd = String(options.pdfPassword);
	if (options.hint) pdfOption.auth_hint = String(options.hint);
	if (options.attachAuditTrail === true) pdfOption.attach_audit_pdf = true;
	if (options.sendAsLink === true) pdfOption.use_attach_link = true;
	return raw.map((recipient, index) => {
		const which = `Recipient ${index + 1}`;
		const name = String(recipient.name ?? '').trim();
		if (!name) throw invalid.call(this, `${which} has no name`, 'Enter the name eformsign shows to the recipient.', itemIndex);
		const base: IDataObject = { name, sms_option: {} };
		if (Object.keys(pdfOption).length > 0) base.send_pdf_option = pdfOption;
		if (recipient.method === 'sms') {
			const entered = String(recipient.phoneNumber ?? '').trim();
			const phone = entered.replace(/[\s-]/g, '');
			const code = String(recipient.countryCode ?? DEFAULT_COUNTRY_CODE).trim() || DEFAULT_COUNTRY_CODE;
			if (!PHONE.test(phone)) {
				throw invalid.call(this, `The phone number "${entered}" of ${which} is not valid`, 'Enter the mobile number as digits, e.g. 01012345678.', itemIndex);
			}
			if (!COUNTRY_CODE.test(code)) {
				throw invalid.call(this, `The country code "${code}" of ${which} is not valid`, 'Enter a country calling code such as +82 (Korea) or +1.', itemIndex);
			}
			const countryCode = code.startsWith('+') ? code : `+${code}`;
			return {
				info: { ...base, method: 'sms', method_info: phone, code: countryCode },
				summary: { name, method: 'sms', to: `${countryCode} ${phone}` },
			};
		}
		const email = String(recipient.email ?? '').trim();
		if (!EMAIL.test(email)) {
			throw invalid.call(this, `The email address "${email}" of ${which} is not valid`, 'Enter an address such as name@example.com.', itemIndex);
		}
		return { info: { ...base, method: 'email', method_info: email }, summary: { name, method: 'email', to: email } };
	});
}

/** One output item per document, from eformsign's success_result / fail_result (INFERRED shape). */
function documentResults(group: DocumentGroup, sent: Map<string, Delivery[]>, response: IDataObject): INodeExecutionData[] {
	const result = (response.result ?? {}) as IDataObject;
	const reported = Array.isArray(result.success_result) || Array.isArray(result.fail_result);
	const succeeded = new Set((Array.isArray(result.success_result) ? result.success_result : []).map(String));
	const failed = new Map<string, IDataObject>();
	for (const entry of (Array.isArray(result.fail_result) ? result.fail_result : []) as IDataObject[]) {
		if (entry && typeof entry === 'object' && entry.document_id) failed.set(String(entry.document_id), entry);
	}
	return [...sent.keys()].map((documentId) => {
		const recipients = (sent.get(documentId) ?? []).map((delivery) => delivery.summary);
		// Without per-document lists, eformsign's success answer covers the whole request.
		const ok = reported ? succeeded.has(documentId) : true;
		const json: IDataObject = { document_id: documentId, sent: ok, recipients };
		if (!ok) Object.assign(json, failureDetails(failed.get(documentId), 'eformsign did not report this document as sent'));
		return { json, pairedItem: pairedItemsOf(group, [documentId]) };
	});
}

export async function executeAll(this: IExecuteFunctions, forAll: ForItem): Promise<INodeExecutionData[]> {
	const { groups, failures } = documentGroups.call(this);
	const outputs: INodeExecutionData[] = [...failures];
	const deliveries = new Map<number, Delivery[] | undefined>();
	const deliveriesFor = (itemIndex: number): Delivery[] | undefined => {
		if (!deliveries.has(itemIndex)) {
			try {
				deliveries.set(itemIndex, deliveriesOf.call(this, itemIndex));
			} catch (error) {
				if (!this.continueOnFail()) throw itemError.call(this, error, itemIndex);
				outputs.push(errorItem(error as Error, itemIndex));
				deliveries.set(itemIndex, undefined);
			}
		}
		return deliveries.get(itemIndex);
	};
	// Every recipient of every item is checked before the first request.
	const requests = groups.map((group) => {
		const sent = new Map<string, Delivery[]>();
		for (const documentId of group.ids) {
			const all = (group.itemsOf.get(documentId) ?? []).flatMap((itemIndex) => deliveriesFor(itemIndex) ?? []);
			const unique = all.filter((delivery, index) => all.findIndex((other) => other.summary.to === delivery.summary.to) === index);
			if (unique.length > 0) sent.set(documentId, unique);
		}
		return { group, sent };
	});
	for (const { group, sent } of requests) {
		if (sent.size === 0) continue;
		const sendPdfs: PdfSending[] = [...sent].map(([documentId, list]) => ({
			document_id: documentId,
			pdf_send_infos: list.map((delivery) => delivery.info),
		}));
		const firstItem = Math.min(...pairedItemsOf(group, [...sent.keys()]).map((paired) => paired.item));
		try {
			const response = await sendCompletedPdfs.call(this, sendPdfs, { ...forAll, itemIndex: firstItem });
			outputs.push(...documentResults(group, sent, response));
		} catch (error) {
			if (!this.continueOnFail()) throw itemError.call(this, error, firstItem);
			outputs.push({ ...errorItem(error as Error, firstItem), pairedItem: pairedItemsOf(group, [...sent.keys()]) });
		}
	}
	return outputs;
}
