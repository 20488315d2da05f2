// The company's data as the sandbox keeps it. Records use eformsign's own field names where the
// API shows them, so assertions in tests read like eformsign's documentation.

import type { SentPdf } from './types';

/** '01' company member, '02' external (non-member) (docs/api/eformsign-api-notes.md, "Code tables"). */
type RecipientType = '01' | '02';

export interface Party {
	recipient_type: RecipientType;
	id: string;
	name: string;
}

export interface MemberRecord {
	/** Internal 32-hex id. */
	id: string;
	/** Login e-mail: what every endpoint calls the member id. */
	account_id: string;
	name: string;
	department: string;
	position: string;
	create_date: number;
	enabled: boolean;
	deleted: boolean;
	contact: { number: string; tel: string; email: string; country_id: string };
	role: string[];
	fields: Array<{ field_key: string; field_value: string }>;
}

export interface GroupRecord {
	id: string;
	name: string;
	description: string;
	create_date: number;
	/** Account ids (e-mails) of the members. */
	members: string[];
	fields: Array<{ u_id: string; field_key: string; field_value: string; field_file: string }>;
}

interface TemplateField {
	id: string;
	type: 'text' | 'number' | 'date' | 'email' | 'signature';
	label: string;
	required: boolean;
}

interface TemplateStep {
	/** '05' participant, '06' reviewer, '07' viewer. */
	step_type: string;
	step_name: string;
}

export interface TemplateRecord {
	form_id: string;
	name: string;
	version: string;
	abbreviation: string;
	category: string;
	keyword: string;
	desc: string;
	create_id: string;
	create_name: string;
	create_date: number;
	update_date: number;
	owner_id: string;
	owner_name: string;
	/** false = deactivated or expired → 4000008 on document creation. */
	enabled: boolean;
	/**
	 * "URL로 문서 작성 허용" on the start step: required by external creation
	 * (docs/api/eformsign-api-notes.md, "Create document (external writer)").
	 */
	allow_url_creation: boolean;
	/** Title cannot be changed → 4000010 when document_name differs (docs/api/eformsign-api-notes.md, "Create document"). */
	title_locked: boolean;
	default_document_name: string;
	fields: TemplateField[];
	/** Workflow steps after the start step ('00') and before completion ('01'). */
	steps: TemplateStep[];
	deleted: boolean;
	/** `file.form_image_id`: what GET /v2.0/api/template_image/{id} takes. */
	form_image_id: string;
	/** A number in one source, an object in another: the sandbox serves both. */
	form_doc_retention_period: number | { usePeriod: boolean; periodType: string; period: number };
	permissions: TemplatePermissions;
}

/**
 * Who may use (create documents from) and who may change a template
 * (docs/api/eformsign-api-notes.md, "Template permissions"). Members are account
 * ids, groups group ids, managers 'TEMPLATE_MANAGER' | 'DOCUMENT_MANAGER' | 'COMPANY_MANAGER'.
 */
export interface TemplatePermissions {
	use_all_members: boolean;
	use: { members: string[]; groups: string[] };
	modify: { members: string[]; groups: string[]; managers: string[] };
}

/** A company stamp (docs/api/eformsign-api-notes.md, "Company stamps"); `auth` lists who may use it. */
export interface StampRecord {
	id: string;
	name: string;
	description: string;
	create_date: number;
	create_id: string;
	update_date: number;
	update_id: string;
	/** The PNG the stamp.path data URL carries. */
	image: Buffer;
	auth: { allow_all_members: boolean; groups: string[]; members: string[] };
}

export interface RecipientRecord {
	recipient_type: RecipientType;
	/** Member account id, external e-mail, or the phone number for SMS-only recipients. */
	id: string;
	name: string;
	email: string;
	sms?: { country_code: string; phone_number: string };
	group_id?: string;
	use_mail: boolean;
	use_sms: boolean;
	/** The outside token of an external recipient ('' for members). */
	token_id: string;
	complete_token_id: string;
	/** Set when refresh_complete_token extended the complete token ("Extend completion tokens"). */
	complete_token_expired_date?: number;
	sms_template_index: number;
}

