// What n8n's editor shows, decided by the node descriptions and evaluated with n8n-workflow's own
// display logic (NodeHelpers.displayParameter, the function the editor and the engine call).
import {
	NodeHelpers,
	type INode,
	type INodeCredentialDescription,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { Eformsign } from '../../nodes/Eformsign/Eformsign.node';
import { EformsignTrigger } from '../../nodes/EformsignTrigger/EformsignTrigger.node';
import { DOWNLOAD_FILES, FETCH_DOCUMENT } from '../../nodes/EformsignTrigger/enrichment';

function node(type: string, parameters: INode['parameters']): INode {
	return { id: 'n', name: 'n', type, typeVersion: 1, position: [0, 0], parameters };
}

describe('eformsign Trigger credentials', () => {
	const description = new EformsignTrigger().description;
	const credential = (name: string) =>
		description.credentials?.find((entry) => entry.name === name) as INodeCredentialDescription;
	const shownCredentials = (parameters: INode['parameters']) =>
		(description.credentials ?? [])
			.filter((entry) =>
				NodeHelpers.displayParameter(
					parameters,
					entry,
					node('n8n-nodes-eformsign.eformsignTrigger', parameters),
					description,
				),
			)
			.map((entry) => entry.name);

	it('asks only for the webhook credential when nothing is added to the output', () => {
		expect(shownCredentials({ verification: 'credential', enrich: [] })).toEqual([
			'eformsignWebhookApi',
		]);
	});

	it('asks for the API credential too once Add to Output calls eformsign', () => {
		for (const enrich of [[FETCH_DOCUMENT], [DOWNLOAD_FILES], [DOWNLOAD_FILES, FETCH_DOCUMENT]]) {
			expect(shownCredentials({ verification: 'credential', enrich })).toEqual([
				'eformsignWebhookApi',
				'eformsignApi',
			]);
		}
		// Shown means required: the panel flags a missing API credential before activation does.
		expect(credential('eformsignApi').required).toBe(true);
	});

	it('asks for no credential for an unverified webhook without Add to Output', () => {
		expect(shownCredentials({ verification: 'none', enrich: [] })).toEqual([]);
	});
});

describe('the eformsign tool for AI Agents', () => {
	const description = new Eformsign().description;
	// n8n generates the tool from the node under the name `<name>Tool` (@tool is true for it).
	const tool: INodeTypeDescription = { ...description, name: `${description.name}Tool` };
	const operations = (forDescription: INodeTypeDescription, resource: string) =>
		forDescription.properties
			.filter(
				(property) =>
					property.name === 'operation' &&
					NodeHelpers.displayParameter(
						{ resource },
						property,
						node(`n8n-nodes-eformsign.${forDescription.name}`, { resource }),
						forDescription,
					),
			)
			.map((property: INodeProperties) =>
				(property.options ?? []).map((option) => ('value' in option ? option.value : '')),
			);

	it('offers the node every document operation, and the tool all but the downloads', () => {
		const [nodeOperations, ...otherNodeLists] = operations(description, 'document');
		const [toolOperations, ...otherToolLists] = operations(tool, 'document');
		expect(otherNodeLists).toEqual([]);
		expect(otherToolLists).toEqual([]);
		const files = ['download', 'downloadAttachments', 'downloadMany'];
		expect(nodeOperations).toEqual(expect.arrayContaining(files));
		expect(toolOperations).toEqual(nodeOperations.filter((value) => !files.includes(String(value))));
		expect(toolOperations).toContain(
			description.properties.find((p) => p.name === 'operation')?.default,
		);
	});

	it('offers the node every template operation, and the tool all but Get Image', () => {
		const [nodeOperations, ...otherNodeLists] = operations(description, 'template');
		const [toolOperations, ...otherToolLists] = operations(tool, 'template');
		expect(otherNodeLists).toEqual([]);
		expect(otherToolLists).toEqual([]);
		expect(nodeOperations).toEqual(['delete', 'get', 'getImage', 'getMany', 'updatePermissions']);
		expect(toolOperations).toEqual(['delete', 'get', 'getMany', 'updatePermissions']);
	});

	it('offers the tool every operation of the other resources', () => {
		for (const resource of ['companyStamp', 'usage', 'member', 'group']) {
			expect(operations(tool, resource)).toEqual(operations(description, resource));
		}
	});
});
