// The demo company. Ids, keys and credentials are derived from fixed labels (the same on every
// start); dates are relative to the moment of seeding so date filters see recent documents.

import type { ApiKeyRecord } from './auth';
import { materializeDocument } from './documentFactory';
import type { DocumentSpec } from './documentFactory';
import { EXTRA_DOCUMENT_LABELS, extraDemoDocuments, seedExtraDocuments } from './extraDocuments';
import { fixedId, fixedKeyPair, fixedSecret, fixedUuid } from './ids';
import type { P256KeyPair } from './ids';
import { pngImage } from './png';
import type { MemberRecord, Party, SandboxState, TemplateRecord } from './state';
import type { DemoData, DemoMember, DemoStamp } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
const DOMAIN = 'sandbox.eformsign.test';

interface DemoKeys {
	signature: P256KeyPair;
	inactive: P256KeyPair;
	webhook: P256KeyPair;
}

export function createDemoKeys(): DemoKeys {
	return {
		signature: fixedKeyPair('api-key:signature'),
		inactive: fixedKeyPair('api-key:inactive'),
		webhook: fixedKeyPair('webhook'),
	};
}

const MEMBER_SEEDS: Array<Omit<DemoMember, 'id' | 'contact'> & { phone: string }> = [
	{ account_id: `admin@${DOMAIN}`, name: '관리자', department: 'Management', position: 'CEO', role: ['admin'], phone: '01000000001' },
	{ account_id: `minjun.kim@${DOMAIN}`, name: '김민준', department: 'Sales', position: 'Manager', role: ['template_manager', 'document_manager'], phone: '01000000002' },
	{ account_id: `seoyeon.lee@${DOMAIN}`, name: '이서연', department: 'HR', position: 'Team Lead', role: ['document_manager'], phone: '01000000003' },
	{ account_id: `jiho.park@${DOMAIN}`, name: '박지호', department: 'Engineering', position: 'Engineer', role: ['member'], phone: '01000000004' },
	{ account_id: `yuna.choi@${DOMAIN}`, name: '최유나', department: 'Finance', position: 'Accountant', role: ['template_manager'], phone: '01000000005' },
];

const GROUP_SEEDS = [
	{ name: 'Sales', description: 'Sales team', members: [`minjun.kim@${DOMAIN}`, `jiho.park@${DOMAIN}`] },
	{ name: 'Engineering', description: 'Product engineering', members: [`jiho.park@${DOMAIN}`] },
	{ name: 'HR', description: 'Human resources', members: [`seoyeon.lee@${DOMAIN}`] },
	{ name: 'Management', description: 'Company management', members: [`admin@${DOMAIN}`, `yuna.choi@${DOMAIN}`] },
];

type TemplateSeed = Pick<
	TemplateRecord,
	'name' | 'enabled' | 'allow_url_creation' | 'title_locked' | 'fields' | 'steps' | 'category'
> & { label: string };

const TEMPLATE_SEEDS: TemplateSeed[] = [
	{
		label: 'contract',
		name: 'Employment Contract',
		category: 'HR',
		enabled: true,
		allow_url_creation: false,
		title_locked: false,
		fields: [
			{ id: 'name', type: 'text', label: 'Name', required: true },
			{ id: 'amount', type: 'number', label: 'Annual salary', required: false },
			{ id: 'date', type: 'date', label: 'Start date', required: false },
			{ id: 'position', type: 'text', label: 'Position', required: false },
		],
		steps: [{ step_type: '05', step_name: '참여자 1' }],
	},
	{
		label: 'url-creation',
		name: 'Service Application',
		category: 'Sales',
		enabled: true,
		allow_url_creation: true,
		title_locked: false,
		fields: [
			{ id: 'name', type: 'text', label: 'Applicant name', required: true },
			{ id: 'email', type: 'email', label: 'Applicant e-mail', required: false },
			{ id: 'amount', type: 'number', label: 'Monthly fee', required: false },
			{ id: 'date', type: 'date', label: 'Start date', required: false },
		],
		steps: [{ step_type: '06', step_name: '검토자 1' }],
	},
	{
		label: 'title-locked',
		name: 'Non-Disclosure Agreement',
		category: 'Legal',
		enabled: true,
		allow_url_creation: false,
		title_locked: true,
		fields: [
			{ id: 'name', type: 'text', label: 'Counterparty', required: true },
			{ id: 'amount', type: 'number', label: 'Penalty', required: false },
			{ id: 'date', type: 'date', label: 'Effective date', required: false },
			{ id: 'company', type: 'text', label: 'Company', required: false },
		],
		steps: [
			{ step_type: '05', step_name: '참여자 1' },
			{ step_type: '05', step_name: '참여자 2' },
		],
	},
	{
		label: 'disabled',
		name: 'Purchase Order (expired)',
		category: 'Finance',
		enabled: false,
		allow_url_creation: false,
		title_locked: false,
		fields: [
			{ id: 'name', type: 'text', label: 'Supplier', required: true },
			{ id: 'amount', type: 'number', label: 'Total', required: false },
			{ id: 'date', type: 'date', label: 'Order date', required: false },
		],
		steps: [{ step_type: '05', step_name: '참여자 1' }],
	},
];

