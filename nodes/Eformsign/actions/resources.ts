import type { INodeProperties } from 'n8n-workflow';

import * as companyStamp from './companyStamp/CompanyStamp.resource';
import * as document from './document/Document.resource';
import * as group from './group/Group.resource';
import * as member from './member/Member.resource';
import type { ResourceOperations } from './node.type';
import * as template from './template/Template.resource';
import { hideFromAiTools } from './helpers/toolOperations';
import * as usage from './usage/Usage.resource';

/** Every resource of the node: its operations (for the router) and its parameters (for the UI). */
export const resources: Record<string, ResourceOperations> = {
	companyStamp: companyStamp.operations,
	document: document.operations,
	group: group.operations,
	member: member.operations,
	template: template.operations,
	usage: usage.operations,
};

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Company Stamp', value: 'companyStamp' },
		{ name: 'Document', value: 'document' },
		{ name: 'Group', value: 'group' },
		{ name: 'Member', value: 'member' },
		{ name: 'Template', value: 'template' },
		{ name: 'Usage', value: 'usage' },
	],
	default: 'document',
};

export const resourceDescriptions: INodeProperties[] = [
	...companyStamp.description,
	...hideFromAiTools(document.description),
	...group.description,
	...member.description,
	...hideFromAiTools(template.description),
	...usage.description,
];
