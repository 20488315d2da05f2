/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// One representative run per operation of the eformsign node against the sandbox, with parameters
// borrowed from the operation's tests. scripts/generate-schemas.ts infers the output schemas from
// these runs, and test/package/schemas.test.ts checks that the same runs still fit them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters, INodeProperties } from 'n8n-workflow';

import { Eformsign } from '../../nodes/Eformsign/Eformsign.node';
import { forgetAllSessions } from '../../nodes/shared/session';
import type { Sandbox } from '../../sandbox';
import { pngImage } from '../../sandbox/png';
import {
	credentialData,
	credentialsHelperFor,
	runEformsign,
	type EformsignRun,
} from '../../test/harness/eformsign';

/** n8n asks for `/schemas/<node>/<typeVersion padded to x.y.z>/<resource>/<operation>.json`. */
export const SCHEMA_VERSION_DIR = 'v1.0.0';

/** The package root, found upwards from here: this file runs from scripts/ (jest) and from .build/scripts/. */
function packageRoot(): string {
	for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (
			existsSync(manifest) &&
			(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
				'n8n-nodes-eformsign'
		) {
			return dir;
		}
	}
	throw new Error(`no n8n-nodes-eformsign package.json above ${__dirname}`);
}

export const SCHEMA_ROOT = join(
	packageRoot(),
	'nodes',
	'Eformsign',
	'__schema__',
	SCHEMA_VERSION_DIR,
);

export function schemaPath(resource: string, operation: string, root = SCHEMA_ROOT): string {
	return join(root, resource, `${operation}.json`);
}

/** Every resource/operation pair the node offers, read from its description. */
export function nodeOperations(): Array<{ resource: string; operation: string }> {
	const { properties } = new Eformsign().description;
	const pairs: Array<{ resource: string; operation: string }> = [];
	for (const property of properties) {
		// The AI tool's copy of an Operation list (nodes/Eformsign/actions/helpers/toolOperations.ts) is a subset.
		if (property.name !== 'operation' || property.displayOptions?.show?.['@tool']?.[0] === true)
			continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const resource of resources) {
			for (const option of (property as INodeProperties).options ?? []) {
				pairs.push({ resource, operation: String((option as { value: unknown }).value) });
			}
		}
	}
	return pairs;
}

export interface SchemaCase {
	resource: string;
	operation: string;
	/** Node parameters (resource and operation are added), built from the sandbox's demo data. */
	parameters: (sandbox: Sandbox) => INodeParameters;
	input?: (sandbox: Sandbox) => INodeExecutionData[];
	/** Runs before the case, e.g. to create the documents a usage report counts. */
	before?: (sandbox: Sandbox) => Promise<void>;
	/** Credential fields to override, e.g. an administrator's Member ID. */
	credential?: (sandbox: Sandbox) => IDataObject;
}

const MINJUN = 'minjun.kim@sandbox.eformsign.test';
const JIHO = 'jiho.park@sandbox.eformsign.test';
const UNKNOWN_ID = '0123456789abcdef0123456789abcdef';

function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

function groupId(sandbox: Sandbox, name: string): string {
	return sandbox.demo.groups.find((group) => group.name === name)!.id;
}

/** Recipients and fields mapped from each input item, as the bulk tests build them. */
const perItem: INodeParameters = {
	documentName: '={{ "근로계약서 - " + $json.name }}',
	recipients: {
		recipient: [
			{
				stepType: '={{ $json.step ?? "05" }}',
				recipientType: 'member',
				name: '={{ $json.name }}',
				id: '={{ $json.email }}',
				useMail: true,
				useSms: false,
			},
		],
	},
	fieldInput: 'pairs',
	fieldPairs: { field: [{ id: 'name', value: '={{ $json.name }}' }] },
};

function people(
	count: number,
	extra: (index: number) => Record<string, string> = () => ({}),
): INodeExecutionData[] {
	return Array.from({ length: count }, (_, index) => ({
		json: { name: `직원${index}`, email: `employee${index}@example.com`, ...extra(index) },
	}));
}

const createDocument = (sandbox: Sandbox): INodeParameters => ({
	templateId: byId(sandbox.demo.templateIds.contract),
	documentName: '근로계약서 - 김철수',
	comment: '서명 부탁드립니다.',
	recipients: {
		recipient: [
			{
				stepType: '05',
				recipientType: 'member',
				name: '김철수',
				id: 'chulsoo.kim@example.com',
				useMail: true,
				useSms: false,
			},
		],
	},
	fieldInput: 'pairs',
	fieldPairs: {
		field: [
			{ id: 'name', value: '김철수' },
			{ id: 'date', value: '2025-03-01' },
		],
	},
});

