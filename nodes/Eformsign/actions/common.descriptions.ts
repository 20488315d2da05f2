import type { INodeProperties } from 'n8n-workflow';

import { HEX_ID_REGEX } from '../../shared/api/ids';
import { locator } from '../../shared/descriptions';

/** Parameters that several operations of the action node share (nodes/shared/descriptions.ts has those the triggers use too). */

export const documentLocator = locator(
	'Document',
	'documentId',
	'searchDocuments',
	'e.g. 61b05d369b2a4a10b5c4c8a1373abc0d',
	{ regex: HEX_ID_REGEX, errorMessage: 'A document ID is 32 hex characters' },
);

export const memberLocator = locator('Member', 'memberId', 'searchMembers', 'e.g. name@example.com');

export const groupLocator = locator(
	'Group',
	'groupId',
	'searchGroups',
	'e.g. 61b05d369b2a4a10b5c4c8a1373abc0d',
	{ regex: HEX_ID_REGEX, errorMessage: 'A group ID is 32 hex characters' },
);

export const stampLocator = locator(
	'Company Stamp',
	'stampId',
	'searchStamps',
	'e.g. 61b05d369b2a4a10b5c4c8a1373abc0d',
	{ regex: HEX_ID_REGEX, errorMessage: 'A company stamp ID is 32 hex characters' },
);

/** "Return All" and "Limit" of a Get Many; `limit` only shows while Return All is off. */
export const returnAllProperty: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const DEFAULT_PARALLEL_REQUESTS = 4;
export const MAX_PARALLEL_REQUESTS = 16;

/** Node-wide: how long one eformsign request may take. Read by the transport for every request. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 60,
			description:
				'How long to wait for eformsign to answer one request. Reads that time out are retried; writes are not, because they may have been carried out.',
		},
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
			default: DEFAULT_PARALLEL_REQUESTS,
			description:
				'How many items of a read operation (Get, Get Many, Download…) to request from eformsign at the same time. Output order stays the same. Writes always run one item at a time.',
		},
	],
};
