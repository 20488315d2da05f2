import type { IDataObject } from 'n8n-workflow';

import { eformsignRequest, type EformsignContext, type ForItem } from '../transport';
import { documentPath } from './documents';

/**
 * Moving a document on from outside the signing itself: a "my file" draft sent to its saved
 * recipients, and the decision of an approval step made in the company's own approval system
 * (docs/api/eformsign-api-notes.md, "Send a draft", "Integrated approval").
 */

/** Sends a "my file" draft to the recipients saved with it; needs a member token. */
export async function sendDraft(
	this: EformsignContext,
	documentId: string,
	request: { comment: string; removeCompanyStampMark: boolean },
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: documentPath(documentId, '/send'),
		body: { comment: request.comment, remove_company_stamp_mark: request.removeCompanyStampMark },
		...forItem,
	});
}

export interface ApprovalDecision {
	/** The approver in the company's own system. */
	executorId: string;
	executorName: string;
	comment: string;
}

function decisionFields(decision: ApprovalDecision): IDataObject {
	return { executor_id: decision.executorId, executor_name: decision.executorName, comment: decision.comment };
}

/** The approval step is approved: the document moves on. The body is wrapped in `input`. */
export async function approveIntegratedApproval(
	this: EformsignContext,
	documentId: string,
	decision: ApprovalDecision,
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: documentPath(documentId, '/send_external_approval'),
		body: { input: decisionFields(decision) },
		...forItem,
	});
}

/** The approval step is declined: the document goes back. The body is flat, unlike approve's. */
export async function declineIntegratedApproval(
	this: EformsignContext,
	documentId: string,
	decision: ApprovalDecision,
	forItem?: ForItem,
): Promise<IDataObject> {
	return await eformsignRequest.call(this, {
		method: 'POST',
		path: documentPath(documentId, '/decline_external_approval'),
		body: decisionFields(decision),
		...forItem,
	});
}
