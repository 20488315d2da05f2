/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// The real-n8n suites wait for "finished" executions before they read an execution's output. On
// n8n 1.123.81 under load a CI run read a poll execution still listed as 'new' (queued, not yet
// run) and failed on its status: only an execution that has ended may count.
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { finishedExecutions } = require(join(__dirname, '..', '..', 'scripts', 'lib', 'n8n.js'));

test.each(['new', 'running', 'waiting'])('an execution listed as %s has not finished', (status) => {
	expect(finishedExecutions([{ id: '1', finished: false, status }])).toEqual([]);
});

test.each(['success', 'error', 'crashed', 'canceled'])('an execution listed as %s has finished', (status) => {
	const execution = { id: '1', finished: status === 'success', status };
	expect(finishedExecutions([execution])).toEqual([execution]);
});
