import type { INodeProperties } from 'n8n-workflow';

import { documentIncludeOptions, templateLocator } from '../shared/descriptions';
import { DOWNLOAD_FILES, FETCH_DOCUMENT } from './enrichment';
import { EVENT_OPTIONS } from './events';

export const WEBHOOK_CREDENTIAL = 'eformsignWebhookApi';

/** The Add to Output choices that call eformsign, and so show the eformsign API credential. */
export const API_CREDENTIAL_ENRICHMENTS = [DOWNLOAD_FILES, FETCH_DOCUMENT];

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'eformsign webhooks are set up in the eformsign console, not by n8n. Copy the <b>Production URL</b> above, then in eformsign open Integration > API / Webhook > Manage Webhook > New Webhook, paste it as the endpoint URL and choose the same verification type as in the eformsign Webhook credential (for "eformsign signature", copy the key from View key into the credential). The Test URL only works while n8n is listening for a test event.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Verification',
		name: 'verification',
		type: 'options',
		default: 'credential',
		options: [
			{
				name: 'Verify With Credential',
				value: 'credential',
				description:
					'Check every request as the eformsign Webhook credential says: eformsign signature, Bearer token or Basic authentication',
			},
			{
				name: 'None',
				value: 'none',
				description:
					'Accept every request sent to the URL. Only for a console webhook without verification.',
			},
		],
		description: 'Requests that fail verification get HTTP 401 and start no execution',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		options: EVENT_OPTIONS,
		description:
			'Which events start the workflow. Other events are acknowledged and ignored. The console Test event always comes through, marked is_test_event.',
	},
	{
		...templateLocator,
		required: false,
		description:
			'Only events of documents made from this template. Leave empty for every template. "By ID" needs no other credential; "From List" asks eformsign with the eformsign API credential, which the panel shows once Add to Output is set.',
	},
	{
		displayName: 'Add to Output',
		name: 'enrich',
		type: 'multiOptions',
		default: [],
		options: [
			{
				name: 'Download Files',
				value: DOWNLOAD_FILES,
				description:
					'On PDF Ready events, attach the files the event names as ready (document PDF, audit trail) as binary data',
			},
			{
				name: 'Fetch Document',
				value: FETCH_DOCUMENT,
				description: 'Add the document as Get document returns it, under document_details',
			},
		],
		description:
			'Data fetched from eformsign for each event, with the eformsign API credential. Skipped for the console Test event.',
	},
	{
		displayName: 'Document Options',
		name: 'documentOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: documentIncludeOptions,
		displayOptions: { show: { enrich: [FETCH_DOCUMENT] } },
	},
	{
		displayName: 'Files',
		name: 'fileTypes',
		type: 'multiOptions',
		default: ['document', 'audit_trail'],
		options: [
			{ name: 'Audit Trail', value: 'audit_trail' },
			{ name: 'Document PDF', value: 'document' },
		],
		description:
			'Binary property "document" and/or "audit_trail". eformsign offers the audit trail once the document is completed.',
		displayOptions: { show: { enrich: [DOWNLOAD_FILES] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Ignore Console Test Events',
				name: 'ignoreTestEvents',
				type: 'boolean',
				default: false,
				description:
					'Whether to acknowledge the Test event of the eformsign console without starting the workflow, once the set-up works',
			},
			{
				displayName: 'Max Wait for Files (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 120 },
				default: 20,
				description: 'How long to keep asking while eformsign still generates a file',
			},
		],
	},
];
