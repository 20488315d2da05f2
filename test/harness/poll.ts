/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isDeepStrictEqual } from 'node:util';

import {
	PollContext,
	PollTriggerExecutor,
	TriggersAndPollers,
	commitStagedCursor,
	runPollInStagingScope,
} from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';

import { EformsignApi } from '../../credentials/EformsignApi.credentials';
import { EformsignPollTrigger } from '../../nodes/EformsignPollTrigger/EformsignPollTrigger.node';
import { additionalData, TestCredentialsHelper, TestNodeTypes } from './engine';
import { Container } from './n8n-internals';
import { inspectForSecrets } from './secret-guard';

export const POLL_TRIGGER_TYPE = 'n8n-nodes-eformsign.eformsignPollTrigger';
const pollTrigger = new EformsignPollTrigger();
// n8n's node loader gives every polling node its "Poll Times" (DirectoryLoader.applySpecialNodeParameters).
pollTrigger.description = {
	...pollTrigger.description,
	properties: [...commonPollingParameters, ...pollTrigger.description.properties],
};
const nodeTypes = new TestNodeTypes({ [POLL_TRIGGER_TYPE]: pollTrigger });

/**
 * How n8n 2.41.1 schedules poll triggers:
 * - `legacy`: the default (and n8n 1.x). Each activation keeps one workflow in memory and polls it
 *   on a timer; n8n-core `PollTriggerExecutor`.
 * - `scheduler`: `N8N_SCHEDULER_ENABLED=true N8N_SCHEDULER_POLL_TRIGGERS_ENABLED=true`. Every poll is
 *   a task that loads the published workflow from the database again
 *   (n8n `scheduling/poll-trigger-node/poll-trigger-task-handler.js`).
 * - `durable`: the scheduler plus `N8N_POLLER_DURABLE_CURSORS_ENABLED=true`. The node's static data
 *   is read from and committed to the `poller_state` table (n8n `workflows/triggers/poll-cursor.service.js`).
 */
export type PollScheduling = 'legacy' | 'scheduler' | 'durable';

/** What n8n keeps in its database across polls, restarts and processes. */
export interface PollDatabase {
	/** `workflow_entity.staticData`. */
	staticData: IDataObject;
	/** `poller_state.cursor` of the node, once a row exists. */
	pollerState?: IDataObject;
	/** Whether the scheduler has jobs for the node (`scheduled_job`). */
	jobs: boolean;
}

interface StagedCursor {
	migrated: boolean;
	snapshot?: IDataObject;
	seed?: IDataObject;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? {})) as T;

/**
 * One eformsign Poll Trigger in a published workflow, polled through n8n-core's real PollContext,
 * PollTriggerExecutor and staging hooks, with what n8n's CLI adds modelled after n8n 2.41.1:
 * `getExecutePollFunctions` (workflows/triggers/trigger-execution-context.factory.js) for
 * `__emit`, `__commitCursor`, `__runPoll` and the node's static data; `activateInternal`
 * (workflow-trigger-activator.js), which saves the workflow's static data after the triggers are
 * activated; `activatePollTrigger` (n8n-core active-workflow-triggers.js), which runs the poll at
 * activation only when the scheduler inserted new jobs; and the scheduler's task handler.
 * `database` is what survives a restart; everything else is one process's memory.
 */
export class PollHarness {
	readonly node: INode;
	readonly credentials: TestCredentialsHelper;
	readonly database: PollDatabase = { staticData: {}, jobs: false };
	/** Items of every execution a poll started, oldest first. */
	readonly executions: INodeExecutionData[][] = [];
	/** Errors a scheduled poll handed to n8n (`__emitError`: an error execution). */
	readonly errors: Error[] = [];
	private live?: { workflow: Workflow; poll: (testing?: boolean) => Promise<void> };
	private published = false;

