import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { searchTemplates } from '../shared/templateSearch';
import { CREDENTIAL_TYPE } from '../shared/transport';
import { eformsignWebhookCredentialTest } from './credentialTest';
import { API_CREDENTIAL_ENRICHMENTS, triggerProperties, WEBHOOK_CREDENTIAL } from './description';
import { claimDelivery, recordDelivery, releaseDelivery } from './duplicates';
import { enrich, wantsEnrichment, type EnrichmentSettings } from './enrichment';
import { deliveryKey, eventOutput, isSelected, parseDelivery, type WebhookEvent } from './events';
import {
	contentTypeProblem,
	declaredSizeProblem,
	jsonBody,
	printable,
	sizeProblem,
	type Refusal,
	type RefusalStatus,
} from './screening';
import { readBody, type IncomingRequest } from './request';
import { configurationProblem, readWebhookSecrets, verifyDelivery } from './verification';

export class EformsignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'eformsign Trigger',
		name: 'eformsignTrigger',
		icon: { light: 'file:../../icons/eformsign.svg', dark: 'file:../../icons/eformsign.dark.svg' },
		group: ['trigger'],
		// 1.1 only spares n8n work: for a version-1 webhook node n8n evaluates the expression
		// `$parameter["options"]["binaryData"]` on every request (n8n/dist/webhooks/webhook-helpers.js,
		// parseRequestBody), which on 2.x runs code in an expression isolate. The trigger has no such
		// option, and reads the body itself when n8n leaves it unparsed (request.ts).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node creator lists this trigger and the eformsign node as one entry, "eformsign",
		// and shows this description for it (editor-ui nodeTypes store,
		// generateMergedNodesAndActions), so it names what both offer.
		description:
			'Send, track and download eformsign documents, or start the workflow when eformsign reports a document event through a webhook',
		defaults: { name: 'eformsign Trigger' },
		eventTriggerDescription:
			'Waiting for eformsign: point a console webhook at the Test URL and press Test there, or make a document change',
		activationMessage:
			'eformsign events now start this workflow, as long as the console webhook uses the Production URL.',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'eformsignWebhookApi',
				required: true,
				testedBy: 'eformsignWebhookCredentialTest',
				displayOptions: { show: { verification: ['credential'] } },
			},
			// Asked for only when Add to Output calls eformsign, so a user who just receives verified
			// webhooks sets up one credential (n8n then selects it by itself on a new node:
			// the editor picks the newest credential of the types the panel shows).
			// "/enrich" (the same parameter, named from the root): with plain "enrich", n8n's editor
			// would take Add to Output for the node's authentication switch, since each of its options
			// shows a credential, and hide it from the panel (editor-ui nodeTypesUtils.ts,
			// getMainAuthField).
			{
				name: 'eformsignApi',
				required: true,
				displayOptions: { show: { '/enrich': API_CREDENTIAL_ENRICHMENTS } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// eformsign only needs a 2xx. Empty, not 'noData': only then does n8n read the trigger's
				// webhookResponse for its answer (undefined: n8n sends {"message":"Workflow was
				// started"}), the moment the delivery is recorded (duplicates.ts). Left out, n8n would
				// answer with the text 'firstEntryJson'.
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		listSearch: { searchTemplates },
		credentialTest: { eformsignWebhookCredentialTest },
	};

	// Webhooks are registered by hand in the eformsign console (there is no API for it), so there
	// is nothing to look up or delete. Activation still checks the settings, so a bad key or a
	// missing credential shows up when the workflow is published rather than as 401s later.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await assertUsableSettings.call(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// n8n has read (and for JSON, parsed) the body before this runs: docs/triggers-security.md.
		// Cheapest first: a body too large for any eformsign event, or one that cannot be read, is
		// refused before it is verified; then who sent it (401); then its form (400).
		const headers = this.getHeaderData() as IDataObject;
		const declaredTooLarge = declaredSizeProblem(headers);
		if (declaredTooLarge) return refuse.call(this, declaredTooLarge);
		const request = this.getRequestObject() as IncomingRequest;
		const read = await readBody(request);
		if ('refusal' in read) return refuse.call(this, read.refusal);
		const { rawBody } = read;
		const tooLarge = rawBody && sizeProblem(rawBody);
		if (tooLarge) return refuse.call(this, tooLarge);

		if (this.getNodeParameter('verification', 'credential') !== 'none') {
			const secrets = readWebhookSecrets(await this.getCredentials(WEBHOOK_CREDENTIAL));
			const rawHeaders = Array.isArray(request.rawHeaders) ? request.rawHeaders : undefined;
			const verdict = verifyDelivery({ rawBody, headers, rawHeaders }, secrets);
			if (!verdict.ok) return refuse.call(this, { status: verdict.status, reason: verdict.reason });
		}

		const wrongType = contentTypeProblem(headers);
		if (wrongType) return refuse.call(this, wrongType);
		// The verified bytes are what the workflow gets: parsed here rather than taken from n8n's parser.
		const json = jsonBody(rawBody, rawBody ? undefined : this.getBodyData());
		if ('refusal' in json) return refuse.call(this, json.refusal);

		const parsed = parseDelivery(json.body);
		if ('ignored' in parsed) {
			this.logger.debug(`eformsign Trigger: delivery acknowledged and ignored: ${parsed.ignored}`);
			return {};
		}
		const { event } = parsed;
		const options = this.getNodeParameter('options', {}) as IDataObject;

		let recordAtAnswer: (() => void) | undefined;
		if (event.isTest) {
			if (options.ignoreTestEvents === true) return {};
		} else {
			if (!passesFilters.call(this, event)) return {};
			const key = deliveryKey(event);
			const scope = scopeOf.call(this);
			const staticData = this.getWorkflowStaticData('node');
			if (key !== undefined && !claimDelivery(staticData, scope, key)) {
				// Answered 200 like the first copy: eformsign itself repeats deliveries, and an error would
				// only make it retry. Without a new history entry nothing starts, so a replay gains nothing.
				this.logger.info(
					`eformsign Trigger: delivery acknowledged (HTTP 200) without starting the workflow because it repeats one already handled (document ${printable(event.documentId)}, history ${printable(event.historyId)}, status ${printable(event.status)})`,
					{ node: this.getNode().name },
				);
				return {};
			}
			if (key !== undefined) {
				releaseUnlessAcknowledged(this.getResponseObject(), () => releaseDelivery(scope, key));
				recordAtAnswer = () => recordDelivery(staticData, scope, key);
			}
		}

		// The answer is left to n8n: n8n 2.x sends it only once the execution is stored, and answers
		// 500 when it could not store it (docs/triggers-security.md, "3. How repeated deliveries are
		// recognised"; n8n 1.x answers just before it stores the execution). n8n reads webhookResponse
		// as it builds the answer (2.x: once the execution is stored), then saves static data and
		// answers: the key is recorded there (duplicates.ts), so a 2.x 200 means stored and recorded.
		// The execution adds what Add to Output asks for (execute below).
		return {
			workflowData: [[{ json: eventOutput(event) }]],
			get webhookResponse() {
				recordAtAnswer?.();
				return undefined;
			},
		};
	}

	/**
	 * Runs as the first step of every execution the webhook started, with the event as input: Add to
	 * Output calls eformsign here, so eformsign never waits for it. It records nothing: in queue mode
	 * it runs on a worker, whose save of its older copy of the static data would undo keys main
	 * recorded meanwhile (n8n saves static data whole, the last save wins; duplicates.ts).
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let index = 0; index < items.length; index++) {
			const item: INodeExecutionData = {
				...items[index],
				json: { ...items[index].json },
				pairedItem: { item: index },
			};
			const parsed = eventOf(item.json);
			if (parsed && !parsed.isTest) {
				const options = this.getNodeParameter('options', index, {}) as IDataObject;
				const settings = enrichmentSettings.call(this, options, index);
				if (wantsEnrichment(settings, parsed)) await enrich.call(this, parsed, item, settings);
			}
			output.push(item);
		}
		return [output];
	}
}

/** The event back from the trigger's own output (eventOutput): the payload's fields are at its top. */
function eventOf(json: IDataObject): WebhookEvent | undefined {
	const eventType = typeof json.event_type === 'string' ? json.event_type : '';
	const parsed = parseDelivery({ event_type: eventType, [eventType]: json });
	return 'event' in parsed ? parsed.event : undefined;
}

