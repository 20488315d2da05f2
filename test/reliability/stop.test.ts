import { sleep, type INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/eformsign';
import { apiEntries, byId, runNode } from '../harness/operations';

const sandbox = useSandbox();

function getDocument(documentId: string): INodeParameters {
	return { resource: 'document', operation: 'get', documentId: byId(documentId), simplify: true };
}

const tooManyRequests = (path: string, retryAfter: number) => ({
	count: 1,
	match: { method: 'GET', path },
	status: 429,
	code: '4290001',
	message: 'Too many requests',
	retryAfter,
});

describe('a stopped execution (Stop button, execution timeout)', () => {
	it('ends during a wait for eformsign instead of sleeping it out, and sends nothing more', async () => {
		const sbx = sandbox();
		const stoppedPath = `/v2.0/api/documents/${sbx.demo.documentIds.completed}`;
		const yardstickPath = `/v2.0/api/documents/${sbx.demo.documentIds.waitingMember}`;
		// Both are told to come back later: the stopped one in 5 s, the yardstick in 1 s.
		sbx.injectFault(tooManyRequests(stoppedPath, 5));
		sbx.injectFault(tooManyRequests(yardstickPath, 1));
		const entriesOf = (path: string) => apiEntries(sbx).filter((entry) => entry.path === path);
		const toldToWait = (async () => {
			while (entriesOf(stoppedPath).length === 0) await sleep(10);
		})();
		let stoppedEndedAt = 0;

		const [stopped, yardstick] = await Promise.all([
			runNode(sbx, getDocument(sbx.demo.documentIds.completed), undefined, { cancelWhen: toldToWait }).then(
				(run) => {
					stoppedEndedAt = Date.now();
					return run;
				},
			),
			runNode(sbx, getDocument(sbx.demo.documentIds.waitingMember)),
		]);

		expect(stopped.run.status).toBe('canceled');
		expect(yardstick.error).toBeUndefined();
		const [, yardstickRetry] = entriesOf(yardstickPath);
		// Ordering, not a clock: the stopped run was over before the yardstick's 1 s wait ended.
		expect(stoppedEndedAt).toBeLessThan(yardstickRetry.at);
		expect(entriesOf(stoppedPath).map((entry) => entry.status)).toEqual([429]);
		const error = stopped.run.data.resultData.runData.eformsign?.[0]?.error;
		expect(error?.message).toBe('eformsign had not answered when the execution was stopped');
		expect(error?.description).toBe('Nothing more is sent to eformsign for this item.');
	});

	it('says that a write stopped on its way may have been carried out', async () => {
		const sbx = sandbox();
		const createPath = '/v2.0/api/documents';
		sbx.injectFault({ count: 1, match: { method: 'POST', path: createPath }, delayMs: 3000 });
		const onItsWay = (async () => {
			while (!apiEntries(sbx).some((entry) => entry.path === createPath)) await sleep(10);
		})();

		const stopped = await runNode(
			sbx,
			{ resource: 'document', operation: 'create', templateId: byId(sbx.demo.templateIds.contract) },
			undefined,
			{ cancelWhen: onItsWay },
		);

		expect(stopped.run.status).toBe('canceled');
		const error = stopped.run.data.resultData.runData.eformsign?.[0]?.error;
		expect(error?.message).toBe('eformsign had not answered when the execution was stopped');
		expect(error?.description).toMatch(/may or may not have been carried out/);
		expect(apiEntries(sbx).filter((entry) => entry.path === createPath)).toHaveLength(1);
	});
});