/** Company stamps: one the CEO's group and the admin may use, one for everybody. */
const STAMP_SEEDS: Array<{
	label: keyof DemoData['stampIds'];
	name: string;
	description: string;
	allow_all_members: boolean;
	groups: string[];
	members: string[];
	colour: [number, number, number];
}> = [
	{
		label: 'ceo',
		name: '대표이사 직인',
		description: "The CEO's seal",
		allow_all_members: false,
		groups: ['Management'],
		members: [`admin@${DOMAIN}`],
		colour: [200, 30, 30],
	},
	{
		label: 'approved',
		name: 'Approved',
		description: 'Approval stamp for every member',
		allow_all_members: true,
		groups: [],
		members: [],
		colour: [30, 90, 200],
	},
];

interface DocumentSeed {
	label: keyof DemoData['documentIds'];
	template: string;
	name: string;
	creator: string;
	status: string;
	current_seq?: number;
	ageDays: number;
	/** Recipient per step: a member account id, or [name, e-mail] of an external person. */
	recipients: Array<string | [string, string]>;
	fields: Record<string, string>;
}

const DOCUMENT_SEEDS: DocumentSeed[] = [
	{
		label: 'completed',
		template: 'contract',
		name: '근로계약서 - 홍길동',
		creator: `minjun.kim@${DOMAIN}`,
		status: '003',
		ageDays: 10,
		recipients: [['홍길동', 'hong.gildong@example.com']],
		fields: { name: '홍길동', amount: '42000000', date: '2025-03-01', position: 'Designer' },
	},
	{
		label: 'waitingExternal',
		template: 'contract',
		name: 'Service Agreement - Acme Corp',
		creator: `minjun.kim@${DOMAIN}`,
		status: '060',
		ageDays: 3,
		recipients: [['Alice Kim', 'alice@acme.example.com']],
		fields: { name: 'Alice Kim', amount: '1200000', date: '2025-04-01', position: 'Consultant' },
	},
	{
		label: 'waitingMember',
		template: 'contract',
		name: 'Employment Contract - 김민준',
		creator: `admin@${DOMAIN}`,
		status: '060',
		ageDays: 2,
		recipients: [`minjun.kim@${DOMAIN}`],
		fields: { name: '김민준', amount: '55000000', date: '2025-05-01', position: 'Manager' },
	},
	{
		label: 'secondStep',
		template: 'title-locked',
		name: 'Non-Disclosure Agreement',
		creator: `minjun.kim@${DOMAIN}`,
		status: '060',
		current_seq: 2,
		ageDays: 5,
		recipients: [
			['Bob Lee', 'bob@globex.example.com'],
			['Carol Park', 'carol@globex.example.com'],
		],
		fields: { name: 'Globex', amount: '10000000', date: '2025-02-10', company: 'Globex Ltd.' },
	},
	{
		label: 'draft',
		template: 'contract',
		name: 'Offer Letter (draft)',
		creator: `minjun.kim@${DOMAIN}`,
		status: '001',
		ageDays: 1,
		recipients: [],
		fields: { name: 'Draft Candidate' },
	},
	{
		label: 'cancelled',
		template: 'title-locked',
		name: 'Non-Disclosure Agreement',
		creator: `minjun.kim@${DOMAIN}`,
		status: '042',
		ageDays: 7,
		recipients: [
			['Dan Choi', 'dan@initech.example.com'],
			['Eve Han', 'eve@initech.example.com'],
		],
		fields: { name: 'Initech', company: 'Initech' },
	},
];