/** Simplify is left at its default (on) wherever an operation has it. */
export const SCHEMA_CASES: SchemaCase[] = [
	{
		resource: 'document',
		operation: 'cancel',
		// One document that can be cancelled and one that cannot: the output has both shapes.
		parameters: (s) => ({
			documentIds: `${s.demo.documentIds.waitingExternal},${s.demo.documentIds.completed}`,
			reason: '계약 조건 변경',
		}),
	},
	{ resource: 'document', operation: 'create', parameters: createDocument },
	{
		resource: 'document',
		operation: 'createExternal',
		parameters: (s) => ({
			templateId: byId(s.demo.templateIds.urlCreation),
			documentName: '서비스 신청서',
			recipients: {
				recipient: [
					{
						stepType: '06',
						recipientType: 'member',
						name: '검토자',
						id: s.demo.adminId,
						useMail: true,
						useSms: false,
					},
				],
			},
			fieldInput: 'pairs',
			fieldPairs: {
				field: [
					{ id: 'name', value: '박외부' },
					{ id: 'email', value: 'outside@example.com' },
				],
			},
		}),
	},
	{
		resource: 'document',
		operation: 'createMany',
		parameters: (s) => ({
			templateId: byId(s.demo.templateIds.contract),
			comment: '계약서 서명 부탁드립니다.',
			...perItem,
		}),
		input: () => people(2),
	},
	{
		resource: 'document',
		operation: 'createManyMultiTemplate',
		parameters: () => ({ templateId: byId('={{ $json.template }}'), ...perItem }),
		input: (s) =>
			people(2, (index) => ({
				template: index === 1 ? s.demo.templateIds.urlCreation : s.demo.templateIds.contract,
				step: index === 1 ? '06' : '05',
			})),
	},
	{
		resource: 'document',
		operation: 'decline',
		parameters: (s) => ({
			documentId: byId(s.demo.documentIds.waitingMember),
			stepsBack: 1,
			comment: '시작일 수정 바랍니다.',
		}),
	},
	{
		resource: 'document',
		operation: 'declineExternal',
		parameters: (s) => {
			const waiting = s.demo.documents.find(
				(document) => document.id === s.demo.documentIds.waitingExternal,
			)!;
			return {
				documentId: byId(waiting.id),
				outsideToken: waiting.outside_token,
				comment: '외부자 반려',
			};
		},
	},
	{
		resource: 'document',
		operation: 'delete',
		// Two deletable documents and an unknown ID: the output has both shapes.
		parameters: (s) => ({
			documentIds: `${s.demo.documentIds.draft}, ${s.demo.documentIds.cancelled}, ${UNKNOWN_ID}`,
		}),
	},
	{
		resource: 'document',
		operation: 'download',
		parameters: (s) => ({ documentId: byId(s.demo.documentIds.completed), fileType: 'document' }),
	},
	{
		resource: 'document',
		operation: 'downloadAttachments',
		parameters: (s) => ({ documentId: byId(s.demo.documentIds.waitingExternal) }),
	},
	{
		resource: 'document',
		operation: 'get',
		parameters: (s) => ({ documentId: byId(s.demo.documentIds.completed) }),
	},
	{ resource: 'document', operation: 'getMany', parameters: () => ({ returnAll: true }) },
	{
		resource: 'document',
		operation: 'resend',
		parameters: (s) => ({
			documentId: byId(s.demo.documentIds.waitingExternal),
			stepSeq: 1,
			stepType: '05',
			recipients: {
				recipient: [
					{
						recipientType: 'member',
						name: 'Alice Kim',
						id: 'alice.kim@acme.example.com',
						useMail: true,
						useSms: false,
						validDays: 3,
					},
				],
			},
			comment: '재요청 합니다.',
		}),
	},
	{
		resource: 'document',
		operation: 'approveIntegrated',
		parameters: (s) => ({
			documentId: byId(s.demo.documentIds.awaitingApproval),
			approverId: 'erp-4711',
			approverName: '박결재',
			comment: '승인합니다',
		}),
	},
	{
		resource: 'document',
		operation: 'declineIntegrated',
		parameters: (s) => ({
			documentId: byId(s.demo.documentIds.awaitingApproval),
			approverId: 'erp-4711',
			approverName: '박결재',
			comment: '예산 초과',
		}),
	},
	{
		resource: 'document',
		operation: 'downloadMany',
		parameters: () => ({ documentId: byId('={{ $json.id }}'), fileTypes: ['document', 'audit_trail'] }),
		input: (s) => [{ json: { id: s.demo.documentIds.completed } }],
	},
	{
		resource: 'document',
		operation: 'extendCompletionTokens',
		parameters: (s) => ({ documentId: byId(s.demo.documentIds.completed) }),
	},
	{
		resource: 'document',
		operation: 'sendCompletedPdf',
		// A completed document and one in progress: the output has both shapes.
		parameters: (s) => ({
			source: 'list',
			documentIds: `${s.demo.documentIds.completed}, ${s.demo.documentIds.waitingExternal}`,
			recipients: {
				recipient: [
					{ name: '홍길동', method: 'email', email: 'hong.gildong@example.com' },
					{ name: '홍길동', method: 'sms', phoneNumber: '01012345678' },
				],
			},
		}),
	},
	{
		resource: 'document',
		operation: 'sendDraft',
		parameters: (s) => ({ documentId: byId(s.demo.documentIds.myFileDraft) }),
	},
	{
		resource: 'template',
		operation: 'delete',
		parameters: (s) => ({ templateId: byId(s.demo.templateIds.titleLocked) }),
	},
	{ resource: 'template', operation: 'getMany', parameters: () => ({ returnAll: true }) },
	{
		resource: 'template',
		operation: 'get',
		parameters: (s) => ({ templateId: byId(s.demo.templateIds.contract) }),
	},
	{
		resource: 'template',
		operation: 'getImage',
		parameters: (s) => ({ templateId: byId(s.demo.templateIds.contract) }),
	},
	{
		resource: 'template',
		operation: 'updatePermissions',
		// Every list with an entry, so that the schema describes their items.
		parameters: (s) => ({
			templateId: byId(s.demo.templateIds.contract),
			useAccess: 'listed',
			use: { addMembers: [JIHO], removeMembers: [MINJUN], addGroups: [groupId(s, 'HR')], removeGroups: [groupId(s, 'Sales')] },
			modify: {
				addMembers: [JIHO],
				removeMembers: [MINJUN],
				addGroups: [groupId(s, 'HR')],
				removeGroups: [groupId(s, 'Sales')],
				addManagers: ['DOCUMENT_MANAGER'],
				removeManagers: ['COMPANY_MANAGER'],
			},
		}),
	},
	{
		resource: 'companyStamp',
		operation: 'create',
		parameters: (s) => ({
			name: 'Sales seal',
			permissions: 'selected',
			groups: [groupId(s, 'Sales')],
			members: [MINJUN],
			additionalFields: { description: 'For sales contracts' },
		}),
		input: () => [{ json: {}, binary: { data: { data: pngImage(32, 32, [180, 20, 20]).toString('base64'), mimeType: 'image/png' } } }],
		credential: (s) => ({ memberId: s.demo.adminId }),
	},
	{
		resource: 'companyStamp',
		operation: 'delete',
		parameters: (s) => ({ stampId: byId(s.demo.stampIds.approved) }),
		credential: (s) => ({ memberId: s.demo.adminId }),
	},
	{
		resource: 'companyStamp',
		operation: 'get',
		parameters: (s) => ({ stampId: byId(s.demo.stampIds.ceo) }),
	},
	{ resource: 'companyStamp', operation: 'getMany', parameters: () => ({ returnAll: true }) },
	{
		resource: 'companyStamp',
		operation: 'update',
		parameters: (s) => ({ stampId: byId(s.demo.stampIds.ceo), updateFields: { name: 'CEO seal' } }),
		credential: (s) => ({ memberId: s.demo.adminId }),
	},
	{
		resource: 'usage',
		operation: 'getUsage',
		// The current year, after creating a document now, so that the per-template list is not empty.
		parameters: () => ({ term: 'yearly' }),
		before: async (s) => {
			const created = await runCase(s, {
				resource: 'document',
				operation: 'create',
				parameters: createDocument,
			});
			if (created.error) throw created.error;
		},
	},
	{ resource: 'member', operation: 'delete', parameters: () => ({ memberId: byId(JIHO) }) },
	{ resource: 'member', operation: 'getMany', parameters: () => ({ returnAll: true }) },
	{
		resource: 'member',
		operation: 'update',
		parameters: () => ({ memberId: byId(MINJUN), updateFields: { department: 'Marketing' } }),
	},
	{
		resource: 'group',
		operation: 'create',
		parameters: () => ({
			name: 'Marketing',
			members: [MINJUN, JIHO],
			additionalFields: { description: 'Marketing team' },
		}),
	},
	{
		resource: 'group',
		operation: 'delete',
		parameters: (s) => ({ groupId: byId(groupId(s, 'HR')) }),
	},
	{
		resource: 'group',
		operation: 'getMany',
		// With members, so that the schema describes them (without, the list is empty).
		parameters: () => ({ returnAll: true, options: { include_member: true, include_field: true } }),
	},
	{
		resource: 'group',
		operation: 'update',
		parameters: (s) => ({
			groupId: byId(groupId(s, 'Sales')),
			updateFields: { name: 'Sales & Marketing' },
		}),
	},
];

/** Runs a case with the demo signature credential, from the seeded state and without a cached token. */
export async function runCase(sandbox: Sandbox, schemaCase: SchemaCase): Promise<EformsignRun> {
	const { resource, operation } = schemaCase;
	return await runEformsign(
		credentialsHelperFor(credentialData(sandbox, 'signature', schemaCase.credential?.(sandbox) ?? {})),
		{ resource, operation, ...schemaCase.parameters(sandbox) },
		schemaCase.input?.(sandbox),
	);
}

/** Resets the sandbox, runs `before` and the case, and fails on an error or an empty output. */
export async function runFreshCase(
	sandbox: Sandbox,
	schemaCase: SchemaCase,
): Promise<EformsignRun> {
	sandbox.reset();
	forgetAllSessions();
	await schemaCase.before?.(sandbox);
	const run = await runCase(sandbox, schemaCase);
	const name = `${schemaCase.resource}/${schemaCase.operation}`;
	if (run.error) throw new Error(`${name} failed: ${run.error.message}`);
	if (run.items.length === 0) throw new Error(`${name} output no items`);
	return run;
}
