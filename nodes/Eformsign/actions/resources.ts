import type { INodeProperties } from 'n8n-workflow';

import * as document from './document/Document.resource';
import type { ResourceOperations } from './node.type';

/** Every resource of the node: its operations (for the router) and its parameters (for the UI). */
export const resources: Record<string, ResourceOperations> = {
	document: document.operations,
};

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'Document', value: 'document' }],
	default: 'document',
};

export const resourceDescriptions: INodeProperties[] = [...document.description];
