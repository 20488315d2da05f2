import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { requestOptionsProperty } from './actions/common.descriptions';
import { resourceDescriptions, resourceProperty } from './actions/resources';
import { router } from './actions/router';
import { methods } from './methods';

export class Eformsign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'eformsign',
		name: 'eformsign',
		icon: { light: 'file:../../icons/eformsign.svg', dark: 'file:../../icons/eformsign.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send documents from eformsign templates, track and download them, and manage members, groups, templates and company stamps',
		defaults: { name: 'eformsign' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'eformsignApi', required: true }],
		properties: [resourceProperty, ...resourceDescriptions, requestOptionsProperty],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