/**
 * Drops the delivery from this process's memory when n8n does not answer it with 2xx, or the
 * sender went away before the answer: then nothing shows that the workflow ran, and a re-send must
 * start it.
 */
function releaseUnlessAcknowledged(
	response: ReturnType<IWebhookFunctions['getResponseObject']>,
	release: () => void,
): void {
	let done = false;
	const settle = (acknowledged: boolean) => {
		if (done) return;
		done = true;
		if (!acknowledged) release();
	};
	response.once('finish', () => settle(response.statusCode >= 200 && response.statusCode < 300));
	response.once('close', () => settle(false));
}

/** Which trigger a delivery memory belongs to; test listening never shares the production one. */
function scopeOf(this: IWebhookFunctions): string {
	const node = this.getNode();
	const listening = this.getMode() === 'manual' ? 'test' : 'production';
	return `${listening}:${this.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
}

const STATUS_TEXT: Record<RefusalStatus, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	413: 'Payload Too Large',
};

/** Answers the request itself and starts nothing; the log says why, never with a secret or the body. */
function refuse(this: IWebhookFunctions, { status, reason }: Refusal): IWebhookResponseData {
	this.logger.warn(`eformsign Trigger: request refused (HTTP ${status}) because ${reason}`, {
		node: this.getNode().name,
	});
	this.getResponseObject().status(status).send(STATUS_TEXT[status]).end();
	return { noWebhookResponse: true };
}

function passesFilters(this: IWebhookFunctions, event: WebhookEvent): boolean {
	const selected = this.getNodeParameter('events', []) as string[];
	if (!isSelected(event, selected)) return false;
	const templateId = String(
		this.getNodeParameter('templateId', '', { extractValue: true }) ?? '',
	).trim();
	return templateId === '' || templateId === event.templateId;
}

function enrichmentSettings(
	this: IExecuteFunctions,
	options: IDataObject,
	index: number,
): EnrichmentSettings {
	const enrichList = this.getNodeParameter('enrich', index, []) as string[];
	return {
		enrich: enrichList,
		documentOptions: (this.getNodeParameter('documentOptions', index, {}) ?? {}) as IDataObject,
		fileTypes: this.getNodeParameter('fileTypes', index, []) as string[],
		maxWaitSeconds: typeof options.maxWaitSeconds === 'number' ? options.maxWaitSeconds : 20,
	};
}

async function assertUsableSettings(this: IHookFunctions): Promise<void> {
	if (this.getNodeParameter('verification', 'credential') !== 'none') {
		const problem = configurationProblem(
			readWebhookSecrets(await this.getCredentials(WEBHOOK_CREDENTIAL)),
		);
		if (problem) {
			throw new NodeOperationError(
				this.getNode(),
				`The eformsign Webhook credential cannot be used: ${problem}`,
				{
					description: 'Open the credential, fix the value and press Test.',
				},
			);
		}
	}
	const enrichList = this.getNodeParameter('enrich', []) as string[];
	if (enrichList.length > 0 && !this.getNode().credentials?.[CREDENTIAL_TYPE]) {
		throw new NodeOperationError(
			this.getNode(),
			'Add to Output needs the eformsign API credential',
			{
				description: 'Select an eformsign API credential on the node, or empty "Add to Output".',
			},
		);
	}
}