export interface DocumentStep {
	/** Workflow position: 1 is the first step after the start step. */
	seq: number;
	step_type: string;
	step_name: string;
	recipients: RecipientRecord[];
	executed_date?: number;
}

export interface HistoryRecord {
	id: string;
	step_seq: number;
	step_type: string;
	step_name: string;
	action_type: string;
	executor: Party;
	executed_date: number;
	comment: string;
}

export interface FieldValue {
	id: string;
	value: string;
	type: string;
}

/** Coarse state that decides which operations are allowed; status_type is the exact code. */
export type DocumentPhase = 'draft' | 'in_progress' | 'rejected' | 'completed' | 'cancelled';

export interface DocumentRecord {
	id: string;
	document_number: string;
	template_id: string;
	template_name: string;
	template_version: string;
	document_name: string;
	creator: Party;
	created_date: number;
	last_editor: Party;
	updated_date: number;
	phase: DocumentPhase;
	/** current_status.status_type code (docs/api/eformsign-api-notes.md, "Code tables"). */
	status_type: string;
	/** 0 = start step (draft or sent back), 1..n = step waiting for action, n+1 = completed. */
	current_seq: number;
	steps: DocumentStep[];
	fields: FieldValue[];
	/** Field ids the create request sent that the template does not have (accepted, not stored). */
	ignored_field_ids: string[];
	parameters: Array<{ id: string; value: string }>;
	histories: HistoryRecord[];
	comment: string;
	/** Moved to the trash by a non-permanent delete: reads answer 4000006. */
	trashed: boolean;
	mass_job_request_id: string;
	/** download_files requests that still answer 2020001 for the current PDF. */
	pdf_pending_polls: number;
	/** Size of the served PDF when a test asked for a big one (setFileSize). */
	file_size?: number;
	attachments: Array<{ name: string; content: string }>;
	/** Made from "my file" rather than a template: only these drafts can be sent with /send ("Send a draft"). */
	unstructured?: boolean;
	/** What the last /send asked for `remove_company_stamp_mark`. */
	remove_company_stamp_mark?: boolean;
}

interface CompanyRecord {
	company_id: string;
	name: string;
}

/** Everything a test may assert on. Maps are mutated in place by reset(), so references stay valid. */
export interface SandboxState {
	company: CompanyRecord;
	/** Keyed by account id (e-mail). */
	members: Map<string, MemberRecord>;
	groups: Map<string, GroupRecord>;
	templates: Map<string, TemplateRecord>;
	documents: Map<string, DocumentRecord>;
	stamps: Map<string, StampRecord>;
	/** Every PDF send_multiple_completed_document delivered, oldest first ("Send completed PDFs"). */
	sentPdfs: SentPdf[];
}

export function createEmptyState(company: CompanyRecord): SandboxState {
	return {
		company,
		members: new Map(),
		groups: new Map(),
		templates: new Map(),
		documents: new Map(),
		stamps: new Map(),
		sentPdfs: [],
	};
}

export function clearState(state: SandboxState): void {
	state.members.clear();
	state.groups.clear();
	state.templates.clear();
	state.documents.clear();
	state.stamps.clear();
	state.sentPdfs.length = 0;
}

/** A member by account id or internal id; deleted members are returned too (callers decide). */
export function findMember(state: SandboxState, idOrAccount: string): MemberRecord | undefined {
	const byAccount = state.members.get(idOrAccount);
	if (byAccount) return byAccount;
	for (const member of state.members.values()) {
		if (member.id === idOrAccount) return member;
	}
	return undefined;
}

export function activeMember(state: SandboxState, accountId: string): MemberRecord | undefined {
	const member = state.members.get(accountId);
	return member && !member.deleted ? member : undefined;
}

export function groupsOfMember(state: SandboxState, accountId: string): GroupRecord[] {
	return [...state.groups.values()].filter((group) => group.members.includes(accountId));
}

export function isCompanyManager(member: MemberRecord | undefined): boolean {
	if (!member) return false;
	return member.role.some((role) => role === 'admin' || role === 'company_manager');
}
