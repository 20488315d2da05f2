/** eformsign code tables (docs/api/eformsign-api-notes.md, "Code tables"): raw code → readable name. */

export const STEP_TYPES: Record<string, string> = {
	'00': 'start',
	'01': 'complete',
	'02': 'approval',
	'03': 'external recipient',
	'04': 'internal recipient',
	'05': 'participant',
	'06': 'reviewer',
	'07': 'viewer',
};

export const USER_TYPES: Record<string, string> = {
	'01': 'member',
	'02': 'external',
};

export const DOCUMENT_STATUSES: Record<string, string> = {
	'001': 'draft',
	'002': 'created',
	'003': 'completed',
	'043': 'updated',
	'047': 'deletion requested',
	'049': 'deleted',
	'040': 'cancellation requested',
	'042': 'cancelled',
	'045': 'rejection requested',
	'010': 'approval requested',
	'012': 'approved',
	'011': 'approval rejected',
	'013': 'withdrawn',
	'020': 'reception requested',
	'022': 'received',
	'021': 'reception rejected',
	'030': 'sent to external recipient',
	'032': 'accepted by external recipient',
	'031': 'rejected by external recipient',
	'060': 'sent to participant',
	'062': 'accepted by participant',
	'061': 'rejected by participant',
	'070': 'sent to reviewer',
	'072': 'accepted by reviewer',
	'071': 'rejected by reviewer',
};

export const NEXT_STATUSES: Record<string, string> = {
	'00': 'draft',
	'01': 'in progress',
	'02': 'being corrected',
	'03': 'completed',
	'04': 'rejected',
	'05': 'cancelled',
	'06': 'cancellation requested',
};

export const ACTION_TYPES: Record<string, string> = {
	'001': 'saved as draft',
	'002': 'created',
	'003': 'completed',
	'010': 'approval requested',
	'011': 'approval rejected',
	'012': 'approved',
	'013': 'withdrawn',
	'020': 'reception requested',
	'021': 'reception rejected',
	'022': 'received',
	'023': 'reception saved as draft',
	'030': 'sent to external recipient',
	'031': 'rejected by external recipient',
	'032': 'accepted by external recipient',
	'033': 'resent to external recipient',
	'034': 'opened by external recipient',
	'035': 'saved as draft by external recipient',
	'040': 'cancellation requested',
	'041': 'cancellation refused',
	'042': 'cancelled',
	'043': 'updated',
	'044': 'update cancelled',
	'045': 'rejection requested',
	'046': 'rejection refused',
	'047': 'deletion requested',
	'048': 'deletion refused',
	'049': 'deleted',
	'050': 'completed PDF sent',
	'051': 'transferred',
	'060': 'sent to participant',
	'061': 'rejected by participant',
	'062': 'accepted by participant',
	'063': 'resent to participant',
	'064': 'opened by participant',
	'070': 'sent to reviewer',
	'071': 'rejected by reviewer',
	'072': 'accepted by reviewer',
	'073': 'resent to reviewer',
	'074': 'opened by reviewer',
	'075': 'sent to viewer',
	'076': 'read by viewer',
	'077': 'resent to viewer',
	'090': 'in-person signing started',
	'091': 'in-person signing saved as draft',
	'092': 'in-person signing completed',
};