	constructor(
		parameters: INodeParameters,
		credential: ICredentialDataDecryptedObject,
		readonly scheduling: PollScheduling = 'legacy',
	) {
		this.node = {
			id: 'poll-node',
			name: 'eformsign Poll Trigger',
			type: POLL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
			credentials: { eformsignApi: { id: 'cred-api', name: 'eformsign account' } },
		};
		this.credentials = new TestCredentialsHelper(
			{ eformsignApi: new EformsignApi() },
			{ eformsignApi: credential },
		);
	}

	/** The node's position as n8n hands it to the next scheduled poll. */
	get staticData(): IDataObject {
		if (this.live) return this.live.workflow.getStaticData('node', this.node);
		if (this.scheduling === 'durable' && this.database.pollerState)
			return this.database.pollerState;
		return this.fromDatabase().getStaticData('node', this.node);
	}

	/**
	 * Publishing: n8n activates the trigger ('activate' the first time, 'update' for a new version
	 * of a published workflow) and saves the workflow's static data afterwards. Errors are thrown,
	 * as n8n refuses the publication. Returns what the poll at activation emitted.
	 */
	async publish(activation: WorkflowActivateMode = 'activate'): Promise<INodeExecutionData[]> {
		const before = this.executions.length;
		const workflow = this.fromDatabase();
		const pollFunctions = this.pollFunctions(workflow, activation);
		const poll = Container.get(PollTriggerExecutor).create(
			workflow,
			workflow.getNode(this.node.name)!,
			pollFunctions,
			() => this.published,
		);
		this.published = true;
		let activated = false;
		try {
			if (this.scheduling === 'legacy') {
				await poll(true);
				this.live = { workflow, poll };
			} else if (!this.database.jobs) {
				// The scheduler's jobs are inserted: n8n polls once now, as a test poll.
				this.database.jobs = true;
				await poll(true);
			}
			activated = true;
		} finally {
			// A failed activation: n8n removes the jobs it inserted and reports the error.
			if (!activated) this.unpublish();
		}
		this.saveStaticData(workflow);
		return this.emittedSince(before);
	}

	/** Unpublishing: the timer or the scheduler's jobs go; static data and poller_state stay. */
	unpublish(): void {
		this.published = false;
		this.live = undefined;
		this.database.jobs = false;
	}

	/** n8n stops and starts: memory is gone, the published workflow is activated again ('init'). */
	async restart(): Promise<INodeExecutionData[]> {
		this.live = undefined;
		this.published = false;
		return await this.publish('init');
	}

	/**
	 * A new version with other parameters is published over the running one: n8n removes the
	 * changed trigger (and its scheduler jobs) and activates it again ('update').
	 */
	async update(parameters: INodeParameters): Promise<INodeExecutionData[]> {
		this.unpublish();
		Object.assign(this.node.parameters, parameters);
		return await this.publish('update');
	}

	/** One scheduled poll. Returns the items it emitted. */
	async tick(): Promise<INodeExecutionData[]> {
		if (!this.published) throw new Error('the workflow is not published');
		const before = this.executions.length;
		if (this.live) await this.live.poll();
		else await this.schedulerTask();
		return this.emittedSince(before);
	}

	/**
	 * `trigger`: publishes on the first call, then one scheduled poll; a scheduled poll's error is
	 * thrown here (n8n records it as an error execution). `manual` is the editor's "Fetch Test Event".
	 */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<INodeExecutionData[]> {
		if (mode === 'manual') {
			const workflow = this.fromDatabase();
			const context = new PollContext(
				workflow,
				workflow.getNode(this.node.name)!,
				additionalData(this.credentials),
				'manual',
				'manual',
			);
			const items = (await this.trigger().poll.call(context))?.[0] ?? [];
			inspectForSecrets('poll output', items);
			return items;
		}
		if (!this.published) return await this.publish();
		const errors = this.errors.length;
		const items = await this.tick();
		if (this.errors.length > errors) throw this.errors[errors];
		return items;
	}

