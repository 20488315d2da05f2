/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// The shipped example workflows (examples/*.json) are wired as their sticky notes say. The real
// n8n suite imports and runs them (test/e2e/documentExtras.e2e.js for approve-in-slack); this
// catches a broken wire in seconds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';

import { Eformsign } from '../../nodes/Eformsign/Eformsign.node';

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
}

interface Example {
	nodes: ExampleNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	pinData?: Record<string, unknown>;
}

const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'approve-in-slack.json'), 'utf8')) as Example;
const byName = (name: string) => example.nodes.find((node) => node.name === name)!;
const next = (name: string, output = 0) => (example.connections[name]?.main[output] ?? []).map((link) => link.node);

describe('examples/approve-in-slack.json', () => {
	it('waits for Approval Requested, reads the document and asks in Slack with approve and decline buttons', () => {
		const trigger = byName('Approval requested');
		expect(trigger).toMatchObject({ type: 'n8n-nodes-eformsign.eformsignTrigger', parameters: { events: ['doc_request_approval'] } });
		expect(next(trigger.name)).toEqual(['Get document']);
		expect(byName('Get document').parameters).toMatchObject({ resource: 'document', operation: 'get' });
		expect(next('Get document')).toEqual(['Ask in Slack']);
		expect(byName('Ask in Slack')).toMatchObject({
			type: 'n8n-nodes-base.slack',
			parameters: { operation: 'sendAndWait', approvalOptions: { values: { approvalType: 'double' } } },
		});
		expect(next('Ask in Slack')).toEqual(['Approved?']);
	});

	it('approves on the true branch and declines on the false one, for the document of the event', () => {
		const condition = JSON.stringify(byName('Approved?').parameters);
		expect(condition).toContain('$json.data.approved');
		const [approve] = next('Approved?', 0);
		const [decline] = next('Approved?', 1);
		expect(byName(approve).parameters).toMatchObject({ operation: 'approveIntegrated' });
		expect(byName(decline).parameters).toMatchObject({ operation: 'declineIntegrated' });
		for (const name of [approve, decline]) {
			expect(JSON.stringify(byName(name).parameters.documentId)).toContain("$('Approval requested').first().json.document_id");
		}
	});

	it('names only operations and parameters the eformsign node has, and ships without pinned data', () => {
		const properties = new Eformsign().description.properties as INodeProperties[];
		const names = new Set(properties.map((property) => property.name));
		const operations = properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => (property.options ?? []).map((option) => String((option as { value: unknown }).value)));
		for (const node of example.nodes.filter((entry) => entry.type === 'n8n-nodes-eformsign.eformsign')) {
			expect(operations).toContain(node.parameters.operation);
			expect(Object.keys(node.parameters).filter((name) => !names.has(name))).toEqual([]);
		}
		expect(example.pinData).toEqual({});
		expect(example.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').length).toBeGreaterThanOrEqual(2);
	});
});