/** Webhook `status` values (eformsign's Webhook documentation) with readable names, grouped as the trigger offers them. */
export const WEBHOOK_STATUSES: Record<string, { name: string; group: string }> = {
	doc_tempsave: { name: 'Saved as Draft', group: 'Created' },
	doc_create: { name: 'Created', group: 'Created' },
	doc_request_participant: { name: 'Requested to Participant', group: 'Participant' },
	doc_accept_participant: { name: 'Accepted by Participant', group: 'Participant' },
	doc_reject_participant: { name: 'Rejected by Participant', group: 'Participant' },
	doc_request_reviewer: { name: 'Requested to Reviewer', group: 'Reviewer' },
	doc_accept_reviewer: { name: 'Accepted by Reviewer', group: 'Reviewer' },
	doc_reject_reviewer: { name: 'Rejected by Reviewer', group: 'Reviewer' },
	// Approval steps: in current templates decided through Integrated Approval (docs/api/eformsign-api-notes.md, "Integrated approval").
	doc_request_approval: { name: 'Approval Requested', group: 'Approval' },
	doc_accept_approval: { name: 'Approved', group: 'Approval' },
	doc_reject_approval: { name: 'Approval Declined', group: 'Approval' },
	doc_reject_request: { name: 'Rejection Requested', group: 'Requests' },
	doc_decline_cancel_request: { name: 'Cancellation Request Declined', group: 'Requests' },
	doc_delete_request: { name: 'Deletion Requested', group: 'Requests' },
	doc_decline_delete_request: { name: 'Deletion Request Declined', group: 'Requests' },
	doc_cancel_request: { name: 'Cancellation Requested', group: 'Requests' },
	doc_cancel: { name: 'Cancelled', group: 'Finished' },
	doc_deleted: { name: 'Deleted', group: 'Finished' },
	doc_complete: { name: 'Completed', group: 'Finished' },
	doc_request_external: { name: 'Requested to External (Old Workflow)', group: 'Old Workflow' },
	doc_remind_external: { name: 'Reminder to External (Old Workflow)', group: 'Old Workflow' },
	doc_open_external: { name: 'Opened by External (Old Workflow)', group: 'Old Workflow' },
	doc_accept_external: { name: 'Accepted by External (Old Workflow)', group: 'Old Workflow' },
	doc_reject_external: { name: 'Rejected by External (Old Workflow)', group: 'Old Workflow' },
	doc_request_internal: { name: 'Requested to Internal (Old Workflow)', group: 'Old Workflow' },
	doc_accept_internal: { name: 'Accepted by Internal (Old Workflow)', group: 'Old Workflow' },
	doc_reject_internal: { name: 'Rejected by Internal (Old Workflow)', group: 'Old Workflow' },
	doc_tempsave_internal: { name: 'Saved as Draft by Internal (Old Workflow)', group: 'Old Workflow' },
};

export function nameOf(table: Record<string, string>, code: unknown): string | undefined {
	return typeof code === 'string' ? table[code] : undefined;
}

/**
 * A document status as eformsign writes it in some answers: the code ("001") or its key
 * ("doc_tempsave"); both give the readable name ("draft").
 */
export function documentStatusName(status: unknown): string | undefined {
	if (typeof status !== 'string') return undefined;
	return DOCUMENT_STATUSES[status] ?? DOCUMENT_STATUSES[DOCUMENT_STATUS_KEYS[status] ?? ''];
}

/**
 * The keys of the document statuses (`doc_complete`, `doc_request_reception`…) → status code. The
 * `document_status` of a `ready_document_pdf` webhook event uses these keys as well as the webhook
 * `status` values.
 */
export const DOCUMENT_STATUS_KEYS: Record<string, string> = {
	doc_tempsave: '001',
	doc_create: '002',
	doc_complete: '003',
	doc_update: '043',
	doc_request_delete: '047',
	doc_delete: '049',
	doc_request_revoke: '040',
	doc_revoke: '042',
	doc_request_reject: '045',
	doc_request_approval: '010',
	doc_accept_approval: '012',
	doc_reject_approval: '011',
	doc_cancel: '013',
	doc_request_reception: '020',
	doc_accept_reception: '022',
	doc_reject_reception: '021',
	doc_request_outsider: '030',
	doc_accept_outsider: '032',
	doc_reject_outsider: '031',
	doc_request_participant: '060',
	doc_accept_participant: '062',
	doc_reject_participant: '061',
	doc_request_reviewer: '070',
	doc_accept_reviewer: '072',
	doc_reject_reviewer: '071',
};
