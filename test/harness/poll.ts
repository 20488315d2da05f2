import { PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
} from 'n8n-workflow';

import { EformsignApi } from '../../credentials/EformsignApi.credentials';
import { EformsignPollTrigger } from '../../nodes/EformsignPollTrigger/EformsignPollTrigger.node';
import { additionalData, TestCredentialsHelper, TestNodeTypes } from './engine';
import { inspectForSecrets } from './secret-guard';

export const POLL_TRIGGER_TYPE = 'n8n-nodes-eformsign.eformsignPollTrigger';
const nodeTypes = new TestNodeTypes({ [POLL_TRIGGER_TYPE]: new EformsignPollTrigger() });

/**
 * One eformsign Poll Trigger in an active workflow, polled through n8n-core's real PollContext the
 * way n8n's poll scheduler calls it. The workflow (and so the node's static data) is kept between
 * polls, as n8n keeps the saved copy between ticks.
 */
export class PollHarness {
	readonly node: INode;
	readonly workflow: Workflow;
	readonly credentials: TestCredentialsHelper;
	private readonly trigger = nodeTypes.getByName(POLL_TRIGGER_TYPE) as EformsignPollTrigger;

	constructor(parameters: INodeParameters, credential: ICredentialDataDecryptedObject) {
		this.node = {
			id: 'poll-node',
			name: 'eformsign Poll Trigger',
			type: POLL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { eformsignApi: { id: 'cred-api', name: 'eformsign account' } },
		};
		this.workflow = new Workflow({
			id: 'poll-workflow',
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
		});
		this.credentials = new TestCredentialsHelper(
			{ eformsignApi: new EformsignApi() },
			{ eformsignApi: credential },
		);
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** One tick; `manual` is the editor's "Fetch Test Event". Returns the emitted items. */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<INodeExecutionData[]> {
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalData(this.credentials),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const result = await this.trigger.poll.call(context);
		const items = result?.[0] ?? [];
		inspectForSecrets('poll output', items);
		return items;
	}
}
