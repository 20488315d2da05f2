import type { INodeProperties } from 'n8n-workflow';

import {
	DOCUMENT_BOX_OPTIONS,
	documentIncludeCollection,
	simplifyProperty,
	templateLocator,
} from '../shared/descriptions';

export const pollProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		default: 'completed',
		options: [
			{
				name: 'Any Update',
				value: 'anyUpdate',
				description: 'A document changed in any way (a step done, a request, a cancellation…)',
			},
			{
				name: 'Completed',
				value: 'completed',
				description: 'A document was completed by its last step',
			},
			{
				name: 'Created',
				value: 'created',
				description: 'A new document was created (drafts included; status_name tells them apart)',
			},
			{
				name: 'Rejected',
				value: 'rejected',
				description: 'A participant, reviewer or approver refused the document',
			},
		],
		description: 'One item per document that entered this state since the previous poll',
	},
	{
		displayName: 'Document Box',
		name: 'box',
		type: 'options',
		default: 'auto',
		options: [
			{
				name: 'Automatic',
				value: 'auto',
				description:
					'Completed for "Completed"; Document Management for the other events, the only box with documents in every state. Only administrators and document managers may read Document Management: other members choose a box.',
			},
			...DOCUMENT_BOX_OPTIONS,
		],
		description: 'The eformsign document box to watch, as seen by the member of the credential',
	},
	{
		...templateLocator,
		required: false,
		description: 'Only documents made from this template. Leave empty for every template.',
	},
	simplifyProperty,
	documentIncludeCollection,
];