function memberFromSeed(seed: (typeof MEMBER_SEEDS)[number]): DemoMember {
	return {
		id: fixedId(`member:${seed.account_id}`),
		account_id: seed.account_id,
		name: seed.name,
		department: seed.department,
		position: seed.position,
		role: seed.role,
		contact: { number: seed.phone, tel: '0212345678', email: seed.account_id, country_id: '+82' },
	};
}

/** The fixed demo values (credentials, ids) printed by the CLI and served at /_sandbox/demo. */
export function buildDemoData(keys: DemoKeys): DemoData {
	const templates = TEMPLATE_SEEDS.map((seed) => ({
		id: fixedId(`template:${seed.label}`),
		name: seed.name,
		field_ids: seed.fields.map((field) => field.id),
		recipient_steps: seed.steps.map((step) => step.step_type),
		enabled: seed.enabled,
		allow_url_creation: seed.allow_url_creation,
		title_locked: seed.title_locked,
		image_id: fixedId(`template-image:${seed.label}`),
	}));
	const stamps: DemoStamp[] = STAMP_SEEDS.map((seed) => ({
		id: fixedId(`stamp:${seed.label}`),
		name: seed.name,
		allow_all_members: seed.allow_all_members,
		groups: seed.groups.map((name) => fixedId(`group:${name}`)),
		members: [...seed.members],
	}));
	const documentIds = Object.fromEntries(
		[...DOCUMENT_SEEDS.map((seed) => seed.label), ...EXTRA_DOCUMENT_LABELS].map((label) => [label, fixedId(`document:${label}`)]),
	) as DemoData['documentIds'];
	return {
		companyId: fixedId('company'),
		companyName: 'eformsign Sandbox Inc.',
		signature: {
			apiKey: fixedUuid('api-key:signature'),
			privateKeyHex: keys.signature.privateKeyHex,
			publicKeyHex: keys.signature.publicKeyHex,
		},
		bearer: { apiKey: fixedUuid('api-key:bearer'), token: fixedSecret('api-key:bearer:token') },
		basic: { apiKey: fixedUuid('api-key:basic'), id: 'sandbox-basic', password: fixedSecret('api-key:basic:password', 16) },
		inactive: { apiKey: fixedUuid('api-key:inactive'), privateKeyHex: keys.inactive.privateKeyHex },
		memberId: `minjun.kim@${DOMAIN}`,
		adminId: `admin@${DOMAIN}`,
		members: MEMBER_SEEDS.map(memberFromSeed),
		groups: GROUP_SEEDS.map((seed) => ({ id: fixedId(`group:${seed.name}`), ...seed })),
		templates,
		templateIds: {
			contract: fixedId('template:contract'),
			urlCreation: fixedId('template:url-creation'),
			titleLocked: fixedId('template:title-locked'),
			disabled: fixedId('template:disabled'),
		},
		stamps,
		stampIds: { ceo: fixedId('stamp:ceo'), approved: fixedId('stamp:approved') },
		documents: DOCUMENT_SEEDS.map((seed) => {
			const id = fixedId(`document:${seed.label}`);
			const step = seed.current_seq ?? 1;
			const waitingExternal = seed.status === '060' && Array.isArray(seed.recipients[step - 1]);
			return {
				id,
				name: seed.name,
				template_id: fixedId(`template:${seed.template}`),
				status_type: seed.status,
				...(waitingExternal ? { outside_token: fixedUuid(`${id}:outside-token:${step}`) } : {}),
			};
		}),
		...extraDemoDocuments(documentIds, fixedId('template:contract')),
		documentIds,
		webhook: {
			webhookId: fixedId('webhook'),
			webhookName: 'Sandbox webhook',
			publicKeyHex: keys.webhook.publicKeyHex,
			privateKeyHex: keys.webhook.privateKeyHex,
			bearerToken: fixedSecret('webhook:bearer'),
			basicId: 'eformsign',
			basicPassword: 'Webhook123!',
		},
	};
}

export function demoApiKeys(demo: DemoData, keys: DemoKeys): ApiKeyRecord[] {
	return [
		{
			apiKey: demo.signature.apiKey,
			name: '샌드박스 애플리케이션',
			alias: 'signature key',
			verification: 'signature',
			active: true,
			publicKey: keys.signature.publicKey,
		},
		{ apiKey: demo.bearer.apiKey, name: 'Sandbox app', alias: 'bearer key', verification: 'bearer', active: true, bearerToken: demo.bearer.token },
		{
			apiKey: demo.basic.apiKey,
			name: 'Sandbox app',
			alias: 'basic key',
			verification: 'basic',
			active: true,
			basicId: demo.basic.id,
			basicPassword: demo.basic.password,
		},
		{
			apiKey: demo.inactive.apiKey,
			name: 'Sandbox app',
			alias: 'inactive key',
			verification: 'signature',
			active: false,
			publicKey: keys.inactive.publicKey,
		},
	];
}