	private trigger(): EformsignPollTrigger {
		return nodeTypes.getByName(POLL_TRIGGER_TYPE) as EformsignPollTrigger;
	}

	private emittedSince(index: number): INodeExecutionData[] {
		return this.executions.slice(index).flat();
	}

	/** The published workflow as n8n loads it from the database. */
	private fromDatabase(): Workflow {
		return new Workflow({
			id: 'poll-workflow',
			nodes: [copy(this.node)],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
			staticData: copy(this.database.staticData),
		});
	}

	/** WorkflowStaticDataService.saveStaticData: writes only when the change flag is set. */
	private saveStaticData(workflow: Workflow): void {
		const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (staticData.__dataChanged !== true) return;
		this.database.staticData = copy(staticData);
		staticData.__dataChanged = false;
	}

	/** PollTriggerTaskHandler.execute: a fresh workflow from the database, activation 'update'. */
	private async schedulerTask(): Promise<void> {
		const workflow = this.fromDatabase();
		const pollFunctions = this.pollFunctions(workflow, 'update', this.database.pollerState);
		try {
			await runPollInStagingScope(pollFunctions, async () => {
				const response = await Container.get(TriggersAndPollers).runPollFunction(
					workflow,
					workflow.getNode(this.node.name)!,
					pollFunctions,
				);
				if (response !== null) pollFunctions.__emit(response);
				else await commitStagedCursor(pollFunctions);
			});
		} catch (error) {
			pollFunctions.__emitError(error as Error);
		}
	}

	/** TriggerExecutionContextFactory.getExecutePollFunctions with PollCursorService. */
	private pollFunctions(
		workflow: Workflow,
		activation: WorkflowActivateMode,
		prefetchedCursor?: IDataObject,
	): PollContext {
		const node = workflow.getNode(this.node.name)!;
		const durable = this.scheduling === 'durable';
		const staged = new AsyncLocalStorage<StagedCursor>();
		const resolveCursor = (): StagedCursor => {
			// Without durable cursors n8n still reads a row left from a time with them.
			if (!durable && this.database.pollerState === undefined) return { migrated: false };
			let cursor = durable ? prefetchedCursor : this.database.pollerState;
			if (cursor === undefined) {
				// getOrCreateCursor: a new row starts from the node's static data in the workflow.
				this.database.pollerState ??= copy(workflow.getStaticData('node', node));
				cursor = this.database.pollerState;
			}
			return { migrated: true, snapshot: copy(cursor), seed: cursor };
		};
		const takeStagedCursor = (): IDataObject | null => {
			const store = staged.getStore();
			if (!store?.migrated || isDeepStrictEqual(store.snapshot, store.seed)) return null;
			const cursor = copy(store.snapshot!);
			store.seed = cursor;
			return cursor;
		};
		const emit = (data: INodeExecutionData[][]) => {
			const cursor = takeStagedCursor();
			this.saveStaticData(workflow);
			// runPolledWorkflow: the cursor is committed in the transaction that creates the execution.
			if (cursor !== null) this.database.pollerState = cursor;
			const items = data[0] ?? [];
			inspectForSecrets('poll output', items);
			this.executions.push(items);
		};
		const emitError = (error: Error) => {
			this.errors.push(error);
		};
		const commitCursor = async () => {
			const cursor = takeStagedCursor();
			if (cursor !== null) this.database.pollerState = cursor;
		};
		const runPoll = async <T>(poll: () => Promise<T>): Promise<T> =>
			await staged.run(resolveCursor(), poll);
		const nodeStaticData = () => {
			const store = staged.getStore();
			if (store === undefined) throw new Error('the node read its static data outside of a poll');
			return store.migrated ? store.snapshot! : workflow.getStaticData('node', node);
		};
		return new PollContext(
			workflow,
			node,
			additionalData(this.credentials),
			'trigger',
			activation,
			emit,
			emitError,
			commitCursor,
			runPoll,
			nodeStaticData,
		);
	}
}
