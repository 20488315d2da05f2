import type { INodeParameters } from 'n8n-workflow';

import { useTestClock } from '../harness/clock';
import { useSandbox } from '../harness/eformsign';
import { apiEntries, byId, runNode } from '../harness/operations';
import { settled, until } from '../harness/wait';

const sandbox = useSandbox();
// Time stands still unless the test moves it, and here it never does: whatever the stopped run
// does after the Stop, it cannot have waited for a pause to run out.
const clock = useTestClock();

function getDocument(documentId: string): INodeParameters {
	return { resource: 'document', operation: 'get', documentId: byId(documentId), simplify: true };
}

describe('a stopped execution (Stop button, execution timeout)', () => {
	it('ends during a wait for eformsign instead of sleeping it out, and sends nothing more', async () => {
		const sbx = sandbox();
		const documentId = sbx.demo.documentIds.completed;
		const path = `/v2.0/api/documents/${documentId}`;
		// Told to come back in 5 s.
		sbx.injectFault({ count: 1, match: { method: 'GET', path }, status: 429, code: '4290001', message: 'Too many requests', retryAfter: 5 });
		const startedAt = clock().now();
		const pausing = clock().pauseStarted(1, 'the node to pause for the Retry-After');

		const stopped = await settled(
			runNode(sbx, getDocument(documentId), undefined, { cancelWhen: pausing }),
			'the stopped run to end without the clock moving',
		);

		expect(stopped.run.status).toBe('canceled');
		const [pause] = clock().pauses;
		expect(pause).toMatchObject({ ms: 5000, over: false });
		expect(clock().now()).toBe(startedAt);
		expect(apiEntries(sbx).map((entry) => [entry.path, entry.status])).toEqual([[path, 429]]);
		const error = stopped.run.data.resultData.runData.eformsign?.[0]?.error;
		expect(error?.message).toBe('eformsign had not answered when the execution was stopped');
		expect(error?.description).toBe('Nothing more is sent to eformsign for this item.');
	});

	it('says that a write stopped on its way may have been carried out', async () => {
		const sbx = sandbox();
		const createPath = '/v2.0/api/documents';
		// eformsign holds the create: its answer would come 3 s later, and the clock does not move.
		sbx.injectFault({ count: 1, match: { method: 'POST', path: createPath }, delayMs: 3000 });
		const onItsWay = until(
			() => apiEntries(sbx).some((entry) => entry.path === createPath),
			'the create to reach eformsign',
		);

		const stopped = await settled(
			runNode(
				sbx,
				{ resource: 'document', operation: 'create', templateId: byId(sbx.demo.templateIds.contract) },
				undefined,
				{ cancelWhen: onItsWay },
			),
			'the stopped run to end while eformsign holds the create',
		);

		expect(stopped.run.status).toBe('canceled');
		const error = stopped.run.data.resultData.runData.eformsign?.[0]?.error;
		expect(error?.message).toBe('eformsign had not answered when the execution was stopped');
		expect(error?.description).toMatch(/may or may not have been carried out/);
		expect(apiEntries(sbx).filter((entry) => entry.path === createPath).map((entry) => entry.status)).toEqual([0]);
	});
});