/** Fills the (empty) state with the demo company as it looks `now`. */
export function seedState(state: SandboxState, demo: DemoData, now: number): void {
	for (const member of demo.members) {
		const record: MemberRecord = {
			...member,
			role: [...member.role],
			contact: { ...member.contact },
			create_date: now - 90 * DAY_MS,
			enabled: true,
			deleted: false,
			fields: [{ field_key: 'employee_no', field_value: member.id.slice(0, 6) }],
		};
		state.members.set(member.account_id, record);
	}
	for (const group of demo.groups) {
		state.groups.set(group.id, {
			id: group.id,
			name: group.name,
			description: group.description,
			create_date: now - 80 * DAY_MS,
			members: [...group.members],
			fields: [],
		});
	}
	const admin = state.members.get(demo.adminId);
	TEMPLATE_SEEDS.forEach((seed, index) => {
		const id = fixedId(`template:${seed.label}`);
		state.templates.set(id, {
			...seed,
			form_id: id,
			version: '1',
			abbreviation: seed.label.toUpperCase().replace('-', '_'),
			keyword: seed.label,
			desc: `${seed.name} (sandbox template)`,
			create_id: demo.adminId,
			create_name: admin?.name ?? '',
			create_date: now - (60 - index) * DAY_MS,
			update_date: now - (30 - index) * DAY_MS,
			owner_id: demo.adminId,
			owner_name: admin?.name ?? '',
			default_document_name: seed.name,
			fields: seed.fields.map((field) => ({ ...field })),
			steps: seed.steps.map((step) => ({ ...step })),
			deleted: false,
			form_image_id: fixedId(`template-image:${seed.label}`),
			// The number form for one template (SKILL's example), the object form for the others.
			form_doc_retention_period:
				seed.label === 'title-locked' ? 0 : { usePeriod: seed.label === 'contract', periodType: 'year', period: 5 },
			// Everybody may use a new template; template managers may change it (INFERRED defaults).
			permissions: {
				use_all_members: true,
				use: { members: [], groups: [] },
				modify: { members: [], groups: [], managers: ['TEMPLATE_MANAGER'] },
			},
		});
	});
	STAMP_SEEDS.forEach((seed, index) => {
		const stamp = demo.stamps[index];
		state.stamps.set(stamp.id, {
			id: stamp.id,
			name: seed.name,
			description: seed.description,
			create_date: now - (20 - index) * DAY_MS,
			create_id: demo.adminId,
			update_date: now - (10 - index) * DAY_MS,
			update_id: demo.adminId,
			image: pngImage(48, 48, seed.colour),
			auth: { allow_all_members: stamp.allow_all_members, groups: [...stamp.groups], members: [...stamp.members] },
		});
	});
	for (const seed of DOCUMENT_SEEDS) {
		const template = state.templates.get(fixedId(`template:${seed.template}`));
		if (!template) continue;
		const spec: DocumentSpec = {
			id: fixedId(`document:${seed.label}`),
			template,
			document_name: seed.name,
			creator: memberParty(state, seed.creator),
			created_date: now - seed.ageDays * DAY_MS,
			updated_date: now - seed.ageDays * DAY_MS + 6 * 60 * 60 * 1000,
			status_type: seed.status,
			current_seq: seed.current_seq,
			recipients: seed.recipients.map((recipient) =>
				typeof recipient === 'string'
					? { ...memberParty(state, recipient), email: recipient }
					: { recipient_type: '02' as const, name: recipient[0], id: recipient[1], email: recipient[1] },
			),
			fields: seed.fields,
			attachments: [{ name: 'attachment-note.txt', content: `Attachment of ${seed.name}\n` }],
		};
		state.documents.set(spec.id, materializeDocument(spec));
	}
	seedExtraDocuments(state, demo, now);
}

export function memberParty(state: SandboxState, accountId: string): Party {
	const member = state.members.get(accountId);
	return { recipient_type: '01', id: accountId, name: member?.name ?? accountId };
}
